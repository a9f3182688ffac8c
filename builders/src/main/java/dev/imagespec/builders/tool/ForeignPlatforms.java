package dev.imagespec.builders.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this machine can run the RUN steps of another architecture: buildah and podman run them
 * through the kernel's binfmt_misc handler for that architecture (qemu-user-static), as docker buildx
 * does. A missing handler fails the build at its first RUN with "exec format error"; this says so first.
 *
 * <p>Example: {@code ForeignPlatforms.missingEmulators(List.of("linux/amd64", "linux/arm64"))} → {@code ["linux/arm64"]} on an amd64 machine without qemu.
 */
public final class ForeignPlatforms {
    /** GOARCH → the name of qemu's binfmt_misc handler ({@code /proc/sys/fs/binfmt_misc/qemu-<name>}). */
    private static final Map<String, String> QEMU = Map.of(
            "amd64",
            "x86_64",
            "arm64",
            "aarch64",
            "arm",
            "arm",
            "ppc64le",
            "ppc64le",
            "s390x",
            "s390x",
            "riscv64",
            "riscv64",
            "386",
            "i386",
            "mips64le",
            "mips64el");

    private static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");

    private ForeignPlatforms() {}

    /** This JVM's architecture as Go names it, e.g. {@code "amd64"}. */
    public static String hostArchitecture() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
    }

    /** The platforms of another architecture whose emulator is not registered and enabled here. */
    public static List<String> missingEmulators(List<String> platforms) {
        List<String> missing = new ArrayList<>();
        for (String platform : platforms) {
            String[] parts = platform.split("/", -1);
            if (parts.length < 2 || parts[1].equals(hostArchitecture())) {
                continue;
            }
            if (!enabled(Optional.ofNullable(QEMU.get(parts[1])).orElse(parts[1]))) {
                missing.add(platform);
            }
        }
        return missing;
    }

    private static boolean enabled(String qemuName) {
        Path handler = BINFMT.resolve("qemu-" + qemuName);
        try {
            return Files.isRegularFile(handler)
                    && Files.readString(handler, StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElse("")
                            .equals("enabled");
        } catch (IOException e) {
            return false;
        }
    }

    /** What to do about {@code missing}, for the build log. */
    public static String advice(List<String> missing) {
        return "this machine (" + hostArchitecture() + ") has no enabled emulator for " + String.join(", ", missing)
                + ", so RUN steps for it will fail with \"exec format error\": install qemu-user-static and"
                + " binfmt-support, mount binfmt_misc (mount -t binfmt_misc binfmt_misc " + BINFMT + ") and enable"
                + " the handler (update-binfmts --enable qemu-<arch>)";
    }
}
