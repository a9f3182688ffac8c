package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a conda package as written in {@code condaPackages}: the match spec forms
 * {@code name}, {@code name=1.2}, {@code name==1.2}, {@code name>=1.2,<2}, {@code name=1.2=build},
 * {@code name 1.2 build} and {@code channel::name…}.
 *
 * <p>{@code CondaMatchSpec.check("conda-forge::numpy>=1.26,<2", "condaPackages[0]")} is empty.
 *
 * @see <a href="https://docs.conda.io/projects/conda-build/en/latest/resources/package-spec.html#package-match-specifications">conda package match specifications</a>
 */
public final class CondaMatchSpec {

    /** A channel name or URL-less channel path, e.g. {@code conda-forge} or {@code conda-forge/linux-64}. */
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*+(?:/[A-Za-z0-9_.-]++)*+");

    /** A conda package name: letters, digits, {@code _ . -}, starting with a letter, digit or {@code _}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*+");

    /** One version term: an optional operator, then a version that may end in {@code .*} or {@code *}. */
    private static final Pattern VERSION_TERM =
            Pattern.compile("(?:==|!=|<=|>=|~=|<|>|=)?[A-Za-z0-9_.+!]++(?:\\.?\\*)?+|\\*");

    /** A build string, e.g. {@code py311h64a7726_0} or {@code *cuda*}. */
    private static final Pattern BUILD = Pattern.compile("[A-Za-z0-9_.*+]++");

    private static final String EXAMPLE = "e.g. \"numpy\", \"numpy=1.26\", \"numpy>=1.26,<2\","
            + " \"numpy=1.26.4=py311h64a7726_0\" or \"conda-forge::numpy\"";

    private CondaMatchSpec() {}

    /**
     * The problems of one conda match spec; empty when valid.
     *
     * <p>{@code check("numpy>=", "condaPackages[1]")} reports a missing version.
     *
     * @param value the spec as written
     * @param where where it came from, for the problem
     * @return the problems, never null
     */
    public static List<Problem> check(String value, String where) {
        List<Problem> problems = new ArrayList<>();
        String why = why(value == null ? "" : value);
        if (why != null) {
            problems.add(Problem.error(where, "conda package " + quote(value) + " " + why + "; write " + EXAMPLE));
        }
        return problems;
    }

    /**
     * Whether the spec is valid; {@code isValid("python=3.11")} is true, {@code isValid("=1.0")} false.
     *
     * @param value the spec as written
     * @return true if {@link #check} finds nothing
     */
    public static boolean isValid(String value) {
        return value != null && why(value) == null;
    }

    private static String why(String value) {
        String spec = value;
        int channelEnd = spec.indexOf("::");
        if (channelEnd >= 0) {
            if (!CHANNEL.matcher(spec.substring(0, channelEnd)).matches()) {
                return "has an invalid channel before '::'";
            }
            spec = spec.substring(channelEnd + 2);
        }
        int nameEnd = 0;
        while (nameEnd < spec.length() && "=<>!~ ".indexOf(spec.charAt(nameEnd)) < 0) {
            nameEnd++;
        }
        if (!NAME.matcher(spec.substring(0, nameEnd)).matches()) {
            return "must start with a package name of letters, digits, '_', '.' and '-'";
        }
        String rest = spec.substring(nameEnd);
        if (rest.isEmpty()) {
            return null;
        }
        if (rest.startsWith(" ")) {
            return spaceForm(rest.substring(1));
        }
        if (rest.startsWith("=") && !rest.startsWith("==")) {
            // name=version[=build]
            int build = rest.indexOf('=', 1);
            String version = build < 0 ? rest.substring(1) : rest.substring(1, build);
            if (!versions(version)) {
                return "has an invalid version after '='";
            }
            return build < 0 || BUILD.matcher(rest.substring(build + 1)).matches() ? null
                    : "has an invalid build string after the second '='";
        }
        return versions(rest) ? null : "has an invalid version constraint " + quote(rest);
    }

    private static String spaceForm(String rest) {
        String[] parts = rest.split(" ", -1);
        if (parts.length > 2 || !versions(parts[0])) {
            return "has an invalid version after the space";
        }
        return parts.length == 1 || BUILD.matcher(parts[1]).matches() ? null : "has an invalid build string";
    }

    /** Terms joined by {@code ,} (and) or {@code |} (or). */
    private static boolean versions(String constraint) {
        if (constraint.isEmpty()) {
            return false;
        }
        for (String term : constraint.split("[,|]", -1)) {
            if (!VERSION_TERM.matcher(term).matches()) {
                return false;
            }
        }
        return true;
    }
}
