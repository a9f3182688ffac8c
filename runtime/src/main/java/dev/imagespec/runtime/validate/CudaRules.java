package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.regex.Pattern;

/**
 * The rule for {@code cuda} and {@code cudnn}: a dotted numeric version such as {@code 12.1.1}.
 * flytekit accepts any string, so STRICT.
 *
 * <p>Example: {@code CudaRules.check("cuda", "twelve", out)} adds {@code cuda "twelve" is not a dotted numeric version, ...}.
 */
public final class CudaRules {
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    /** A dotted numeric version, e.g. CUDA's {@code 12.1.1}. */
    private static final Pattern DOTTED = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");

    private CudaRules() {}

    /** The version of {@code field} ({@code "cuda"} or {@code "cudnn"}) as written. */
    public static void check(String field, String value, ValidationReport.Collector out) {
        if (!DOTTED.matcher(value).matches()) {
            out.add(field, -1, Severity.STRICT, value, Messages.cudaVersion(field, value));
        }
    }
}
