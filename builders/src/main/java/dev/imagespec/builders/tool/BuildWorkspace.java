package dev.imagespec.builders.tool;

import dev.imagespec.builders.dockerfile.BuildContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one directory on this machine that builds work in, {@code ${java.io.tmpdir}/imagespec-build} by
 * default: one {@code <pid>-<random>} directory per build (its context and the tool's temporary files),
 * removed when the build ends, on interrupt, and when the JVM is stopped by SIGTERM or SIGINT (the
 * tool's process tree is stopped first); {@link #sweep()} removes those whose process is gone (killed
 * with SIGKILL, or the machine lost power). {@code locks/} holds one lock file per image, so that
 * builds of the same image on this machine, in this JVM or another, run one after the other.
 *
 * <p>Example: {@code BuildWorkspace ws = BuildWorkspace.at(BuildWorkspace.defaultRoot()); ws.sweep();
 * try (BuildWorkspace.ImageLock lock = ws.lock("r/x:t", msg -> log(msg))) { Path dir = ws.newBuildDirectory(); ... }}
 */
public final class BuildWorkspace {
    private static final Pattern BUILD_DIR = Pattern.compile("(\\d+)-[0-9a-z]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One JVM lock per lock file: a second {@link FileChannel#lock()} on the same file in one JVM throws instead of waiting. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    private BuildWorkspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code ${java.io.tmpdir}/imagespec-build}. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "imagespec-build");
    }

    /** The workspace in {@code root} (made when first used), e.g. {@code BuildWorkspace.at(defaultRoot())}. */
    public static BuildWorkspace at(Path root) {
        return new BuildWorkspace(root);
    }

    /** The workspace's directory. */
    public Path root() {
        return root;
    }

    /**
     * A new, empty {@code <root>/<pid>-<random>} directory for one build, removed on JVM shutdown if it
     * is still there; the caller removes it with {@link #remove(Path)} when the build ends.
     */
    public Path newBuildDirectory() {
        try {
            Files.createDirectories(root);
            while (true) {
                String name =
                        ProcessHandle.current().pid() + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
                Path dir = root.resolve(name);
                try {
                    Files.createDirectory(dir);
                    ShutdownCleanup.register(dir);
                    return dir;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another random name
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a build directory under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a directory {@link #newBuildDirectory()} made; never throws. */
    public static void remove(Path dir) {
        deleteTree(dir);
        ShutdownCleanup.unregister(dir);
    }

    /**
     * Removes the build directories of processes that are no longer running (also when their pid was
     * reused by a process started after the directory was made). Returns what it removed.
     */
    public List<Path> sweep() {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                Matcher m = BUILD_DIR.matcher(dir.getFileName().toString());
                if (m.matches()
                        && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        && ownerIsGone(Long.parseLong(m.group(1)), dir)) {
                    deleteTree(dir);
                    removed.add(dir);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Best effort: a directory that cannot be listed is swept by a later run.
        }
        return removed;
    }

    private static boolean ownerIsGone(long pid, Path dir) {
        if (pid == ProcessHandle.current().pid()) {
            return false;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = owner.get().info().startInstant();
        try {
            Instant made = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .lastModifiedTime()
                    .toInstant();
            // A process that started after the directory was last written cannot have made it: the pid was reused.
            return started.isPresent() && started.get().isAfter(made.plusSeconds(2));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until no other build on this machine holds {@code imageName}'s lock, then holds it until
     * {@link ImageLock#close()}. Says whom it waits for through {@code messages}.
     *
     * @throws dev.imagespec.runtime.ImageBuildException when interrupted while waiting
     */
    public ImageLock lock(String imageName, java.util.function.Consumer<String> messages) {
        Path file = lockFile(imageName);
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock(true));
        boolean waited = false;
        try {
            if (!jvm.tryLock()) {
                waited = true;
                messages.accept("Waiting for another build of " + imageName + " in this process to finish");
                jvm.lockInterruptibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw dev.imagespec.runtime.ImageBuildException.interrupted("waiting for the lock of " + imageName);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                waited = true;
                messages.accept("Waiting for another build of " + imageName + " on this machine (" + holder(channel)
                        + ") to finish; lock " + file);
                lock = channel.lock();
            }
            String previous = read(channel);
            ImageLock held = new ImageLock(jvm, channel, lock, waited, previous);
            held.write("pid " + ProcessHandle.current().pid() + " builds " + imageName);
            return held;
        } catch (java.nio.channels.FileLockInterruptionException | java.nio.channels.ClosedByInterruptException e) {
            jvm.unlock();
            Thread.currentThread().interrupt();
            throw dev.imagespec.runtime.ImageBuildException.interrupted("waiting for the lock of " + imageName);
        } catch (IOException e) {
            closeQuietly(channel);
            jvm.unlock();
            throw new UncheckedIOException("cannot lock " + file + " for " + imageName + ": " + e.getMessage(), e);
        }
    }

    /** {@code <root>/locks/<sha-256 of the name, 32 hex digits>.lock}. */
    Path lockFile(String imageName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(imageName.getBytes(StandardCharsets.UTF_8));
            return root.resolve("locks").resolve(HexFormat.of().formatHex(hash, 0, 16) + ".lock");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String holder(FileChannel channel) {
        String text = read(channel);
        return text.toLowerCase(Locale.ROOT).startsWith("pid ") ? text : "another process";
    }

    private static String read(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            int n = channel.read(buf, 0);
            return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a lock file
            }
        }
    }

    /**
     * A held image lock. When another build held it first ({@link #waited()}) or pushed the image
     * under it before ({@link #pushedBefore()}), the image may be there now: look at the registry again.
     */
    public static final class ImageLock implements AutoCloseable {
        private final ReentrantLock jvm;
        private final FileChannel channel;
        private final FileLock lock;
        private final boolean waited;
        private final String previous;
        private boolean closed;

        private ImageLock(ReentrantLock jvm, FileChannel channel, FileLock lock, boolean waited, String previous) {
            this.jvm = jvm;
            this.channel = channel;
            this.lock = lock;
            this.waited = waited;
            this.previous = previous;
        }

        /** Whether another build held the lock when it was asked for. */
        public boolean waited() {
            return waited;
        }

        /** Whether the last build that held this lock pushed the image ({@link #recordPushed}). */
        public boolean pushedBefore() {
            return previous.startsWith("pushed ");
        }

        /** Notes in the lock file that this build pushed the image, e.g. {@code recordPushed("r/x:t", "sha256:...")}. */
        public synchronized void recordPushed(String imageName, String digest) {
            if (!closed) {
                write("pushed " + imageName + (digest == null ? "" : "@" + digest) + " by pid "
                        + ProcessHandle.current().pid());
            }
        }

        private void write(String line) {
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            } catch (IOException e) {
                // the lock file's text only informs; the lock itself holds
            }
        }

        /** Releases the lock; closing twice does nothing. Must be called by the thread that locked. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it too
            }
            closeQuietly(channel);
            jvm.unlock();
        }
    }

    static void deleteTree(Path dir) {
        BuildContext.deleteTree(dir);
    }
}
