package dev.imagespec.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A buildah/podman image store of a test's own, under its work directory, with the vfs driver (the
 * one that works as root without overlay support): the global options for commands run here, and a
 * {@code storage.conf} that points a child process (the command line, a plugin) at the same store.
 *
 * <p>Example: {@code VfsStore s = VfsStore.under(work); BusyboxImage.push(registry, s.args(), work);}
 * then run the CLI with {@code CONTAINERS_STORAGE_CONF=s.conf()}.
 */
public record VfsStore(Path root, Path runRoot, Path conf) {
    /** Writes {@code work/storage.conf} for a store in {@code work/root} and {@code work/runroot}. */
    public static VfsStore under(Path work) throws IOException {
        VfsStore s = new VfsStore(work.resolve("root"), work.resolve("runroot"), work.resolve("storage.conf"));
        Files.writeString(
                s.conf,
                "[storage]\ndriver = \"vfs\"\ngraphroot = \"" + s.root + "\"\nrunroot = \"" + s.runRoot + "\"\n");
        return s;
    }

    /** buildah's or podman's global options for this store. */
    public List<String> args() {
        return List.of("--root", root.toString(), "--runroot", runRoot.toString(), "--storage-driver", "vfs");
    }
}
