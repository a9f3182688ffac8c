package dev.imagespec.runtime.packaging;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an apt package as written in {@code aptPackages}: a Debian package name, optionally
 * {@code :architecture}, optionally {@code =version} (Debian version syntax) or {@code /release}.
 *
 * <p>{@code AptPackageName.check("curl=7.88.1-10+deb12u5")} finds nothing;
 * {@code check("Curl")} finds {@link Flaw#UPPER_CASE}.
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

    /** What is wrong with an apt package entry; {@code validate.Messages} says it to a person. */
    public enum Flaw {
        /** The name has upper case: {@code Curl}. */
        UPPER_CASE,
        /** The name is not at least two of {@code a-z 0-9 + - .} starting with a letter or digit. */
        NOT_A_NAME,
        /** The part after {@code :} is not an architecture. */
        ARCHITECTURE,
        /** The part after {@code /} is not a release. */
        RELEASE,
        /** The version's epoch (before {@code :}) is not a number. */
        EPOCH,
        /** The version's Debian revision (after the last {@code -}) is empty or has other characters. */
        REVISION,
        /** The version's upstream part does not start with a digit or has other characters. */
        UPSTREAM
    }

    private AptPackageName() {}

    /**
     * What is wrong with one apt package entry; empty when it is valid.
     *
     * <p>{@code check("git=1:2.39.2-1.1")} is empty, {@code check("Curl")} is {@code Optional.of(Flaw.UPPER_CASE)}.
     *
     * @param value the entry as written
     * @return the flaw, if any
     */
    public static Optional<Flaw> check(String value) {
        return Optional.ofNullable(why(value == null ? "" : value));
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

    private static Flaw why(String value) {
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
                return Flaw.UPPER_CASE;
            }
            return Flaw.NOT_A_NAME;
        }
        if (colon >= 0
                && !ARCHITECTURE.matcher(nameAndArch.substring(colon + 1)).matches()) {
            return Flaw.ARCHITECTURE;
        }
        if (release != null && !RELEASE.matcher(release).matches()) {
            return Flaw.RELEASE;
        }
        return eq < 0 ? null : versionProblem(value.substring(eq + 1));
    }

    private static Flaw versionProblem(String version) {
        int colon = version.indexOf(':');
        if (colon >= 0 && !EPOCH.matcher(version.substring(0, colon)).matches()) {
            return Flaw.EPOCH;
        }
        String rest = version.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        if (dash >= 0 && !REVISION.matcher(rest.substring(dash + 1)).matches()) {
            return Flaw.REVISION;
        }
        if (!UPSTREAM.matcher(upstream).matches()) {
            return Flaw.UPSTREAM;
        }
        return null;
    }
}
