package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.Set;

/**
 * The rule for {@code platform}: comma-separated {@code os/arch[/variant]} with an os, an
 * architecture and a variant Go and the OCI image spec know. flytekit accepts any string, so
 * STRICT. (Its default, {@code linux/amd64}, is {@code SpecValues.DEFAULT_PLATFORM}; that the
 * {@code default} builder builds one platform at a time is {@code builders.DefaultBuilderRules}.)
 *
 * <p>Example: {@code PlatformRules.check("linux/sparc", out)} adds {@code platform "linux/sparc" has "linux/sparc", which is not os/arch...}.
 */
public final class PlatformRules {
    /** The member these rules check. */
    public static final String FIELD = "platform";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    /** {@code GOOS} values Go (and so docker, buildah and the OCI image spec) know. */
    private static final Set<String> OSES = Set.of(
            "linux",
            "windows",
            "darwin",
            "freebsd",
            "netbsd",
            "openbsd",
            "solaris",
            "illumos",
            "aix",
            "android",
            "ios",
            "dragonfly",
            "plan9",
            "js",
            "wasip1");
    /** {@code GOARCH} values and the OCI image spec's architecture names. */
    private static final Set<String> ARCHES = Set.of(
            "amd64",
            "arm64",
            "arm",
            "386",
            "ppc64le",
            "ppc64",
            "s390x",
            "riscv64",
            "mips64le",
            "mips64",
            "mipsle",
            "mips",
            "loong64",
            "wasm");
    /** Variants per the OCI image index spec: arm v5–v8, amd64 micro-architecture levels v1–v4. */
    private static final Set<String> VARIANTS = Set.of("v5", "v6", "v7", "v8", "v1", "v2", "v3", "v4");

    private PlatformRules() {}

    /** The platforms as written; the first bad one is named. */
    public static void check(String value, ValidationReport.Collector out) {
        for (String part : value.split(",", -1)) {
            String[] p = part.split("/", -1);
            boolean ok = (p.length == 2 || p.length == 3)
                    && OSES.contains(p[0])
                    && ARCHES.contains(p[1])
                    && (p.length == 2 || VARIANTS.contains(p[2]));
            if (!ok) {
                out.add(FIELD, -1, Severity.STRICT, value, Messages.platformInvalid(value, part));
                return;
            }
        }
    }

    /** Whether {@code value} names more than one platform, e.g. {@code "linux/amd64,linux/arm64"}. */
    public static boolean isMultiPlatform(String value) {
        return value.indexOf(',') >= 0;
    }
}
