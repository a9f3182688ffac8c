package dev.imagespec.builders.tool;

import dev.imagespec.builders.dockerfile.DockerfileSyntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where buildah or podman keep images: their global {@code --root}, {@code --runroot} and
 * {@code --storage-driver} options. Empty fields leave the tool's own defaults (root: {@code
 * /var/lib/containers/storage}). Tests point them at a temporary directory so no image leaks.
 *
 * <p>Example: {@code new StoreOptions(tmp.resolve("root"), tmp.resolve("run"), "vfs")}.
 *
 * @param root image store, or null
 * @param runRoot runtime state, or null
 * @param driver storage driver, e.g. {@code "vfs"} (works everywhere, copies every layer), or null
 */
public record StoreOptions(Path root, Path runRoot, String driver) {

    /** The tool's defaults (and its {@code STORAGE_DRIVER} environment variable). */
    public static final StoreOptions DEFAULT = new StoreOptions(null, null, null);

    public StoreOptions {
        if (driver != null && !DockerfileSyntax.OPTION_VALUE.matcher(driver).matches()) {
            throw new IllegalArgumentException(
                    "storage driver \"" + driver + "\" is not a driver name; use e.g. \"vfs\" or \"overlay\"");
        }
    }

    /** The global options, e.g. {@code [--root, /tmp/s/root, --runroot, /tmp/s/run, --storage-driver, vfs]}. */
    public List<String> globalArgs() {
        List<String> args = new ArrayList<>();
        Optional.ofNullable(root).ifPresent(r -> args.addAll(List.of("--root", r.toString())));
        Optional.ofNullable(runRoot).ifPresent(r -> args.addAll(List.of("--runroot", r.toString())));
        Optional.ofNullable(driver).ifPresent(d -> args.addAll(List.of("--storage-driver", d)));
        return args;
    }
}
