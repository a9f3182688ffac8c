package dev.imagespec.runtime.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes directory trees: the one walk the processor's descriptor stage and the builders' contexts
 * and workspaces share. Links are deleted, never followed.
 *
 * <pre>{@code
 * FileTrees.delete(stagingDir);
 * }</pre>
 */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes {@code root} and everything below it; nothing when it does not exist.
     *
     * @throws IOException the first file or directory that could not be deleted (what was deleted
     *     before it stays deleted); callers that clean up after their own failure log or drop it
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // one anonymous visitor, no stream or lambda: this runs inside javac at every compile
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                // e.g. a directory that cannot be listed: removed if it is empty, else its error stands
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
