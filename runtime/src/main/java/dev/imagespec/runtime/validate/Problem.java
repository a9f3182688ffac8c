package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.spec.SpecField;

/**
 * One thing wrong with a spec: which field (and which element of a list field, or -1), how bad,
 * and a message that names the value, the rule and a correct example. The processor turns it into
 * a compile error on that annotation member; the runtime into an {@code InvalidImageSpecException}.
 *
 * <p>Example: {@code new Problem(SpecField.REGISTRY, -1, Severity.ERROR, Messages.registryScheme("https://x"))}.
 *
 * @param field the field the problem is in
 * @param index the element of a list or map field, or -1 for the whole field
 * @param severity how bad it is
 * @param message what is wrong and how to fix it
 */
public record Problem(SpecField field, int index, Severity severity, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** flytekit rejects it too: no spec is made. */
        ERROR,
        /**
         * flytekit accepts it, and it hashes, but it cannot be built safely or portably (a newline
         * in a package name, an env name a shell cannot read): a compile error, and builders refuse it.
         */
        STRICT,
        /** Works, but probably not as meant (no tag on a base image). */
        WARNING
    }

    /** A problem about the whole field. */
    public static Problem of(SpecField field, Severity severity, String message) {
        return new Problem(field, -1, severity, message);
    }
}
