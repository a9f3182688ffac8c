package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.Locale;

/**
 * The rule for {@code name}: once lower-cased (flytekit lower-cases it), a repository path of the
 * docker reference grammar ({@link ImageReference#isValidRepositoryPath}), since it becomes one.
 *
 * <p>Example: {@code NameRules.check("my task!", out)} adds {@code name "my task!" is not a valid image name: ...}.
 */
public final class NameRules {
    /** The member these rules check. */
    public static final String FIELD = "name";
    /** The worst these rules say: flytekit accepts any name, so it is STRICT. */
    public static final Severity WORST = Severity.STRICT;

    private NameRules() {}

    /** The image name, as written. */
    public static void check(String name, ValidationReport.Collector out) {
        if (!ImageReference.isValidRepositoryPath(name.toLowerCase(Locale.ROOT))) {
            out.add(FIELD, -1, Severity.STRICT, name, Messages.name(name));
        }
    }
}
