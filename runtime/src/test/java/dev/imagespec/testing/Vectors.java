package dev.imagespec.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.ImageSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The shared test vectors, read in place from {@code ../shared/vectors} (system property
 * {@code imagespec.vectors}, set by the parent pom). A missing file fails the test: never skipped.
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    public static Path dir() {
        String configured = System.getProperty("imagespec.vectors");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "vectors");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("test vectors not found at " + dir.toAbsolutePath()
                    + "; the checkout must have shared/ beside it (../shared/vectors)");
        }
        return dir;
    }

    public static JsonNode read(String file) {
        try {
            return JSON.readTree(dir().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** flytekit's spec cases as JUnit arguments {@code (case name, case node)}. */
    public static Stream<Arguments> specCases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : read("flytekit-imagespec.json").get("specs")) {
            cases.add(Arguments.of(c.get("case").asText(), c));
        }
        return cases.stream();
    }

    /** A case's spec fields as the map {@code yaml.safe_load} would give. */
    public static Map<String, Object> fields(JsonNode specCase) {
        return JSON.convertValue(specCase.get("spec"), new TypeReference<Map<String, Object>>() {});
    }

    /** Creates the case's files under {@code dir}. */
    public static void writeFiles(JsonNode specCase, Path dir) throws IOException {
        if (!specCase.has("files")) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = specCase.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue().asText(), StandardCharsets.UTF_8);
        }
    }

    /** Applies the case's {@code ops} ({@code with_packages}, ...) in order. */
    public static ImageSpec applyOps(JsonNode specCase, ImageSpec spec) {
        ImageSpec out = spec;
        if (specCase.has("ops")) {
            for (JsonNode op : specCase.get("ops")) {
                out = applyOp(out, op.get(0).asText(), op.get(1));
            }
        }
        return out;
    }

    private static ImageSpec applyOp(ImageSpec spec, String op, JsonNode arg) {
        if (op.equals("with_builder_options")) {
            return spec.withBuilderOptions(JSON.convertValue(arg, new TypeReference<Map<String, Object>>() {}));
        }
        String[] items = arg.isArray() ? JSON.convertValue(arg, String[].class) : new String[] {arg.asText()};
        switch (op) {
            case "with_packages": return spec.withPackages(items);
            case "with_commands": return spec.withCommands(items);
            case "with_apt_packages": return spec.withAptPackages(items);
            case "with_copy": return spec.withCopy(items);
            case "with_runtime_packages": return spec.withRuntimePackages(items);
            default: throw new IllegalArgumentException("unknown op " + op);
        }
    }
}
