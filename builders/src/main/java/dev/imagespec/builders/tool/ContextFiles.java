package dev.imagespec.builders.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes a build context the same on every machine before the tool reads it: directories {@code 0755},
 * files {@code 0755} when their owner may execute them and {@code 0644} otherwise (so a checkout's umask
 * does not reach the image), and every modification time set to the build's timestamp (buildah and
 * podman clamp file times with {@code --timestamp}; BuildKit keeps them). Symbolic links are left as they are.
 *
 * <p>Example: {@code ContextFiles.normalize(ctx.directory(), 0)}.
 */
public final class ContextFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> EXECUTABLE = DIRECTORY;
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

    private ContextFiles() {}

    /**
     * Normalizes modes and times under {@code contextDir}.
     *
     * @param epochSecond the time to set; negative leaves times as they are
     * @throws UncheckedIOException when a file cannot be changed
     */
    public static void normalize(Path contextDir, long epochSecond) {
        FileTime time = FileTime.fromMillis(Math.max(0, epochSecond) * 1000);
        try {
            if (!Files.getFileStore(contextDir).supportsFileAttributeView("posix")) {
                return;
            }
            Files.walkFileTree(contextDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        boolean exec = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(file, exec ? EXECUTABLE : FILE);
                        if (epochSecond >= 0) {
                            Files.setLastModifiedTime(file, time);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.setPosixFilePermissions(dir, DIRECTORY);
                    if (epochSecond >= 0) {
                        Files.setLastModifiedTime(dir, time);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot normalize the build context " + contextDir + ": " + e.getMessage(), e);
        }
    }
}
