package dev.imagespec.runtime.descriptor;

import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.SpecValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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

    /** The spec it describes; relative paths resolve against {@code baseDir} (the working directory when null). */
    public SpecValues toValues(Path baseDir) {
        return SpecMapper.fromDescriptorMap(spec, baseDir, className, id, tag);
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

    /** Reads a descriptor with {@link JsonTree}; {@code source} names it in messages. */
    @SuppressWarnings("unchecked")
    public static Descriptor read(InputStream in, String source) throws IOException {
        Object tree = JsonTree.read(in);
        if (!(tree instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
            Object format = tree instanceof Map<?, ?> mm ? mm.get("format") : null;
            throw new IOException("descriptor " + source + " has format " + format + ", this runtime reads "
                    + FORMAT + "; recompile the class with the matching imagespec-processor");
        }
        return new Descriptor((String) m.get("class"), (String) m.get("id"), (String) m.get("tag"),
                (String) m.get("image_name"), (Map<String, Object>) m.get("spec"));
    }

    /** The index listing descriptors: {@code {"format": ..., "classes": [..]}}, sorted. */
    public static String indexJson(List<String> classNames) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("classes", classNames.stream().sorted().toList());
        return JsonTree.write(m);
    }

    /** The class names an index lists, read with {@link JsonTree}. */
    @SuppressWarnings("unchecked")
    public static List<String> readIndex(InputStream in, String source) throws IOException {
        Object tree = JsonTree.read(in);
        if (!(tree instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format")) || !(m.get("classes") instanceof List<?>)) {
            throw new IOException("index " + source + " is not an " + FORMAT + " index; recompile with the matching processor");
        }
        return (List<String>) m.get("classes");
    }
}
