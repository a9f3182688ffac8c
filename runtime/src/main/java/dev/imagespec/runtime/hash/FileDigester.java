package dev.imagespec.runtime.hash;

import dev.imagespec.annotations.CopyFileDetection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Computes the file digests flytekit puts into an image tag, byte for byte:
 * <ul>
 *   <li>{@link #requirements(Path)}: sha1 of the file's bytes with surrounding ASCII white space
 *       stripped (Python's {@code bytes.strip()});</li>
 *   <li>{@link #copy(List, Path)}: flytekit's {@code compute_digest}: md5 over, for each source in
 *       order, a file's bytes then its base name, or a directory's files (walked top-down, files and
 *       sub-directories sorted) each followed by its path relative to that directory with the
 *       separators removed;</li>
 *   <li>{@link #sourceRoot(Path, CopyFileDetection, DigestCache)}: flytekit's {@code ls_files} digest, over the
 *       files {@link SourceRootListing} keeps, in sorted path order.</li>
 * </ul>
 * Files are streamed in 64 KiB blocks, so memory stays flat whatever their size. Each takes an
 * optional {@link DigestCache}: a digest whose files have not changed since it was cached is not
 * computed again (the processor's incremental compiles).
 *
 * <p>Example: {@code FileDigester.copy(List.of("conf", "run.sh"), projectDir)}.
 */
public final class FileDigester {
    private static final int BLOCK = 64 * 1024;
    private static final AtomicLong FILES_HASHED = new AtomicLong();

    private FileDigester() {}

    /** sha1 hex of the stripped requirements file, e.g. {@code requirements(Path.of("requirements.txt"))}. */
    static String requirements(Path file) throws IOException {
        return requirements(file, null);
    }

    /** {@link #requirements(Path)}, reusing a digest {@code cache} (null: none) when the file has not changed. */
    public static String requirements(Path file, DigestCache cache) throws IOException {
        Fingerprint fingerprint = Fingerprint.of("requirements", List.of(new Entry(file, "")), cache);
        String cached = fingerprint.lookUp();
        if (cached != null) {
            return cached;
        }
        byte[] bytes = Files.readAllBytes(file); // requirements files are small; strip needs both ends
        FILES_HASHED.incrementAndGet();
        int start = 0;
        int end = bytes.length;
        while (start < end && isAsciiSpace(bytes[start])) {
            start++;
        }
        while (end > start && isAsciiSpace(bytes[end - 1])) {
            end--;
        }
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(bytes, start, end - start);
        return fingerprint.remember(HexFormat.of().formatHex(sha1.digest()));
    }

    /** flytekit's {@code compute_digest(copy)}, sources resolved against {@code baseDir}. */
    public static String copy(List<String> sources, Path baseDir) throws IOException {
        return copy(sources, baseDir, null);
    }

    /** {@link #copy(List, Path)}, reusing a digest {@code cache} (null: none) when no file has changed. */
    public static String copy(List<String> sources, Path baseDir, DigestCache cache) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String source : sources) {
            Path path = baseDir == null ? Path.of(source) : baseDir.resolve(source);
            if (Files.isDirectory(path)) {
                walkSorted(path, path, entries);
            } else {
                entries.add(new Entry(path, Path.of(source).getFileName().toString()));
            }
        }
        return md5(entries, Fingerprint.of("copy", entries, cache));
    }

    /**
     * flytekit's {@code ls_files} digest of a source root in the given mode, reusing a digest
     * {@code cache} (null: none) when no file has changed.
     */
    public static String sourceRoot(Path root, CopyFileDetection mode, DigestCache cache) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String relative : SourceRootListing.list(root, mode)) {
            entries.add(new Entry(root.resolve(relative), relative.replace("/", "")));
        }
        return md5(entries, Fingerprint.of("source_root " + mode, entries, cache));
    }

    /** How many files this JVM has hashed: lets the incremental-compile benchmark show reuse. */
    public static long filesHashed() {
        return FILES_HASHED.get();
    }

    /** A file to hash and the name hashed after its bytes. */
    private record Entry(Path file, String name) {}

    private static String md5(List<Entry> entries, Fingerprint fingerprint) throws IOException {
        String cached = fingerprint.lookUp();
        if (cached != null) {
            return cached;
        }
        MessageDigest md5 = digest("MD5");
        byte[] buffer = new byte[BLOCK];
        for (Entry e : entries) {
            fileThenName(e.file(), e.name(), md5, buffer);
        }
        return fingerprint.remember(HexFormat.of().formatHex(md5.digest()));
    }

    // os.walk(topdown=True): a directory's files (sorted), then each sub-directory (sorted); links
    // to directories are listed but not entered, as os.walk does without followlinks.
    private static void walkSorted(Path top, Path dir, List<Entry> out) throws IOException {
        SourceRootListing.Children children = SourceRootListing.children(dir);
        List<Path> files = new ArrayList<>(children.files());
        List<Path> dirs = new ArrayList<>(children.dirs());
        files.sort(SourceRootListing.BY_CODE_POINTS_OF_NAME);
        dirs.sort(SourceRootListing.BY_CODE_POINTS_OF_NAME);
        for (Path f : files) {
            out.add(new Entry(f, top.relativize(f).toString().replace("/", "")));
        }
        for (Path d : dirs) {
            walkSorted(top, d, out);
        }
    }

    private static void fileThenName(Path file, String name, MessageDigest md5, byte[] buffer) throws IOException {
        // one stat per file: Files.exists then a socket check cost two, which shows on trees of thousands
        if (SourceRootListing.isSkipped(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md5.update(buffer, 0, n);
            }
        }
        FILES_HASHED.incrementAndGet();
        md5.update(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a digest is computed from, as {@link DigestCache} keys it: the kind, then for each file its
     * absolute path, hashed name, size, modification time and inode. Without a cache it is inert.
     */
    private static final class Fingerprint {
        private final DigestCache cache;
        private final String text;
        private final boolean racy;

        private Fingerprint(DigestCache cache, String text, boolean racy) {
            this.cache = cache;
            this.text = text;
            this.racy = racy;
        }

        static Fingerprint of(String kind, List<Entry> entries, DigestCache cache) throws IOException {
            if (cache == null) {
                return new Fingerprint(null, null, true);
            }
            long recent = System.currentTimeMillis() - DigestCache.RACY_MILLIS;
            boolean racy = false;
            StringBuilder text = new StringBuilder(64 + entries.size() * 96).append(kind).append('\n');
            for (Entry e : entries) {
                text.append(e.file().toAbsolutePath()).append('\0').append(e.name()).append('\0');
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(e.file(), BasicFileAttributes.class);
                } catch (NoSuchFileException missing) {
                    text.append("missing\n");
                    continue;
                }
                long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                racy |= a.lastModifiedTime().toMillis() > recent;
                text.append(a.size()).append('\0').append(mtime).append('\0').append(a.fileKey()).append('\n');
            }
            return new Fingerprint(cache, text.toString(), racy);
        }

        /** The cached digest, or null. */
        String lookUp() {
            return cache == null ? null : cache.get(text);
        }

        /** Remembers {@code digest} unless a file changed too recently to trust its time; returns it. */
        String remember(String digest) {
            if (cache != null && !racy) {
                cache.put(text, digest);
            }
            return digest;
        }
    }

    private static boolean isAsciiSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
    }

    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }

    /** Wraps an I/O failure with the file and field it concerns, for {@code tag()} callers. */
    public static UncheckedIOException failure(String field, String path, IOException e) {
        return new UncheckedIOException("cannot read " + field + " \"" + path + "\": " + e.getMessage()
                + "; check that it exists and is readable", e);
    }
}
