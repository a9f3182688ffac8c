package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.spec.SpecValidator;
import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.reference.InvalidImageReferenceException;
import dev.imagespec.runtime.packaging.InvalidRequirementException;
import dev.imagespec.runtime.Registries;
import dev.imagespec.runtime.packaging.Requirement;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.hash.TagFormat;
import dev.imagespec.runtime.packaging.AptPackageName;
import dev.imagespec.runtime.packaging.CondaMatchSpec;
import dev.imagespec.runtime.packaging.PythonVersions;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rule for each kind of value, one method per rule; {@link SpecValidator} says which field gets which. */
public final class ValueRules {
    /** OCI distribution spec, path component: {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*}. */
    private static final Pattern NAME_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    /** OCI distribution spec, tag: {@code [\w][\w.-]{0,127}}. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** POSIX portable environment variable names. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A dotted numeric version, e.g. CUDA's {@code 12.1.1}. */
    private static final Pattern DOTTED = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");

    /** {@code GOOS} values Go (and so docker, buildah and the OCI image spec) know. */
    private static final Set<String> OSES = Set.of("linux", "windows", "darwin", "freebsd", "netbsd", "openbsd",
            "solaris", "illumos", "aix", "android", "ios", "dragonfly", "plan9", "js", "wasip1");
    /** {@code GOARCH} values and the OCI image spec's architecture names. */
    private static final Set<String> ARCHES = Set.of("amd64", "arm64", "arm", "386", "ppc64le", "ppc64", "s390x",
            "riscv64", "mips64le", "mips64", "mipsle", "mips", "loong64", "wasm");
    /** Variants per the OCI image index spec: arm v5–v8, amd64 micro-architecture levels v1–v4. */
    private static final Set<String> VARIANTS = Set.of("v5", "v6", "v7", "v8", "v1", "v2", "v3", "v4");

    private ValueRules() {}

    interface ElementRule {
        void check(SpecField field, int index, String value, List<Problem> out);
    }

    static void each(SpecField field, List<String> values, ElementRule rule, List<Problem> out) {
        for (int i = 0; i < values.size(); i++) {
            rule.check(field, i, values.get(i), out);
        }
    }

    public static boolean hasControl(String v) {
        return v.indexOf('\0') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
    }

    public static boolean noControl(SpecField field, int index, String value, List<Problem> out) {
        if (hasControl(value)) {
            out.add(new Problem(field, index, Severity.STRICT, Messages.controlCharacter(field.member(), value)));
            return false;
        }
        return true;
    }

    public static void noNul(SpecField field, int index, String value, List<Problem> out) {
        if (value.indexOf('\0') >= 0) {
            out.add(new Problem(field, index, Severity.STRICT, Messages.controlCharacter(field.member(), value)));
        }
    }

    public static void path(SpecField field, int index, String value, List<Problem> out) {
        if (value.isEmpty()) {
            out.add(new Problem(field, index, Severity.STRICT, Messages.emptyValue(field.member())));
        } else {
            noControl(field, index, value, out);
        }
    }

    public static void names(SpecField field, List<String> values, List<Problem> out) {
        each(field, values, ValueRules::path, out);
    }

    public static void name(String name, List<Problem> out) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String component : lower.split("/", -1)) {
            if (!NAME_COMPONENT.matcher(component).matches()) {
                out.add(Problem.of(SpecField.NAME, Severity.STRICT, Messages.name(name)));
                return;
            }
        }
    }

    public static void registry(String registry, List<Problem> out) {
        String lower = registry.toLowerCase(Locale.ROOT);
        if (Registries.validateContainerRegistryName(lower)) {
            return;
        }
        String message;
        int scheme = lower.indexOf("://");
        if (scheme >= 0) {
            message = Messages.registryScheme(registry, trimSlashes(lower.substring(scheme + 3)));
        } else if (lower.endsWith("/") && Registries.validateContainerRegistryName(trimSlashes(lower))) {
            message = Messages.registryTrailingSlash(registry, trimSlashes(lower));
        } else if (lower.contains("@") || lower.lastIndexOf(':') > lower.indexOf('/') && lower.indexOf('/') > 0) {
            message = Messages.registryTag(registry);
        } else {
            message = Messages.registry(registry);
        }
        out.add(Problem.of(SpecField.REGISTRY, Severity.ERROR, message));
    }

    private static String trimSlashes(String s) {
        String t = s;
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    public static void pythonVersion(String value, List<Problem> out) {
        if (noControl(SpecField.PYTHON_VERSION, -1, value, out)) {
            standard(SpecField.PYTHON_VERSION, -1, PythonVersions.check(value, "pythonVersion"), out);
        }
    }

    /** PEP 508, as pip reads a requirement: one line, a name, extras, specifiers, a URL or markers. */
    public static void packages(SpecField field, List<String> values, List<Problem> out) {
        each(field, values, (f, i, v, o) -> {
            if (!noControl(f, i, v, o)) {
                return;
            }
            try {
                Requirement.parse(v);
            } catch (InvalidRequirementException e) {
                o.add(new Problem(f, i, Severity.STRICT, f.member() + ": " + e.getMessage()));
            }
        }, out);
    }

    public static void condaPackages(List<String> values, List<Problem> out) {
        each(SpecField.CONDA_PACKAGES, values, (f, i, v, o) -> {
            if (noControl(f, i, v, o)) {
                standard(f, i, CondaMatchSpec.check(v, f.member() + "[" + i + "]"), o);
            }
        }, out);
    }

    public static void aptPackages(List<String> values, List<Problem> out) {
        each(SpecField.APT_PACKAGES, values, (f, i, v, o) -> {
            if (noControl(f, i, v, o)) {
                standard(f, i, AptPackageName.check(v, f.member() + "[" + i + "]"), o);
            }
        }, out);
    }

    /** A standard's findings as spec problems: its errors are STRICT (flytekit itself accepts any string). */
    private static void standard(SpecField field, int index, List<dev.imagespec.runtime.packaging.Problem> found,
                                 List<Problem> out) {
        for (dev.imagespec.runtime.packaging.Problem p : found) {
            out.add(new Problem(field, index, p.isError() ? Severity.STRICT : Severity.WARNING, p.message()));
        }
    }

    public static void dottedVersion(SpecField field, String value, List<Problem> out) {
        if (!DOTTED.matcher(value).matches()) {
            out.add(Problem.of(field, Severity.STRICT, Messages.cudaVersion(field.member(), value)));
        }
    }

    /** The docker reference grammar, Docker Hub defaults applied; no tag or digest is a warning. */
    public static void baseImage(String value, List<Problem> out) {
        ImageReference ref;
        try {
            ref = ImageReference.parseNormalized(value);
        } catch (InvalidImageReferenceException e) {
            out.add(Problem.of(SpecField.BASE_IMAGE, Severity.STRICT, "baseImage: " + e.getMessage()));
            return;
        }
        if (ref.tag().isEmpty() && ref.digest().isEmpty()) {
            out.add(Problem.of(SpecField.BASE_IMAGE, Severity.WARNING, Messages.baseImageUnpinned(value)));
        }
    }

    public static void platform(String value, List<Problem> out) {
        for (String part : value.split(",", -1)) {
            String[] p = part.split("/", -1);
            boolean ok = (p.length == 2 || p.length == 3) && OSES.contains(p[0]) && ARCHES.contains(p[1])
                    && (p.length == 2 || VARIANTS.contains(p[2]));
            if (!ok) {
                out.add(Problem.of(SpecField.PLATFORM, Severity.STRICT, Messages.platformInvalid(value, part)));
                return;
            }
        }
    }

    public static void url(SpecField field, int index, String value, List<Problem> out) {
        if (!noControl(field, index, value, out)) {
            return;
        }
        boolean ok;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            ok = false;
        }
        if (!ok) {
            out.add(new Problem(field, index, Severity.STRICT, Messages.url(field.member(), value)));
        }
    }

    public static void envName(int index, String name, List<Problem> out) {
        if (!ENV_NAME.matcher(name).matches()) {
            out.add(new Problem(SpecField.ENV, index, Severity.STRICT, Messages.envName(name)));
        }
    }

    public static void tagFormat(String format, List<Problem> out) {
        String sample = "fv8aVGdGU6GT1t5W98ZQPA";
        String rendered;
        try {
            rendered = TagFormat.apply(format, sample);
        } catch (IllegalArgumentException e) {
            out.add(Problem.of(SpecField.TAG_FORMAT, Severity.ERROR, e.getMessage()));
            return;
        }
        if (!format.contains(TagFormat.FIELD)) {
            out.add(Problem.of(SpecField.TAG_FORMAT, Severity.STRICT, Messages.tagFormatNoField(format)));
        } else if (!TAG.matcher(rendered).matches()) {
            out.add(Problem.of(SpecField.TAG_FORMAT, Severity.STRICT, Messages.tagFormatInvalid(format, rendered)));
        }
    }
}
