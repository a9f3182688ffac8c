package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.List;

/**
 * The rules for a path or name a spec gives as written ({@code sourceRoot}, {@code requirements},
 * {@code copy}, {@code pythonExec}, {@code registryConfig}): not empty, no control characters.
 * Whether the file exists is {@code spec.FileChecks}' concern, which needs the file system.
 *
 * <p>Example: {@code PathRules.path("copy", 0, "", out)} adds {@code copy has an empty entry; ...}.
 */
public final class PathRules {
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    private PathRules() {}

    /** One path: element {@code index} (or -1) of {@code field}. */
    public static void path(String field, int index, String value, ValidationReport.Collector out) {
        if (value.isEmpty()) {
            out.add(field, index, Severity.STRICT, value, Messages.emptyValue(field));
        } else {
            TextRules.noControl(field, index, value, out);
        }
    }

    /** Each element of a list of paths or names. */
    public static void paths(String field, List<String> values, ValidationReport.Collector out) {
        for (int i = 0; i < values.size(); i++) {
            path(field, i, values.get(i), out);
        }
    }
}
