package dev.imagespec.runtime;

import dev.imagespec.runtime.text.InputText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Reads the shared test vectors in place: from the directory in system property
 * {@code imagespec.vectors} (set by the parent pom's surefire configuration), else from
 * {@code ../shared/vectors} beside the project root. They are never copied into the repository.
 */
public final class Vectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    /** The vector directory; fails loudly (never skips) when it is missing. */
    public static Path directory() {
        String configured = System.getProperty("imagespec.vectors");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        // Run from the module directory (surefire's default) or from the project root.
        candidates.add(Path.of("..", "..", "shared", "vectors"));
        candidates.add(Path.of("..", "shared", "vectors"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("pep440.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("test vectors not found; tried " + candidates
                + "; set -Dimagespec.vectors=/path/to/shared/vectors");
    }

    /** One vector file, parsed. */
    public static JsonNode read(String file) {
        try {
            return JSON.readTree(directory().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of one section of a file, each named for the test report. */
    public static Stream<Named<JsonNode>> cases(String file, String section, Function<JsonNode, String> name) {
        JsonNode array = read(file).get(section);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalStateException(file + " has no cases in section " + section);
        }
        List<Named<JsonNode>> named = new ArrayList<>();
        array.forEach(c -> named.add(Named.of(InputText.quote(name.apply(c)), c)));
        return named.stream();
    }

    /** A text field that may be JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
