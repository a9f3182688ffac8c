package dev.imagespec.builders;

import dev.imagespec.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Debian bookworm base image for real Python builds, made here: {@code debootstrap --variant=minbase}
 * (Debian's mirror is the only network it needs), trimmed, kept as a tar under {@code target/} so that
 * later test methods and runs reuse it (delete it, or {@code mvn clean}, to make it again), then
 * committed from scratch with buildah and pushed to a loopback registry.
 *
 * <p>Its config sets {@code PATH} to the empty string and nothing else: the base image an
 * {@code ENV PATH="/x:$PATH"} would leave without {@code /usr/bin}.
 */
final class DebianBaseImage {
    /** The cached root file system, relative to the module (failsafe's working directory). */
    static final Path CACHE = Path.of("target", "imagespec-it", "debian-bookworm-minbase.tar");

    private static final long DEBOOTSTRAP_MINUTES = 15;

    private DebianBaseImage() {}

    /** Pushes {@code <registry>/base/debian:bookworm-minbase} made from the cached tar (made first if missing). */
    static String push(String registryHostPort, List<String> storeArgs, Path work)
            throws IOException, InterruptedException {
        Path tar = rootfsTar(work);
        String image = registryHostPort + "/base/debian:bookworm-minbase";
        String container = lastLine(buildah(storeArgs, "from", "scratch"));
        buildah(storeArgs, "add", container, tar.toAbsolutePath().toString(), "/");
        buildah(storeArgs, "config", "--env", "PATH=", container);
        buildah(storeArgs, "commit", "-q", container, image);
        buildah(storeArgs, "rm", container);
        buildah(storeArgs, "push", "-q", "--tls-verify=false", image, "docker://" + image);
        return image;
    }

    private static synchronized Path rootfsTar(Path work) throws IOException, InterruptedException {
        if (Files.isRegularFile(CACHE)) {
            return CACHE;
        }
        Path debootstrap = Tools.require("debootstrap", "debootstrap");
        Path rootfs = work.resolve("debian-rootfs");
        Path log = work.resolve("debootstrap.log");
        run(List.of(debootstrap.toString(), "--variant=minbase", "bookworm", rootfs.toString()), log);
        // What no build step needs: downloaded packages, package lists (apt-get update fetches them), docs.
        for (String dir : List.of(
                "var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc", "usr/share/man", "usr/share/locale")) {
            Path d = rootfs.resolve(dir);
            if (Files.isDirectory(d)) {
                Tools.deleteRecursively(d);
                Files.createDirectories(d);
            }
        }
        Files.createDirectories(rootfs.resolve("var/cache/apt/archives/partial"));
        Files.createDirectories(rootfs.resolve("var/lib/apt/lists/partial"));
        Files.createDirectories(CACHE.getParent());
        Path partial = CACHE.resolveSibling(CACHE.getFileName() + ".partial");
        run(List.of("tar", "--numeric-owner", "-C", rootfs.toString(), "-cf", partial.toString(), "."), log);
        Files.move(partial, CACHE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Tools.deleteRecursively(rootfs);
        return CACHE;
    }

    /** Tools.run allows a minute; debootstrap takes one or two. */
    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(DEBOOTSTRAP_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + DEBOOTSTRAP_MINUTES + " min");
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue() + "; last lines"
                    + " of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }

    private static String buildah(List<String> storeArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("buildah");
        command.addAll(storeArgs);
        command.addAll(List.of(args));
        return Tools.run(command);
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
