package dev.imagespec.runtime.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests reused between compiles: same answers, no file read twice, a changed file read again. */
class DigestCacheTest {
    @TempDir
    Path dir;

    private void files() throws IOException {
        Files.createDirectories(dir.resolve("conf/sub"));
        Files.writeString(dir.resolve("conf/a.yaml"), "a: 1\n");
        Files.writeString(dir.resolve("conf/sub/b.txt"), "b");
        Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
        ageAll();
    }

    private int aged;

    /** Sets every file's time a minute back, a second further each call: two calls never give one time. */
    private void ageAll() throws IOException {
        aged++;
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000 - aged * 1_000L);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    @Test
    void sameDigestsAndNoFileReadTwiceAcrossCompiles() throws IOException {
        files();
        Path file = dir.resolve("cache/classes.tsv");
        String copy = FileDigester.copy(List.of("conf"), dir);
        String requirements = FileDigester.requirements(dir.resolve("requirements.txt"));

        DigestCache first = DigestCache.load(file);
        assertThat(FileDigester.copy(List.of("conf"), dir, first)).isEqualTo(copy);
        assertThat(FileDigester.requirements(dir.resolve("requirements.txt"), first))
                .isEqualTo(requirements);
        first.save();

        DigestCache second = DigestCache.load(file);
        long hashed = FileDigester.filesHashed();
        assertThat(FileDigester.copy(List.of("conf"), dir, second)).isEqualTo(copy);
        assertThat(FileDigester.requirements(dir.resolve("requirements.txt"), second))
                .isEqualTo(requirements);
        assertThat(FileDigester.filesHashed()).isEqualTo(hashed);
        assertThat(second.hits()).isEqualTo(2);
    }

    @Test
    void aChangedAddedOrRecentFileIsReadAgain() throws IOException {
        files();
        DigestCache cache = DigestCache.load(dir.resolve("cache/classes.tsv"));
        String before = FileDigester.copy(List.of("conf"), dir, cache);

        Files.writeString(dir.resolve("conf/sub/b.txt"), "B");
        ageAll(); // same size, older time than before: the time still differs
        String changed = FileDigester.copy(List.of("conf"), dir, cache);
        assertThat(changed).isNotEqualTo(before).isEqualTo(FileDigester.copy(List.of("conf"), dir));

        Files.writeString(dir.resolve("conf/c.txt"), "c");
        ageAll();
        assertThat(FileDigester.copy(List.of("conf"), dir, cache)).isEqualTo(FileDigester.copy(List.of("conf"), dir));

        Files.writeString(dir.resolve("conf/a.yaml"), "a: 2\n"); // modified just now: not remembered
        long hits = cache.hits();
        FileDigester.copy(List.of("conf"), dir, cache);
        FileDigester.copy(List.of("conf"), dir, cache);
        assertThat(cache.hits()).isEqualTo(hits);
    }

    @Test
    void aForeignOrMissingFileIsAnEmptyCache() throws IOException {
        Path file = dir.resolve("digests.tsv");
        assertThat(DigestCache.load(file).hits()).isZero();
        Files.writeString(file, "something else\nk\tv\n");
        files();
        DigestCache cache = DigestCache.load(file);
        FileDigester.copy(List.of("conf"), dir, cache);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void specsHashThroughTheCacheAndDescriptorsKeepTheirTag() throws IOException {
        files();
        DigestCache cache = DigestCache.load(dir.resolve("cache/classes.tsv"));
        ImageSpec plain = ImageSpec.builder()
                .name("x")
                .copy("conf")
                .requirements("requirements.txt")
                .baseDir(dir)
                .build();
        ImageSpec cached = plain.toBuilder().digestCache(cache).build();
        assertThat(cached.tag()).isEqualTo(plain.tag());
        assertThat(cached.toBuilder().build().tag()).isEqualTo(plain.tag());

        ImageSpec noFiles = ImageSpec.builder()
                .name("y")
                .registry("ghcr.io/acme")
                .packages("numpy")
                .build();
        ImageSpec read = ImageSpec.of(Descriptor.of("a.Y", noFiles.values()).toValues(dir));
        assertThat(read.tag()).isEqualTo(noFiles.tag());
        assertThat(read.withPackages("pandas").tag())
                .isEqualTo(noFiles.withPackages("pandas").tag());
    }
}
