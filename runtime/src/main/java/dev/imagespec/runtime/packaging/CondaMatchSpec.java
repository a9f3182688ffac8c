package dev.imagespec.runtime.packaging;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a conda package as written in {@code condaPackages}: the match spec forms
 * {@code name}, {@code name=1.2}, {@code name==1.2}, {@code name>=1.2,<2}, {@code name=1.2=build},
 * {@code name 1.2 build} and {@code channel::name…}.
 *
 * <p>{@code CondaMatchSpec.check("conda-forge::numpy>=1.26,<2")} is empty.
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

    /**
     * What is wrong with a conda match spec, and the part it is about when there is one;
     * {@code validate.Messages} says it to a person.
     *
     * @param kind the rule broken
     * @param part the constraint as written for {@link Kind#VERSION_CONSTRAINT}, else empty
     */
    public record Flaw(Kind kind, String part) {
        /** The rules of a match spec. */
        public enum Kind {
            /** The channel before {@code ::} is not a channel name. */
            CHANNEL,
            /** It does not start with a package name. */
            NAME,
            /** The version after {@code =} is not a version. */
            VERSION_AFTER_EQUALS,
            /** The build string after the second {@code =} is not one. */
            BUILD_AFTER_EQUALS,
            /** The version constraint ({@link Flaw#part()}) is not one. */
            VERSION_CONSTRAINT,
            /** The version after the space is not a version. */
            VERSION_AFTER_SPACE,
            /** The build string after the version is not one. */
            BUILD_AFTER_SPACE
        }

        static Flaw of(Kind kind) {
            return new Flaw(kind, "");
        }
    }

    private CondaMatchSpec() {}

    /**
     * What is wrong with one conda match spec; empty when valid.
     *
     * <p>{@code check("numpy>=")} is a {@link Flaw.Kind#VERSION_CONSTRAINT} flaw about {@code ">="}.
     *
     * @param value the spec as written
     * @return the flaw, if any
     */
    public static Optional<Flaw> check(String value) {
        return Optional.ofNullable(why(value == null ? "" : value));
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

    private static Flaw why(String value) {
        String spec = value;
        int channelEnd = spec.indexOf("::");
        if (channelEnd >= 0) {
            if (!CHANNEL.matcher(spec.substring(0, channelEnd)).matches()) {
                return Flaw.of(Flaw.Kind.CHANNEL);
            }
            spec = spec.substring(channelEnd + 2);
        }
        int nameEnd = 0;
        while (nameEnd < spec.length() && "=<>!~ ".indexOf(spec.charAt(nameEnd)) < 0) {
            nameEnd++;
        }
        if (!NAME.matcher(spec.substring(0, nameEnd)).matches()) {
            return Flaw.of(Flaw.Kind.NAME);
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
                return Flaw.of(Flaw.Kind.VERSION_AFTER_EQUALS);
            }
            return build < 0 || BUILD.matcher(rest.substring(build + 1)).matches()
                    ? null
                    : Flaw.of(Flaw.Kind.BUILD_AFTER_EQUALS);
        }
        return versions(rest) ? null : new Flaw(Flaw.Kind.VERSION_CONSTRAINT, rest);
    }

    private static Flaw spaceForm(String rest) {
        String[] parts = rest.split(" ", -1);
        if (parts.length > 2 || !versions(parts[0])) {
            return Flaw.of(Flaw.Kind.VERSION_AFTER_SPACE);
        }
        return parts.length == 1 || BUILD.matcher(parts[1]).matches() ? null : Flaw.of(Flaw.Kind.BUILD_AFTER_SPACE);
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
