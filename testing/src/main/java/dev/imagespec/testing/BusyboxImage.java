package dev.imagespec.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real base image made from local files, no network: {@code busybox-static}'s /bin/busybox with
 * a link per applet (so RUN has /bin/sh), /etc/passwd with root and flytekit, committed with
 * buildah from scratch into a given store and pushed to a loopback registry.
 */
public final class BusyboxImage {
    private BusyboxImage() {}

    /**
     * Builds the image as {@code <registry>/base/busybox:1} and pushes it; returns that name.
     * {@code storeArgs} are buildah's global store options (e.g. {@code --root R --runroot RR
     * --storage-driver vfs}); {@code work} receives the root file system.
     */
    public static String push(LocalRegistry registry, List<String> storeArgs, Path work)
            throws IOException, InterruptedException {
        return push(registry.hostPort(), storeArgs, work);
    }

    /**
     * As {@link #push(LocalRegistry, List, Path)}, to a loopback registry that this process did not
     * start as a {@link LocalRegistry}, e.g. {@code push("127.0.0.1:5000", storeArgs, work)}.
     */
    public static String push(String registryHostPort, List<String> storeArgs, Path work)
            throws IOException, InterruptedException {
        Tools.require("buildah", "buildah");
        String image = registryHostPort + "/base/busybox:1";
        Path rootfs = rootfs(work.resolve("rootfs"), Tools.require("busybox", "busybox-static"));
        String container = lastLine(buildah(storeArgs, "from", "scratch"));
        buildah(storeArgs, "copy", container, rootfs + "/", "/");
        buildah(
                storeArgs,
                "config",
                "--env",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "--entrypoint",
                "[\"/bin/sh\", \"-c\"]",
                container);
        buildah(storeArgs, "commit", "-q", container, image);
        buildah(storeArgs, "rm", container);
        buildah(storeArgs, "push", "-q", "--tls-verify=false", image, "docker://" + image);
        return image;
    }

    /**
     * {@code busybox} (a static binary of any architecture) as /bin/busybox with a link per applet (the
     * host's busybox lists them), /etc/passwd and /etc/group with root and flytekit, and their home
     * directories; also {@link MultiPlatformBusybox}'s, per architecture.
     */
    static Path rootfs(Path rootfs, Path busybox) throws IOException, InterruptedException {
        Path hostBusybox = Tools.require("busybox", "busybox-static");
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet :
                Tools.run(List.of(hostBusybox.toString(), "--list")).split("\n", -1)) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet.trim()), Path.of("busybox"));
            }
        }
        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(
                etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\nflytekit:x:1000:1000::/home/flytekit:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nflytekit:x:1000:\n");
        Files.createDirectories(rootfs.resolve("root"));
        Files.createDirectories(rootfs.resolve("home/flytekit"));
        Files.createDirectories(rootfs.resolve("tmp"));
        return rootfs;
    }

    static String buildah(List<String> storeArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("buildah");
        command.addAll(storeArgs);
        command.addAll(List.of(args));
        return Tools.run(command);
    }

    static String lastLine(String out) {
        String[] lines = out.strip().split("\n", -1);
        return lines[lines.length - 1].strip();
    }
}
