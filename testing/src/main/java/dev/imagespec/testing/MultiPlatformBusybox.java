package dev.imagespec.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A two-platform base image made here, no network but Debian's packages: the {@link BusyboxImage} file
 * system once with amd64's and once with arm64's {@code busybox-static}, each committed with buildah for
 * its platform, joined in one manifest list (an OCI index) and pushed to a loopback registry. RUN steps
 * for arm64 run through qemu-user-static: {@link #enableArm64Emulation()} registers it with binfmt_misc.
 *
 * <pre>{@code
 * MultiPlatformBusybox.enableArm64Emulation();
 * String base = MultiPlatformBusybox.push(REGISTRY.hostPort(), storeArgs, work);   // <registry>/base/busybox-multi:1
 * }</pre>
 */
public final class MultiPlatformBusybox {
    private static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");
    private static final Path DEB_CACHE = Path.of(System.getProperty("java.io.tmpdir"), "imagespec-test-debs");

    private MultiPlatformBusybox() {}

    /**
     * Makes arm64 binaries run here: mounts binfmt_misc when it is not, and enables qemu-user-static's
     * {@code qemu-aarch64} handler (needs root, qemu-user-static and binfmt-support). Nothing on an arm64 machine.
     */
    public static void enableArm64Emulation() throws IOException, InterruptedException {
        String arch = System.getProperty("os.arch");
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return;
        }
        Tools.require("qemu-aarch64-static", "qemu-user-static");
        Path updateBinfmts = Tools.require("update-binfmts", "binfmt-support");
        if (!Files.exists(BINFMT.resolve("register"))) {
            Tools.run(List.of("mount", "-t", "binfmt_misc", "binfmt_misc", BINFMT.toString()));
        }
        Path handler = BINFMT.resolve("qemu-aarch64");
        if (!Files.exists(handler) || !Files.readString(handler).startsWith("enabled")) {
            Tools.run(List.of(updateBinfmts.toString(), "--enable", "qemu-aarch64"));
        }
        if (!Files.readString(handler).startsWith("enabled")) {
            throw new AssertionError(
                    "qemu-aarch64 is not enabled in " + BINFMT + " after update-binfmts --enable qemu-aarch64");
        }
    }

    /**
     * Builds {@code <registry>/base/busybox-multi:1} for linux/amd64 and linux/arm64 and pushes the list;
     * returns that name. {@code storeArgs} are buildah's global store options; {@code work} receives the file systems.
     */
    public static String push(String registryHostPort, List<String> storeArgs, Path work)
            throws IOException, InterruptedException {
        Tools.require("buildah", "buildah");
        String image = registryHostPort + "/base/busybox-multi:1";
        String list = "localhost/imagespec-test/busybox-multi-list";
        BusyboxImage.buildah(storeArgs, "manifest", "create", list);
        for (String arch : List.of("amd64", "arm64")) {
            Path busybox = arch.equals("amd64") ? Tools.require("busybox", "busybox-static") : arm64Busybox(work);
            Path rootfs = BusyboxImage.rootfs(work.resolve("rootfs-" + arch), busybox);
            String container =
                    BusyboxImage.lastLine(BusyboxImage.buildah(storeArgs, "from", "--arch", arch, "scratch"));
            BusyboxImage.buildah(storeArgs, "copy", container, rootfs + "/", "/");
            BusyboxImage.buildah(
                    storeArgs,
                    "config",
                    "--os",
                    "linux",
                    "--arch",
                    arch,
                    "--env",
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "--entrypoint",
                    "[\"/bin/sh\", \"-c\"]",
                    container);
            String local = "localhost/imagespec-test/busybox-" + arch;
            BusyboxImage.buildah(storeArgs, "commit", "-q", "--timestamp", "0", container, local);
            BusyboxImage.buildah(storeArgs, "rm", container);
            BusyboxImage.buildah(storeArgs, "manifest", "add", list, "containers-storage:" + local);
        }
        BusyboxImage.buildah(
                storeArgs, "manifest", "push", "-q", "--all", "--tls-verify=false", list, "docker://" + image);
        return image;
    }

    /**
     * Debian's arm64 {@code busybox-static} binary: {@code apt-get download busybox-static:arm64} (adding the
     * arm64 architecture to dpkg and updating the lists first when apt does not know it), kept in a cache directory.
     */
    static Path arm64Busybox(Path work) throws IOException, InterruptedException {
        Files.createDirectories(DEB_CACHE);
        Path deb = findDeb();
        if (deb == null) {
            try {
                Tools.run(List.of("sh", "-c", "cd '" + DEB_CACHE + "' && apt-get download -q busybox-static:arm64"));
            } catch (IOException first) {
                if (!Tools.run(List.of("dpkg", "--print-foreign-architectures")).contains("arm64")) {
                    Tools.run(List.of("dpkg", "--add-architecture", "arm64"));
                }
                Tools.run(List.of("apt-get", "update", "-qq"));
                Tools.run(List.of("sh", "-c", "cd '" + DEB_CACHE + "' && apt-get download -q busybox-static:arm64"));
            }
            deb = findDeb();
            if (deb == null) {
                throw new AssertionError("apt-get download busybox-static:arm64 left no .deb in " + DEB_CACHE);
            }
        }
        Path extracted = work.resolve("busybox-arm64");
        Tools.run(List.of("dpkg-deb", "-x", deb.toString(), extracted.toString()));
        return extracted.resolve("bin/busybox");
    }

    private static Path findDeb() throws IOException {
        try (Stream<Path> files = Files.list(DEB_CACHE)) {
            return files.filter(f -> f.getFileName().toString().startsWith("busybox-static_")
                            && f.getFileName().toString().endsWith("_arm64.deb"))
                    .findFirst()
                    .orElse(null);
        }
    }
}
