package dev.imagespec.runtime.packaging;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code pythonVersion}: a CPython release line that exists and that images are built
 * for, written {@code major.minor} or {@code major.minor.micro}.
 *
 * <p>The supported lines are 3.{@value #OLDEST_MINOR} to 3.{@value #NEWEST_MINOR}: 3.8 is the
 * oldest line flytekit still installs on, 3.14 the newest CPython release line. A newer line is
 * added here when CPython releases it.
 *
 * <p>{@code PythonVersions.check("3.12")} is empty; {@code check("3.1O")}
 * suggests {@code 3.10}.
 *
 * @see <a href="https://devguide.python.org/versions/">CPython release lines</a>
 */
public final class PythonVersions {

    /** Oldest supported minor version of Python 3. */
    public static final int OLDEST_MINOR = 8;

    /** Newest supported minor version of Python 3. */
    public static final int NEWEST_MINOR = 14;

    /** {@code major.minor[.micro]}, numbers without leading zeros. */
    private static final Pattern LINE =
            Pattern.compile("(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})(?:\\.(0|[1-9][0-9]{0,3}))?");

    /**
     * What is wrong with a {@code pythonVersion}; {@code validate.Messages} says it to a person.
     *
     * @param kind the rule broken
     * @param suggestion the version probably meant ({@code "3.10"} for {@code "3.1O"}), or empty
     */
    public record Flaw(Kind kind, String suggestion) {
        /** The rules of a Python version. */
        public enum Kind {
            /** Letters where digits belong; {@link Flaw#suggestion()} is the fixed version. */
            LETTERS_FOR_DIGITS,
            /** Not {@code major.minor[.micro]} with plain numbers. */
            FORMAT,
            /** A 3.x line newer than any release; {@link Flaw#suggestion()} may name the line meant. */
            UNRELEASED,
            /** A line older than {@value PythonVersions#OLDEST_MINOR} or not Python 3. */
            UNSUPPORTED
        }
    }

    private PythonVersions() {}

    /**
     * What is wrong with a {@code pythonVersion} value; empty when valid.
     *
     * <p>{@code check("3.100")} is {@link Flaw.Kind#UNRELEASED} suggesting {@code 3.10}.
     *
     * @param value the version as written
     * @return the flaw, if any
     */
    public static Optional<Flaw> check(String value) {
        return Optional.ofNullable(why(value == null ? "" : value));
    }

    /**
     * Whether the value names a supported CPython line; {@code isValid("3.11.9")} is true.
     *
     * @param value the version as written
     * @return true if {@link #check} finds nothing
     */
    public static boolean isValid(String value) {
        return value != null && why(value) == null;
    }

    private static Flaw why(String value) {
        Matcher m = LINE.matcher(value);
        if (!m.matches()) {
            String fixed = value.strip()
                    .replace('O', '0')
                    .replace('o', '0')
                    .replace('l', '1')
                    .replace('I', '1');
            if (!fixed.equals(value) && LINE.matcher(fixed).matches() && why(fixed) == null) {
                return new Flaw(Flaw.Kind.LETTERS_FOR_DIGITS, fixed);
            }
            return new Flaw(Flaw.Kind.FORMAT, "");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 3 && minor >= OLDEST_MINOR && minor <= NEWEST_MINOR) {
            return null;
        }
        if (major == 3 && minor > NEWEST_MINOR) {
            String meant =
                    minor >= 100 && minor / 10 >= OLDEST_MINOR && minor / 10 <= NEWEST_MINOR ? "3." + minor / 10 : "";
            return new Flaw(Flaw.Kind.UNRELEASED, meant);
        }
        return new Flaw(Flaw.Kind.UNSUPPORTED, "");
    }
}
