package dev.imagespec.runtime.descriptor;

import dev.imagespec.runtime.spec.InputLimits;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.text.InputText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled form of one {@code @ImageSpec}: {@code META-INF/imagespec/<binary class name>.json}.
 * It holds the spec in flytekit's field names (a base spec nested in {@code base_image}), the
 * digests of the files it names as they were at compile time, and the {@code id}, {@code tag} and
 * {@code image_name} computed then. The generated {@code <Task>_ImageSpec.values(baseDir)} builds
 * the same values as code; the runtime reads the descriptor when that class is absent
 * ({@code -Aimagespec.constants=false}) and for {@code ImageSpecs.all()}, with {@link JsonTree}.
 *
 * <pre>{@code
 * {
 *   "format" : "imagespec-descriptor/1",
 *   "class" : "dev.acme.TrainTask",
 *   "id" : "...", "tag" : "...", "image_name" : "...",
 *   "spec" : { "name" : "trainer", "platform" : "linux/amd64", "file_digests" : { ... } }
 * }
 * }</pre>
 *
 * @param className the annotated class's binary name
 * @param id the spec's id when compiled
 * @param tag the spec's tag when compiled
 * @param imageName the spec's image name when compiled
 * @param spec the field map, with {@value SpecMapper#FILE_DIGESTS} entries
 */
public record Descriptor(String className, String id, String tag, String imageName, Map<String, Object> spec) {
    /** The format this code writes and reads; a reader refuses others with a message to recompile. */
    public static final String FORMAT = "imagespec-descriptor/1";
    /** Where descriptors live on the class path. */
    public static final String DIRECTORY = "META-INF/imagespec/";
    /** The per-jar list of descriptors. */
    public static final String INDEX = DIRECTORY + "index.json";

    /** The resource path of a class's descriptor, e.g. {@code META-INF/imagespec/dev.acme.TrainTask.json}. */
    public static String resourceFor(String binaryClassName) {
        return DIRECTORY + binaryClassName + ".json";
    }

    /** A descriptor of a spec as it is now (files digested now). */
    public static Descriptor of(String className, SpecValues spec) {
        return new Descriptor(className, spec.id(), spec.tag(), spec.imageName(), SpecMapper.toMap(spec, true));
    }

    /**
     * The spec it describes; relative paths resolve against {@code baseDir} (the working directory when null).
     *
     * @throws InvalidImageSpecException when a field has the wrong type; the message names the descriptor
     */
    public SpecValues toValues(Path baseDir) {
        try {
            return SpecMapper.fromDescriptorMap(spec, baseDir, className, id, tag);
        } catch (InvalidImageSpecException e) {
            throw new InvalidImageSpecException(
                    className + " (descriptor " + resourceFor(className) + ")", e.problems());
        }
    }

    /**
     * Whether the recorded {@link #id}, {@link #tag} and {@link #imageName} are the spec's whatever is
     * on disk: no spec in its base chain names files (nor holds digests of them), whose change must be
     * detected ({@code SpecValues.namesFiles}). Read from the field map alone, so that a task start
     * needs no field table; conservative: a file field that is present at all counts.
     */
    public boolean namesAreFinal() {
        for (Map<?, ?> s = spec; s != null; s = s.get("base_image") instanceof Map<?, ?> base ? base : null) {
            if (s.get("requirements") != null
                    || s.get("copy") != null
                    || s.get("source_copy_mode") != null
                    || s.get(SpecMapper.FILE_DIGESTS) != null) {
                return false;
            }
        }
        return true;
    }

    /** Whether the spec is built on another spec (not on an image reference), e.g. false for a plain base image. */
    public boolean hasBaseSpec() {
        return spec.get("base_image") instanceof Map<?, ?>;
    }

    /** Deterministic JSON (stable key order, UTF-8, trailing newline). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("class", className);
        m.put("id", id);
        m.put("tag", tag);
        m.put("image_name", imageName);
        m.put("spec", spec);
        return JsonTree.write(m);
    }

    /**
     * Reads a descriptor; {@code source} names it in messages.
     *
     * @throws IOException when it is larger than {@link InputLimits#MAX_DESCRIPTOR_BYTES}, is not JSON, nests
     *     deeper than {@link InputLimits#MAX_DEPTH}, has another format, or a field of the wrong type; the
     *     message names {@code source}, the field and what it must be
     */
    @SuppressWarnings("unchecked")
    public static Descriptor read(InputStream in, String source) throws IOException {
        Object tree = parse(in, "descriptor " + source);
        if (!(tree instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
            Object format = tree instanceof Map<?, ?> mm ? mm.get("format") : null;
            throw new IOException("descriptor " + source + " has format " + shown(format) + ", this runtime reads "
                    + FORMAT + "; recompile the class with the matching imagespec-processor");
        }
        Object spec = m.get("spec");
        // JsonTree reads every object as a map with String keys: what is checked is that "spec" is one
        if (!(spec instanceof Map<?, ?> specMap)) {
            throw wrongType(source, "spec", "an object of ImageSpec fields", spec);
        }
        String className = string(m, "class", source);
        String file = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        if (file.endsWith(".json") && !file.equals(className + ".json")) {
            // its messages would name another class's descriptor
            throw new IOException("descriptor " + source + " holds class " + InputText.quote(className)
                    + ", not the class its file is named for; recompile the class with imagespec-processor");
        }
        return new Descriptor(
                className, string(m, "id", source), string(m, "tag", source), string(m, "image_name", source), (Map<
                                String, Object>)
                        specMap);
    }

    private static Object parse(InputStream in, String what) throws IOException {
        byte[] bytes = InputLimits.readAtMost(in, InputLimits.MAX_DESCRIPTOR_BYTES, what);
        try {
            return JsonTree.read(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(what + " is not valid JSON: " + JsonTree.reason(e), e);
        }
    }

    private static String string(Map<?, ?> m, String field, String source) throws IOException {
        Object v = m.get(field);
        if (!(v instanceof String s)) {
            throw wrongType(source, field, "a string", v);
        }
        return s;
    }

    private static IOException wrongType(String source, String field, String expected, Object found) {
        return new IOException("descriptor " + source + ": \"" + field + "\" must be " + expected + ", not "
                + shown(found) + "; recompile the class with imagespec-processor");
    }

    /** A value in a message: quoted and cut to a readable length, with its JSON type. */
    static String shown(Object v) {
        if (v == null) {
            return "null";
        }
        String type = v instanceof String
                ? "a string"
                : v instanceof Map<?, ?>
                        ? "an object"
                        : v instanceof List<?> ? "an array" : v instanceof Boolean ? "a boolean" : "a number";
        String q = InputText.quote(String.valueOf(v));
        return (v instanceof String ? q : q.substring(1, q.length() - 1)) + " (" + type + ")";
    }

    /** The index listing descriptors: {@code {"format": ..., "classes": [..]}}, sorted. */
    public static String indexJson(List<String> classNames) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("classes", classNames.stream().sorted().toList());
        return JsonTree.write(m);
    }

    /**
     * The class names an index lists.
     *
     * @throws IOException as {@link #read}, and when {@code classes} is not an array of strings
     */
    public static List<String> readIndex(InputStream in, String source) throws IOException {
        Object tree = parse(in, "index " + source);
        if (!(tree instanceof Map<?, ?> m)
                || !FORMAT.equals(m.get("format"))
                || !(m.get("classes") instanceof List<?> classes)) {
            throw new IOException(
                    "index " + source + " is not an " + FORMAT + " index; recompile with the matching processor");
        }
        List<String> names = new ArrayList<>(classes.size());
        for (Object c : classes) {
            if (!(c instanceof String name)) {
                throw new IOException("index " + source + ": \"classes\" must be an array of class names (strings), but"
                        + " holds " + shown(c) + "; recompile with the matching processor");
            }
            names.add(name);
        }
        return names;
    }
}
