package dev.imagespec.runtime.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy digest read on one thread (small inputs) and through the reader thread (a tree, or files of
 * 4 MiB and more), with and without the digest cache, against flytekit's {@code compute_digest} written
 * plainly here: md5 of each file's bytes then its name, directories walked top-down, sorted.
 */
class FileDigesterTest {
    @TempDir
    Path dir;

    @Test
    void aTreeHashesAsComputeDigest() throws IOException {
        Random random = new Random(2);
        write("conf/a.yaml", 10);
        write("conf/big.bin", 9 << 20);
        write("conf/sub/b \u00e9.txt", 300_000);
        write("conf/sub/c.txt", 0);
        write("conf/Z/d.txt", 262_144); // exactly one of the reader's buffers
        for (int i = 0; i < 40; i++) {
            write("conf/many/f" + i, random.nextInt(100_000));
        }
        write("run.sh", 5);
        Files.createSymbolicLink(dir.resolve("conf/dangling"), dir.resolve("nowhere"));
        Files.createSymbolicLink(dir.resolve("conf/linked-dir"), dir.resolve("conf/sub"));
        String expected = reference(List.of("conf", "run.sh"));
        assertThat(FileDigester.copy(List.of("conf", "run.sh"), dir)).isEqualTo(expected);
        DigestCache cache = DigestCache.load(dir.resolve("cache.tsv"));
        assertThat(FileDigester.copy(List.of("conf", "run.sh"), dir, cache)).isEqualTo(expected);
        assertThat(FileDigester.copy(List.of("conf/sub", "conf/big.bin"), dir))
                .isEqualTo(reference(List.of("conf/sub", "conf/big.bin")));
    }

    @Test
    void smallFilesHashOnTheCallersThread() throws IOException {
        write("a.txt", 100);
        write("b.txt", 70_000);
        assertThat(FileDigester.copy(List.of("b.txt", "a.txt", "missing.txt"), dir))
                .isEqualTo(reference(List.of("b.txt", "a.txt", "missing.txt")));
    }

    @Test
    void aReadFailureIsThrownByTheCaller() throws IOException {
        Path self = Path.of("/proc/self/mem");
        if (!Files.exists(self)) {
            return; // not Linux
        }
        write("tree/a.txt", 10);
        Path link = Files.createSymbolicLink(dir.resolve("tree/b"), self); // a regular file that fails to read
        try {
            assertThatThrownBy(() -> FileDigester.copy(List.of("tree"), dir)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> FileDigester.copy(List.of("tree/b"), dir)).isInstanceOf(IOException.class);
        } finally {
            Files.delete(link);
        }
    }

    private void write(String relative, int size) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Files.write(f, bytes);
    }

    /** compute_digest, plainly. */
    private String reference(List<String> sources) throws IOException {
        MessageDigest md5 = FileDigester.digest("MD5");
        for (String source : sources) {
            Path p = dir.resolve(source);
            if (Files.isDirectory(p)) {
                walk(p, p, md5);
            } else if (Files.exists(p)) {
                md5.update(Files.readAllBytes(p));
                md5.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void walk(Path top, Path d, MessageDigest md5) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p)) {
                    if (!Files.isSymbolicLink(p)) {
                        dirs.add(p);
                    }
                } else {
                    files.add(p);
                }
            }
        }
        files.sort((a, b) -> SourceRootListing.BY_CODE_POINTS.compare(
                a.getFileName().toString(), b.getFileName().toString()));
        dirs.sort((a, b) -> SourceRootListing.BY_CODE_POINTS.compare(
                a.getFileName().toString(), b.getFileName().toString()));
        for (Path f : files) {
            if (Files.exists(f)) {
                md5.update(Files.readAllBytes(f));
                md5.update(top.relativize(f).toString().replace("/", "").getBytes(StandardCharsets.UTF_8));
            }
        }
        for (Path sub : dirs) {
            walk(top, sub, md5);
        }
    }
}
