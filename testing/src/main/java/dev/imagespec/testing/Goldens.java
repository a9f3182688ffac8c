package dev.imagespec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/goldens/} of the module whose tests call it (the tests' working
 * directory, the module directory under Maven): {@link #assertMatches} compares text with one, and
 * {@code -Dimagespec.updateGoldens=true} rewrites them instead, so a review shows the diff.
 */
public final class Goldens {
    private static final Path DIR = Path.of("src", "test", "resources", "goldens");

    private Goldens() {}

    /** Compares {@code actual} with {@code goldens/<name>}, or rewrites that file when updating. */
    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("imagespec.updateGoldens")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file)
                    .as("golden %s is missing; run with -Dimagespec.updateGoldens=true to create it", file)
                    .exists();
            assertThat(actual)
                    .as("differs from golden %s (regenerate with -Dimagespec.updateGoldens=true)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
