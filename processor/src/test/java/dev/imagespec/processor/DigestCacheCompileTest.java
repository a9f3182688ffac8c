package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second compile with nothing changed reads no file again and writes the same descriptors. */
class DigestCacheCompileTest {
    private static final Map<String, String> SOURCES = Map.of(
            "t/Child.java",
            "package t; @dev.imagespec.annotations.ImageSpec(name = \"child\", copy = \"data\","
                    + " requirements = \"requirements.txt\") public class Child {}");

    @Test
    void secondCompileReusesEveryDigest(@TempDir Path first) throws IOException {
        Files.createDirectories(first.resolve("data/sub"));
        Files.writeString(first.resolve("data/sub/x.csv"), "1,2\n");
        Files.writeString(first.resolve("requirements.txt"), "numpy\n");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        try (Stream<Path> all = Files.walk(first)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
        String cache = "-Aimagespec.cacheDir=" + first.resolve("cache");
        RealJavac.Result cold =
                RealJavac.compile(first, SOURCES, List.of("t/Child.java"), cache, "-Aimagespec.stats=true");
        String descriptor = Files.readString(cold.classes().resolve("META-INF/imagespec/t.Child.json"));
        Files.delete(cold.classes().resolve("META-INF/imagespec/t.Child.json"));
        RealJavac.Result warm =
                RealJavac.compile(first, SOURCES, List.of("t/Child.java"), cache, "-Aimagespec.stats=true");

        assertThat(cold.diagnostics()).contains("imagespec: 1 specs, 2 files hashed, 0 digests reused");
        assertThat(warm.diagnostics()).contains("imagespec: 1 specs, 0 files hashed, 2 digests reused");
        // the note's cost report: every phase by name, and the classes loaded while processing
        assertThat(warm.diagnostics())
                .containsPattern(
                        "ms in the processor \\(setup \\d+, scan \\d+, resolve \\d+, render \\d+, constants \\d+,"
                                + " cache \\d+, write \\d+\\), [1-9]\\d* classes loaded while processing");
        // the cache file was replaced whole: no temporary file left beside it
        assertThat(first.resolve("cache")).isDirectoryNotContaining("glob:**.tmp");
        assertThat(Files.readString(warm.classes().resolve("META-INF/imagespec/t.Child.json")))
                .isEqualTo(descriptor);
        assertThat(first.resolve("cache/classes.tsv")).exists();
        assertThat(warm.classes().resolve("META-INF/imagespec")).isDirectoryNotContaining("glob:**.tsv");
    }
}
