package dev.imagespec.runtime.packaging;

import java.util.Objects;

/**
 * One finding of a check: how bad it is, where the value came from, and a message that names
 * the value as written, the rule, and a correct example.
 *
 * <p>{@code new Problem(Severity.ERROR, "packages[1]", "apt package \"Curl\" must be lower-case; write \"curl\"")}.
 *
 * @param severity whether the spec must be rejected
 * @param where the origin of the value, e.g. {@code packages[1]} or {@code requirements.txt:3}; may be empty
 * @param message the text for a person
 */
public record Problem(Severity severity, String where, String message) {

    /**
     * How bad a problem is; {@code ERROR} stops the build, {@code WARNING} does not.
     *
     * @see <a href="https://docs.oracle.com/en/java/javase/17/docs/api/java.compiler/javax/tools/Diagnostic.Kind.html">javac diagnostic kinds</a>
     */
    public enum Severity {
        /** The value is wrong; nothing should be built from it. */
        ERROR,
        /** The value works but probably not as meant. */
        WARNING
    }

    /**
     * Checks the parts are present; {@code new Problem(Severity.WARNING, "", "…")}.
     *
     * @param severity the severity
     * @param where the origin, may be empty
     * @param message the message
     */
    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    static Problem error(String where, String message) {
        return new Problem(Severity.ERROR, where, message);
    }

    static Problem warning(String where, String message) {
        return new Problem(Severity.WARNING, where, message);
    }

    /**
     * Whether this problem must stop the build; true for {@link Severity#ERROR}.
     *
     * @return true if an error
     */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code where: message}, or the message alone; {@code requirements.txt:3: requirement "pkg==" …}.
     *
     * @return the problem as one line
     */
    @Override
    public String toString() {
        return where.isEmpty() ? message : where + ": " + message;
    }
}
