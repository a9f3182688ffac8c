package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.packaging.CondaMatchSpec;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.List;

/**
 * The rules for {@code condaPackages} (conda match specs, {@link CondaMatchSpec}) and
 * {@code condaChannels} (non-empty names without control characters). flytekit accepts any
 * string, so STRICT.
 *
 * <p>Example: {@code CondaRules.packages(List.of("numpy>="), out)} adds
 * {@code conda package "numpy>=" has an invalid version constraint ">="; ...}.
 */
public final class CondaRules {
    /** The member {@link #packages} checks. */
    public static final String PACKAGES = "condaPackages";
    /** The member {@link #channels} checks. */
    public static final String CHANNELS = "condaChannels";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    private CondaRules() {}

    /** Each conda package as written. */
    public static void packages(List<String> values, ValidationReport.Collector out) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            int index = i;
            if (TextRules.noControl(PACKAGES, i, v, out)) {
                CondaMatchSpec.check(v)
                        .ifPresent(
                                flaw -> out.add(PACKAGES, index, Severity.STRICT, v, Messages.condaPackage(v, flaw)));
            }
        }
    }

    /** Each conda channel as written. */
    public static void channels(List<String> values, ValidationReport.Collector out) {
        PathRules.paths(CHANNELS, values, out);
    }
}
