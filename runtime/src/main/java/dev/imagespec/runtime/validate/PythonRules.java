package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.packaging.PythonVersions;
import dev.imagespec.runtime.validate.Problem.Severity;

/**
 * The rule for {@code pythonVersion}: a CPython release line images are built for
 * ({@link PythonVersions}), without control characters. flytekit accepts any string, so STRICT.
 *
 * <p>Example: {@code PythonRules.check("3.1O", out)} adds {@code pythonVersion "3.1O" is not a version number ...; write "3.10"}.
 */
public final class PythonRules {
    /** The member these rules check. */
    public static final String FIELD = "pythonVersion";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    private PythonRules() {}

    /** The Python version as written. */
    public static void check(String value, ValidationReport.Collector out) {
        if (TextRules.noControl(FIELD, -1, value, out)) {
            PythonVersions.check(value)
                    .ifPresent(flaw -> out.add(FIELD, -1, Severity.STRICT, value, Messages.pythonVersion(value, flaw)));
        }
    }
}
