package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for {@code env}: portable names (POSIX: letters, digits, {@code _}, not starting with a
 * digit), and values without NUL. flytekit accepts any string, so STRICT; the index of a problem
 * is the entry's position.
 *
 * <p>Example: {@code EnvRules.check(Map.of("1BAD", "x"), out)} adds {@code env name "1BAD" is not a portable ...}.
 */
public final class EnvRules {
    /** The member these rules check. */
    public static final String FIELD = "env";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    /** POSIX portable environment variable names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvRules() {}

    /** Each entry, in map order. */
    public static void check(Map<String, String> env, ValidationReport.Collector out) {
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) {
                out.add(FIELD, i, Severity.STRICT, e.getKey(), Messages.envName(e.getKey()));
            }
            TextRules.noNul(FIELD, i, e.getValue(), out);
            i++;
        }
    }
}
