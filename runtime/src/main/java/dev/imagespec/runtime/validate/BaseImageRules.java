package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.reference.InvalidImageReferenceException;
import dev.imagespec.runtime.validate.Problem.Severity;

/**
 * The rule for {@code baseImage}: a reference of the docker grammar, Docker Hub defaults applied
 * ({@link ImageReference#parseNormalized}); one without tag or digest is a WARNING (it means
 * {@code latest}). flytekit accepts any string, so a bad reference is STRICT. A base image and a
 * base spec together is the processor's ERROR ({@link Messages#baseImageAndSpec()}).
 *
 * <p>Example: {@code BaseImageRules.check("python", out)} warns {@code baseImage "python" has neither tag nor digest, ...}.
 */
public final class BaseImageRules {
    /** The member these rules check. */
    public static final String FIELD = "baseImage";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    private BaseImageRules() {}

    /** The base image reference as written. */
    public static void check(String value, ValidationReport.Collector out) {
        ImageReference ref;
        try {
            ref = ImageReference.parseNormalized(value);
        } catch (InvalidImageReferenceException e) {
            out.add(FIELD, -1, Severity.STRICT, value, Messages.baseImageInvalid(e.getMessage()));
            return;
        }
        if (ref.tag().isEmpty() && ref.digest().isEmpty()) {
            out.add(FIELD, -1, Severity.WARNING, value, Messages.baseImageUnpinned(value));
        }
    }
}
