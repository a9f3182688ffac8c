package dev.imagespec.runtime.hash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File digests remembered between compiles, so that a compile in which nothing changed reads no file
 * twice. A digest is found again under a key made of everything it was computed from: the kind of
 * digest and, for each file read, its absolute path, the name hashed with it, its size, its
 * modification time (to the nanosecond where the file system keeps it) and its inode. A file that was
 * edited, replaced, added or removed changes the key, so the digest is computed again.
 *
 * <p>As git does for its index, a digest over a file modified less than {@value #RACY_MILLIS} ms
 * before it was read is not remembered: the file could change again within the file system's
 * timestamp granularity without its time or size changing.
 *
 * <p>Stored as a small text file, one {@code key<TAB>digest} line each, under the processor's
 * {@code -Aimagespec.cacheDir}. A missing, unreadable or foreign file is an empty cache.
 *
 * <pre>{@code
 * DigestCache cache = DigestCache.load(Path.of("target/imagespec-cache/digests.tsv"));
 * ImageSpec spec = ImageSpec.builder().copy("conf").digestCache(cache).build();
 * spec.tag();   // hashes conf/ once; a later compile with the same files reuses the digest
 * cache.save();
 * }</pre>
 */
public final class DigestCache {
    /** First line of the file; a file that does not start with it is ignored. */
    static final String HEADER = "imagespec-digest-cache/1";
    /** How recently a file may have changed for its digest still to be remembered. */
    static final long RACY_MILLIS = 2_000;
    /** Entries not used by the latest compile are dropped beyond this many, so the file stays small. */
    static final int MAX_ENTRIES = 10_000;

    private final Path file;
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicLong hits = new AtomicLong();
    private volatile boolean changed;

    private DigestCache(Path file) {
        this.file = file;
    }

    /** The cache stored in {@code file}; empty when the file is missing or not a cache file. */
    public static DigestCache load(Path file) {
        DigestCache cache = new DigestCache(file);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).equals(HEADER)) {
                for (String line : lines.subList(1, lines.size())) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        cache.digests.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        } catch (NoSuchFileException first) {
            // the first compile
        } catch (IOException | UncheckedIOException unreadable) {
            // a cache is only ever an optimization: start afresh
        }
        return cache;
    }

    /** How many digests this cache answered since it was loaded, e.g. for {@code -Aimagespec.stats}. */
    public long hits() {
        return hits.get();
    }

    /**
     * Writes the cache back if a digest was added, atomically (a concurrent reader sees the old or the
     * new file). Entries the latest compile used come first and are always kept.
     */
    public void save() throws IOException {
        if (!changed) {
            return;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(digests.keySet());
        keys.sort(null);
        for (String k : keys) {
            if (used.contains(k)) {
                kept.put(k, digests.get(k));
            }
        }
        for (String k : keys) {
            if (kept.size() >= MAX_ENTRIES) {
                break;
            }
            kept.putIfAbsent(k, digests.get(k));
        }
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        kept.forEach((k, v) -> text.append(k).append('\t').append(v).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        // a name of this process's own rather than createTempFile: that would start SecureRandom inside javac
        Path temp = file.toAbsolutePath()
                .resolveSibling(".digests-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
        try {
            Files.writeString(
                    temp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        changed = false;
    }

    /** The digest remembered for {@code fingerprint}, or null. */
    String get(String fingerprint) {
        String key = key(fingerprint);
        String digest = digests.get(key);
        if (digest != null) {
            used.add(key);
            hits.incrementAndGet();
        }
        return digest;
    }

    /** Remembers {@code digest} for {@code fingerprint}. */
    void put(String fingerprint, String digest) {
        String key = key(fingerprint);
        used.add(key);
        if (!digest.equals(digests.put(key, digest))) {
            changed = true;
        }
    }

    /** Fingerprints of many files are long; the file stores their SHA-256. */
    private static String key(String fingerprint) {
        return HexFormat.of()
                .formatHex(FileDigester.digest("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "DigestCache{" + file + ", " + digests.size() + " digests}";
    }
}
