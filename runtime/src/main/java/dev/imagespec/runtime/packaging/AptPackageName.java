package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an apt package as written in {@code aptPackages}: a Debian package name, optionally
 * {@code :architecture}, optionally {@code =version} (Debian version syntax) or {@code /release}.
 *
 * <p>{@code AptPackageName.check("curl=7.88.1-10+deb12u5", "aptPackages[0]")} finds nothing;
 * {@code check("Curl", …)} reports that names are lower-case.
 *
 * @see <a href="https://www.debian.org/doc/debian-policy/ch-controlfields.html#source">Debian policy 5.6.1 package names</a>
 * @see <a href="https://www.debian.org/doc/debian-policy/ch-controlfields.html#version">Debian policy 5.6.12 versions</a>
 */
public final class AptPackageName {

    /** Debian policy 5.6.1: {@code [a-z0-9][a-z0-9+.-]+}, at least two characters. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]++");

    /** A Debian architecture name or wildcard such as {@code amd64}, {@code arm64}, {@code any}. */
    private static final Pattern ARCHITECTURE = Pattern.compile("[a-z0-9][a-z0-9-]*+");

    /** Debian policy 5.6.12 epoch: digits. */
    private static final Pattern EPOCH = Pattern.compile("[0-9]++");

    /** Debian policy 5.6.12 upstream version: starts with a digit; letters, digits, {@code . + ~ -}. */
    private static final Pattern UPSTREAM = Pattern.compile("[0-9][A-Za-z0-9.+~-]*+");

    /** Debian policy 5.6.12 revision: letters, digits, {@code + . ~}. */
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9+.~]++");

    /** An apt release (suite or codename) such as {@code bookworm-backports}. */
    private static final Pattern RELEASE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+~_-]*+");

    private static final String EXAMPLE = "e.g. \"curl\", \"libssl-dev:arm64\" or \"curl=7.88.1-10+deb12u5\"";

    private AptPackageName() {}

    /**
     * The problems of one apt package entry; empty when it is valid.
     *
     * <p>{@code check("git=1:2.39.2-1.1", "aptPackages[2]")} is empty.
     *
     * @param value the entry as written
     * @param where where it came from, for the problem
     * @return the problems, never null
     */
    public static List<Problem> check(String value, String where) {
        List<Problem> problems = new ArrayList<>();
        String why = why(value == null ? "" : value);
        if (why != null) {
            problems.add(Problem.error(where, "apt package " + quote(value) + " " + why + "; write " + EXAMPLE));
        }
        return problems;
    }

    /**
     * Whether the entry is valid; {@code isValid("g++")} is true, {@code isValid("g")} false.
     *
     * @param value the entry as written
     * @return true if {@link #check} finds nothing
     */
    public static boolean isValid(String value) {
        return value != null && why(value) == null;
    }

    private static String why(String value) {
        int eq = value.indexOf('=');
        String nameAndArch = eq < 0 ? value : value.substring(0, eq);
        String release = null;
        int slash = nameAndArch.indexOf('/');
        if (eq < 0 && slash >= 0) {
            release = nameAndArch.substring(slash + 1);
            nameAndArch = nameAndArch.substring(0, slash);
        }
        int colon = nameAndArch.indexOf(':');
        String name = colon < 0 ? nameAndArch : nameAndArch.substring(0, colon);
        if (!NAME.matcher(name).matches()) {
            if (NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                return "must be lower-case (Debian package names are)";
            }
            return "is not a Debian package name: it must be at least two of a-z, 0-9, '+', '-', '.',"
                    + " starting with a letter or digit";
        }
        if (colon >= 0 && !ARCHITECTURE.matcher(nameAndArch.substring(colon + 1)).matches()) {
            return "has an invalid architecture after ':'";
        }
        if (release != null && !RELEASE.matcher(release).matches()) {
            return "has an invalid release after '/'";
        }
        return eq < 0 ? null : versionProblem(value.substring(eq + 1));
    }

    private static String versionProblem(String version) {
        int colon = version.indexOf(':');
        if (colon >= 0 && !EPOCH.matcher(version.substring(0, colon)).matches()) {
            return "has a version whose epoch (before ':') is not a number";
        }
        String rest = version.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        if (dash >= 0 && !REVISION.matcher(rest.substring(dash + 1)).matches()) {
            return "has a version whose Debian revision (after the last '-') is empty or has characters"
                    + " other than letters, digits, '+', '.', '~'";
        }
        if (!UPSTREAM.matcher(upstream).matches()) {
            return "has a version that is not a Debian version: the upstream part must start with a digit"
                    + " and hold only letters, digits, '.', '+', '~' and '-'";
        }
        return null;
    }
}
