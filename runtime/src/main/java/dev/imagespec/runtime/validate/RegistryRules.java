package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for {@code registry}: flytekit's {@code validate_container_registry_name}, the one place
 * it is written ({@code Registries.validateContainerRegistryName} delegates here). flytekit raises
 * {@code ValueError} for a name that breaks it, so every problem here is an ERROR; the message says
 * which part is wrong (a scheme, a trailing slash, a tag).
 *
 * <p>Example: {@code RegistryRules.check("https://ghcr.io/acme", out)} adds
 * {@code registry "https://ghcr.io/acme" must not contain a scheme; write "ghcr.io/acme"}.
 */
public final class RegistryRules {
    /** The member these rules check. */
    public static final String FIELD = "registry";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.ERROR;

    /**
     * flytekit's {@code validate_container_registry_name} pattern: {@code localhost:PORT}, or a
     * host of {@code [a-z0-9._-]} with an optional port, then {@code /}-separated path parts of word
     * characters, dots and dashes. Python's {@code \w} and {@code \d} are Unicode-aware, hence the flag.
     */
    private static final Pattern REGISTRY = Pattern.compile(
            "(localhost:\\d{1,5}|([a-z\\d._-]+)(:\\d{1,5})?)(/[\\w.-]+)*", Pattern.UNICODE_CHARACTER_CLASS);

    private RegistryRules() {}

    /**
     * flytekit's {@code validate_container_registry_name(name)}, as is (ImageSpec lower-cases the
     * registry first). Unlike Python's {@code $}, a trailing newline is not accepted.
     *
     * <p>{@code isContainerRegistryName("ghcr.io/flyteorg")} is true; {@code "https://ghcr.io/flyteorg"} is not.
     */
    public static boolean isContainerRegistryName(String name) {
        return name != null && (plainAscii(name) || matchesPattern(name));
    }

    /** The pattern itself, for the test that holds the fast path to it. */
    static boolean matchesPattern(String name) {
        return REGISTRY.matcher(name).matches();
    }

    /**
     * The pattern's common case without a {@code Matcher}: {@code [a-z0-9._-]+}, an optional port of 1 to
     * 5 digits, then {@code /}-parts of {@code [A-Za-z0-9_.-]+}. Every name this accepts the pattern
     * accepts too; whatever it refuses (including every non-ASCII name) goes to the pattern.
     */
    private static boolean plainAscii(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isHostChar(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        if (i < n && s.charAt(i) == ':') {
            int start = ++i;
            while (i < n && i - start < 5 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        while (i < n) {
            if (s.charAt(i) != '/') {
                return false;
            }
            int start = ++i;
            while (i < n && (isHostChar(s.charAt(i)) || (s.charAt(i) >= 'A' && s.charAt(i) <= 'Z'))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z0-9._-]}; with {@code [A-Z]} these are the ASCII characters of {@code [\w.-]}. */
    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    /** The registry as written; flytekit lower-cases it before checking. */
    public static void check(String registry, ValidationReport.Collector out) {
        String lower = registry.toLowerCase(Locale.ROOT);
        if (isContainerRegistryName(lower)) {
            return;
        }
        String message;
        int scheme = lower.indexOf("://");
        if (scheme >= 0) {
            message = Messages.registryScheme(registry, trimSlashes(lower.substring(scheme + 3)));
        } else if (lower.endsWith("/") && isContainerRegistryName(trimSlashes(lower))) {
            message = Messages.registryTrailingSlash(registry, trimSlashes(lower));
        } else if (lower.contains("@") || (lower.lastIndexOf(':') > lower.indexOf('/') && lower.indexOf('/') > 0)) {
            message = Messages.registryTag(registry);
        } else {
            message = Messages.registry(registry);
        }
        out.add(FIELD, -1, Severity.ERROR, registry, message);
    }

    private static String trimSlashes(String s) {
        String t = s;
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
