package dev.imagespec.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.spec.SpecMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * flytekit's ImageSpec YAML (the file {@code pyflyte} and {@code Image.look_up_image_info} read
 * with {@code ImageSpec(**yaml.safe_load(f))}), and the same object as JSON.
 *
 * <pre>{@code
 * ImageSpec spec = ImageSpecYaml.read(Path.of("spec.yaml"));
 * String yaml = ImageSpecYaml.write(spec);
 * }</pre>
 *
 * <p>Relative paths in the file resolve against the working directory, as in flytekit. A nested
 * {@code base_image} mapping becomes a base spec.
 */
public final class ImageSpecYaml {
    private ImageSpecYaml() {}

    /** Reads a {@code .yaml}/{@code .yml} file, or a {@code .json} file as JSON. */
    public static ImageSpec read(Path file) {
        return read(file, null);
    }

    /** Reads a spec file; relative paths resolve against {@code baseDir} (the working directory when null). */
    public static ImageSpec read(Path file, Path baseDir) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image spec " + file + ": " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, json, baseDir, file.toString());
    }

    /** Parses spec text, YAML or JSON; {@code origin} names it in messages. */
    @SuppressWarnings("unchecked")
    public static ImageSpec parse(String text, boolean json, Path baseDir, String origin) {
        Object tree;
        try {
            tree = json ? JsonTree.read(text) : Yaml.MAPPER.readValue(text, new TypeReference<Object>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + " is not valid " + (json ? "JSON" : "YAML") + ": "
                    + e.getMessage(), e);
        }
        if (tree == null) {
            tree = Map.of(); // an empty file is ImageSpec() with all defaults, as in flytekit
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(origin + " must hold a mapping of ImageSpec fields, e.g. \"name: my-task\"");
        }
        return ImageSpec.of(SpecMapper.fromMap((Map<String, Object>) tree, baseDir, origin));
    }

    /** The spec as flytekit's YAML, fields in dataclass order, a base spec nested. */
    public static String write(ImageSpec spec) {
        try {
            return Yaml.MAPPER.writeValueAsString(SpecMapper.toMap(spec.values(), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec as the same object in JSON. */
    public static String writeJson(ImageSpec spec) {
        return JsonTree.write(SpecMapper.toMap(spec.values(), false));
    }

    /** Holder: the YAML mapper is only loaded by code that reads YAML, never on the task start-up path. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build());
    }
}
