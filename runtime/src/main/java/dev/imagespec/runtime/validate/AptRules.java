package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.packaging.AptPackageName;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.List;

/**
 * The rule for {@code aptPackages}: Debian package names with an optional architecture, version
 * or release ({@link AptPackageName}), without control characters. flytekit accepts any string, so STRICT.
 *
 * <p>Example: {@code AptRules.check(List.of("Curl"), out)} adds {@code apt package "Curl" must be lower-case ...}.
 */
public final class AptRules {
    /** The member these rules check. */
    public static final String FIELD = "aptPackages";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    private AptRules() {}

    /** Each apt package as written. */
    public static void check(List<String> values, ValidationReport.Collector out) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            int index = i;
            if (TextRules.noControl(FIELD, i, v, out)) {
                AptPackageName.check(v)
                        .ifPresent(flaw -> out.add(FIELD, index, Severity.STRICT, v, Messages.aptPackage(v, flaw)));
            }
        }
    }
}
