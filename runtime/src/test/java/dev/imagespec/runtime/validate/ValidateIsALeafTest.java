package dev.imagespec.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code validate} works on plain values: it uses packaging, reference, text and hash, and nothing that reads a spec. */
class ValidateIsALeafTest {
    private static final Pattern RUNTIME_REFERENCE = Pattern.compile("dev\\.imagespec\\.runtime\\.(\\w+)");
    private static final List<String> ALLOWED = List.of("validate", "packaging", "reference", "text", "hash");

    @Test
    void referencesOnlyLeafPackages() throws IOException {
        Path dir = Path.of("src/main/java/dev/imagespec/runtime/validate");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher m = RUNTIME_REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    assertThat(ALLOWED)
                            .as("%s uses %s", file.getFileName(), m.group())
                            .contains(m.group(1));
                }
            }
        }
    }
}
