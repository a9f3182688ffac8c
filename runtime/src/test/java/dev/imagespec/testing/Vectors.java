package dev.imagespec.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
