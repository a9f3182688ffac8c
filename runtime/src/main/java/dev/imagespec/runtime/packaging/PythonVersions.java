package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

import java.util.ArrayList;
import java.util.List;
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
 * <p>{@code PythonVersions.check("3.12", "pythonVersion")} is empty; {@code check("3.1O", …)}
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
    private static final Pattern LINE = Pattern.compile("(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})(?:\\.(0|[1-9][0-9]{0,3}))?");

    private PythonVersions() {}

    /**
     * The problems of a {@code pythonVersion} value; empty when valid.
     *
     * <p>{@code check("3.100", "pythonVersion")} reports that 3.100 is no CPython line and suggests 3.10.
     *
     * @param value the version as written
     * @param where where it came from, for the problem
     * @return the problems, never null
     */
    public static List<Problem> check(String value, String where) {
        List<Problem> problems = new ArrayList<>();
        String why = why(value == null ? "" : value);
        if (why != null) {
            problems.add(Problem.error(where, "pythonVersion " + quote(value) + " " + why));
        }
        return problems;
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

    private static String why(String value) {
        Matcher m = LINE.matcher(value);
        if (!m.matches()) {
            String fixed = value.strip().replace('O', '0').replace('o', '0').replace('l', '1').replace('I', '1');
            if (!fixed.equals(value) && LINE.matcher(fixed).matches() && why(fixed) == null) {
                return "is not a version number (letters where digits belong?); write " + quote(fixed);
            }
            return "must be major.minor or major.minor.micro with plain numbers, e.g. \"3.12\" or \"3.12.4\"";
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 3 && minor >= OLDEST_MINOR && minor <= NEWEST_MINOR) {
            return null;
        }
        String range = "; supported are 3." + OLDEST_MINOR + " to 3." + NEWEST_MINOR + ", e.g. \"3.12\"";
        if (major == 3 && minor > NEWEST_MINOR) {
            String hint = minor >= 100 && minor / 10 >= OLDEST_MINOR && minor / 10 <= NEWEST_MINOR
                    ? " (did you mean \"3." + minor / 10 + "\"?)" : "";
            return "is not a released CPython line" + hint + range;
        }
        return "is not a supported CPython line" + range;
    }
}
