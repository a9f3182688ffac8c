package dev.imagespec.runtime.validate;

import java.util.Objects;

/**
 * One thing wrong with a spec: which field (its {@code @ImageSpec} member name, as messages say it,
 * e.g. {@code "pipExtraIndexUrl"}; {@code SpecField.fromMember} maps it back), which element of a
 * list or map field (or -1), how bad, the value as written (empty when the problem is about no
 * single value), and a message from {@link Messages} that names the value, the rule and a correct
 * example. The processor turns it into a compile error on that annotation member; the runtime into
 * an {@code InvalidImageSpecException}.
 *
 * <p>Example: {@code new Problem("registry", -1, Severity.ERROR, "https://x", Messages.registryScheme("https://x", "x"))}.
 *
 * @param field the member the problem is in, e.g. {@code "registry"}
 * @param index the element of a list or map field, or -1 for the whole field
 * @param severity how bad it is
 * @param value the value as written, or empty
 * @param message what is wrong and how to fix it
 */
public record Problem(String field, int index, Severity severity, String value, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** flytekit rejects it too: no spec is made ({@code ImageSpec.Builder.build()} throws). */
        ERROR,
        /**
         * flytekit accepts it, and it hashes, but it cannot be built safely or portably (a newline
         * in a package name, an env name a shell cannot read): a compile error, and builders refuse it.
         */
        STRICT,
        /** Works, but probably not as meant (no tag on a base image). */
        WARNING
    }

    /** Checks the parts are present; {@code index} is -1 or an element's position. */
    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
    }

    /** A problem about no single value, e.g. {@code new Problem("env", 1, Severity.ERROR, "env name \"A\" is given twice")}. */
    public Problem(String field, int index, Severity severity, String message) {
        this(field, index, severity, "", message);
    }

    /** A problem about the whole field, e.g. {@code Problem.of("baseImage", Severity.ERROR, Messages.baseImageAndSpec())}. */
    public static Problem of(String field, Severity severity, String message) {
        return new Problem(field, -1, severity, "", message);
    }

    /** Whether it stops a build: {@link Severity#ERROR} or {@link Severity#STRICT}. */
    public boolean blocksBuild() {
        return severity != Severity.WARNING;
    }
}
