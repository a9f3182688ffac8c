package dev.imagespec.runtime.hash;

import dev.imagespec.annotations.CopyFileDetection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * Files are streamed through a few fixed buffers, so memory stays flat whatever their size; one
 * {@code stat} per file (the listing's) decides what is hashed and keys the cache, and a large input is
 * read on a second thread while md5 runs. Each takes an
 * optional {@link DigestCache}: a digest whose files have not changed since it was cached is not
 * computed again (the processor's incremental compiles).
 *
 * <p>Example: {@code FileDigester.copy(List.of("conf", "run.sh"), projectDir)}.
 */
public final class FileDigester {
    private static final int BLOCK = 64 * 1024;
    /** Inputs from this size on are read on a second thread while md5 runs ({@link Pipeline}). */
    private static final long PIPELINE_BYTES = 4L << 20;

    private static final AtomicLong FILES_HASHED = new AtomicLong();

    private FileDigester() {}

    /** sha1 hex of the stripped requirements file, e.g. {@code requirements(Path.of("requirements.txt"))}. */
    static String requirements(Path file) throws IOException {
        return requirements(file, null);
    }

    /** {@link #requirements(Path)}, reusing a digest {@code cache} (null: none) when the file has not changed. */
    public static String requirements(Path file, DigestCache cache) throws IOException {
        Fingerprint fingerprint =
                Fingerprint.of("requirements", List.of(new Entry(file, "", SourceRootListing.attributes(file))), cache);
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
        List<Entry> tops = new ArrayList<>();
        boolean tree = false;
        long bytes = 0;
        for (String source : sources) {
            Path path = baseDir == null ? Path.of(source) : baseDir.resolve(source);
            Entry top = new Entry(path, Path.of(source).getFileName().toString(), SourceRootListing.attributes(path));
            tops.add(top);
            tree |= top.isDirectory();
            bytes += top.bytes();
        }
        Producer listing = out -> {
            for (Entry top : tops) {
                if (top.isDirectory()) {
                    walkSorted(top.file(), top.file(), out);
                } else {
                    out.accept(top);
                }
            }
        };
        if (cache == null) {
            // nothing to look up first: the files are listed as they are hashed, on the reader's thread
            return hash(listing, tree || bytes >= PIPELINE_BYTES);
        }
        List<Entry> entries = new ArrayList<>();
        listing.produce(entries::add);
        return hash(entries, Fingerprint.of("copy", entries, cache));
    }

    /**
     * flytekit's {@code ls_files} digest of a source root in the given mode, reusing a digest
     * {@code cache} (null: none) when no file has changed.
     */
    public static String sourceRoot(Path root, CopyFileDetection mode, DigestCache cache) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String relative : SourceRootListing.list(root, mode)) {
            Path file = root.resolve(relative);
            entries.add(new Entry(file, relative.replace("/", ""), SourceRootListing.attributes(file)));
        }
        return hash(entries, Fingerprint.of("source_root " + mode, entries, cache));
    }

    /** How many files this JVM has hashed: lets the incremental-compile benchmark show reuse. */
    public static long filesHashed() {
        return FILES_HASHED.get();
    }

    /**
     * A file to hash, the name hashed after its bytes, and what one {@code stat} said of it (null:
     * it does not exist); a file that does not exist, or is a socket or the like, is passed over,
     * name and all, as flytekit passes over it.
     */
    private record Entry(Path file, String name, BasicFileAttributes attributes) {
        boolean skipped() {
            return attributes == null || attributes.isOther();
        }

        boolean isDirectory() {
            return attributes != null && attributes.isDirectory();
        }

        /** The bytes hashed for it, as far as the stat tells. */
        long bytes() {
            return skipped() || isDirectory() ? 0 : attributes.size();
        }
    }

    /** Hands each entry to hash, in hashing order, to {@code out}. */
    private interface Producer {
        void produce(EntrySink out) throws IOException;
    }

    private interface EntrySink {
        void accept(Entry e) throws IOException;
    }

    /** The md5 of {@code entries}, or the digest the cache remembers for them. */
    private static String hash(List<Entry> entries, Fingerprint fingerprint) throws IOException {
        String cached = fingerprint.lookUp();
        if (cached != null) {
            return cached;
        }
        long bytes = 0;
        for (Entry e : entries) {
            bytes += e.bytes();
        }
        Producer all = out -> {
            for (Entry e : entries) {
                out.accept(e);
            }
        };
        return fingerprint.remember(hash(all, bytes >= PIPELINE_BYTES));
    }

    /** The hex md5 of what {@code producer} lists: on this thread, or read on a second one while md5 runs here. */
    private static String hash(Producer producer, boolean pipelined) throws IOException {
        MessageDigest md5 = digest("MD5");
        if (pipelined) {
            new Pipeline().run(producer, md5);
        } else {
            Feed feed = new Feed(new byte[BLOCK]) {
                @Override
                byte[] handOver(byte[] buffer, int length) {
                    md5.update(buffer, 0, length);
                    return buffer;
                }
            };
            producer.produce(feed::file);
            feed.finish();
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    // os.walk(topdown=True): a directory's files (sorted), then each sub-directory (sorted); links
    // to directories are listed but not entered, as os.walk does without followlinks.
    private static void walkSorted(Path top, Path dir, EntrySink out) throws IOException {
        SourceRootListing.Children children = SourceRootListing.children(dir);
        List<SourceRootListing.Listed> files = new ArrayList<>(children.files());
        List<Path> dirs = new ArrayList<>(children.dirs());
        files.sort(BY_CODE_POINTS_OF_LISTED_NAME);
        dirs.sort(SourceRootListing.BY_CODE_POINTS_OF_NAME);
        for (SourceRootListing.Listed f : files) {
            out.accept(new Entry(f.path(), top.relativize(f.path()).toString().replace("/", ""), f.attributes()));
        }
        for (Path d : dirs) {
            walkSorted(top, d, out);
        }
    }

    private static final Comparator<SourceRootListing.Listed> BY_CODE_POINTS_OF_LISTED_NAME =
            (a, b) -> SourceRootListing.BY_CODE_POINTS_OF_NAME.compare(a.path(), b.path());

    /**
     * What {@code compute_digest} feeds md5, as one stream: each file's bytes, then its name (UTF-8),
     * file after file, passing over skipped files. Written into whole buffers, so that a tree of small
     * files costs few {@code update} calls and, through {@link Pipeline}, few hand-overs.
     */
    private abstract static class Feed {
        private byte[] buffer;
        private ByteBuffer target;

        Feed(byte[] first) {
            use(first);
        }

        private void use(byte[] b) {
            buffer = b;
            target = ByteBuffer.wrap(b);
        }

        /** Passes on the first {@code length} bytes of {@code buffer}; returns the buffer to fill next. */
        abstract byte[] handOver(byte[] buffer, int length) throws IOException;

        /** Appends the file's bytes and then its name; nothing for a skipped entry. */
        final void file(Entry e) throws IOException {
            if (e.skipped()) {
                return;
            }
            try (FileChannel in = FileChannel.open(e.file())) {
                while (true) {
                    if (!target.hasRemaining()) {
                        use(handOver(buffer, buffer.length));
                    }
                    if (in.read(target) < 0) {
                        break;
                    }
                }
            }
            FILES_HASHED.incrementAndGet();
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < name.length; ) {
                if (!target.hasRemaining()) {
                    use(handOver(buffer, buffer.length));
                }
                int n = Math.min(name.length - at, target.remaining());
                target.put(name, at, n);
                at += n;
            }
        }

        /** Passes on what is left: a buffer not full (possibly empty), which ends the stream. */
        final void finish() throws IOException {
            if (!target.hasRemaining()) {
                use(handOver(buffer, buffer.length));
            }
            handOver(buffer, target.position());
        }
    }

    /**
     * Lists and reads on a second thread while md5 runs on the caller's: the digest of a large tree
     * then costs about what md5 alone costs, the directory walk and the reads included. A few fixed
     * buffers go round between the two, so memory stays flat whatever the files' sizes. What the
     * reader fails with is thrown by {@link #run} itself; an interrupt of the caller stops the reader.
     */
    private static final class Pipeline {
        private static final int BUFFERS = 4;
        private static final int SIZE = 256 * 1024;

        /** Hand-over of a filled buffer: {@code length} bytes, fewer than a buffer only at the end; or a failure. */
        private static final class Filled {
            final byte[] buffer;
            final int length;
            final Throwable failure;

            Filled(byte[] buffer, int length, Throwable failure) {
                this.buffer = buffer;
                this.length = length;
                this.failure = failure;
            }
        }

        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(BUFFERS + 1);

        void run(Producer producer, MessageDigest md5) throws IOException {
            for (int i = 1; i < BUFFERS; i++) {
                free.add(new byte[SIZE]);
            }
            Feed feed = new Feed(new byte[SIZE]) {
                @Override
                byte[] handOver(byte[] buffer, int length) throws IOException {
                    filled.add(new Filled(buffer, length, null));
                    if (length < SIZE) {
                        return buffer; // the end: nothing more is written
                    }
                    try {
                        return free.take();
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException("the digest was abandoned");
                    }
                }
            };
            Thread reader = new Thread(
                    () -> {
                        try {
                            producer.produce(feed::file);
                            feed.finish();
                        } catch (Throwable e) { // handed to the caller, which throws it
                            filled.offer(new Filled(null, 0, e));
                        }
                    },
                    "imagespec-digest-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                while (true) {
                    Filled f = filled.take();
                    if (f.failure != null) {
                        throw rethrow(f.failure);
                    }
                    md5.update(f.buffer, 0, f.length);
                    if (f.length < SIZE) {
                        return;
                    }
                    free.add(f.buffer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing files");
            } finally {
                reader.interrupt();
            }
        }

        private static IOException rethrow(Throwable failure) {
            if (failure instanceof IOException io) {
                return io;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            return new IOException(failure);
        }
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
            StringBuilder text =
                    new StringBuilder(64 + entries.size() * 96).append(kind).append('\n');
            for (Entry e : entries) {
                text.append(e.file().toAbsolutePath())
                        .append('\0')
                        .append(e.name())
                        .append('\0');
                BasicFileAttributes a = e.attributes();
                if (a == null) {
                    text.append("missing\n");
                    continue;
                }
                long mtime = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                racy |= a.lastModifiedTime().toMillis() > recent;
                text.append(a.size())
                        .append('\0')
                        .append(mtime)
                        .append('\0')
                        .append(a.fileKey())
                        .append('\n');
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
        return new UncheckedIOException(
                "cannot read " + field + " \"" + path + "\": " + e.getMessage()
                        + "; check that it exists and is readable",
                e);
    }
}
