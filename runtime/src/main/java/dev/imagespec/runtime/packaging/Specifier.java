package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One PEP 440 version specifier, an operator and a version, matched exactly as
 * {@code packaging.specifiers.Specifier} (packaging 26) matches.
 *
 * <p>{@code Specifier.parse(">=1.0").contains(Version.parse("1.2"))} is true;
 * {@code Specifier.parse("==1.4.*")} matches {@code 1.4.2} but not {@code 1.5}.
 *
 * <p>The version keeps its spelling ({@code "== 01.0"} prints as {@code ==01.0}), as packaging's
 * {@code str()} does; equality compares the canonical version ({@code ==1.0} equals {@code ==1.0.0}).
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#version-specifiers">PEP 440 version specifiers</a>
 */
public final class Specifier {

    /**
     * A PEP 440 comparison operator; {@code Operator.COMPATIBLE.symbol()} is {@code "~="}.
     *
     * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#version-specifiers">PEP 440 operators</a>
     */
    public enum Operator {
        /** {@code ~=}: compatible release. */
        COMPATIBLE("~="),
        /** {@code ==}: version matching, with an optional {@code .*} prefix wildcard. */
        EQUAL("=="),
        /** {@code !=}: version exclusion, with an optional {@code .*} prefix wildcard. */
        NOT_EQUAL("!="),
        /** {@code <=}: inclusive ordered comparison. */
        LESS_EQUAL("<="),
        /** {@code >=}: inclusive ordered comparison. */
        GREATER_EQUAL(">="),
        /** {@code <}: exclusive ordered comparison; excludes pre-releases of the version itself. */
        LESS("<"),
        /** {@code >}: exclusive ordered comparison; excludes post-releases and local versions of it. */
        GREATER(">"),
        /** {@code ===}: arbitrary equality, a case-insensitive string match. */
        ARBITRARY("===");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /**
         * The operator as written; {@code ">="}.
         *
         * @return the symbol
         */
        public String symbol() {
            return symbol;
        }
    }

    private static final Version MIN_VERSION = Version.parse("0.dev0");

    private final Operator operator;
    private final String version;
    private final Version parsed; // null only for === with a non-PEP 440 string
    private final boolean wildcard;
    private final String canonical;

    private Specifier(Operator operator, String version, Version parsed, boolean wildcard) {
        this.operator = operator;
        this.version = version;
        this.parsed = parsed;
        this.wildcard = wildcard;
        this.canonical = canonical();
    }

    /**
     * Parses one specifier; whitespace around and between operator and version is allowed.
     *
     * <p>{@code Specifier.parse(" ~= 2.2 ")} prints as {@code ~=2.2}.
     *
     * @param text the specifier, e.g. {@code ">=1.0"}
     * @return the specifier
     * @throws InvalidSpecifierException if it is not a PEP 440 specifier
     */
    public static Specifier parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = VersionSyntax.strip(text);
        Operator operator = operatorOf(s);
        if (operator == null) {
            throw new InvalidSpecifierException(text, "it must start with one of ~= == != <= >= < > ===");
        }
        String version = VersionSyntax.strip(s.substring(operator.symbol().length()));
        if (operator == Operator.ARBITRARY) {
            return arbitrary(text, version);
        }
        VersionSyntax.Parts parts = VersionSyntax.scan(version, 0, version.length(), modeOf(operator));
        if (parts == null || parts.end != version.length()) {
            throw new InvalidSpecifierException(text, ruleFor(operator, version));
        }
        return new Specifier(operator, version, Version.of(parts), parts.wildcard);
    }

    private static Specifier arbitrary(String text, String version) {
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == ';' || c == ')' || VersionSyntax.isPythonSpace(c)) {
                throw new InvalidSpecifierException(
                        text, "the version after === must not contain whitespace, ';' or ')'");
            }
        }
        Version parsed = Version.isValid(version) ? Version.parse(version) : null;
        return new Specifier(Operator.ARBITRARY, version, parsed, false);
    }

    /** Operators in the order packaging's regex tries them: {@code ===} before {@code ==}, two-character before one. */
    private static final Operator[] BY_MATCH_ORDER = {
        Operator.ARBITRARY, Operator.COMPATIBLE, Operator.EQUAL, Operator.NOT_EQUAL,
        Operator.LESS_EQUAL, Operator.GREATER_EQUAL, Operator.LESS, Operator.GREATER,
    };

    static Operator operatorOf(String s) {
        for (Operator operator : BY_MATCH_ORDER) {
            if (s.startsWith(operator.symbol())) {
                return operator;
            }
        }
        return null;
    }

    static VersionSyntax.Mode modeOf(Operator operator) {
        return switch (operator) {
            case EQUAL, NOT_EQUAL -> VersionSyntax.Mode.EQUALITY;
            case COMPATIBLE -> VersionSyntax.Mode.COMPATIBLE;
            default -> VersionSyntax.Mode.ORDERED;
        };
    }

    private static String ruleFor(Operator operator, String version) {
        String symbol = operator.symbol();
        if (version.endsWith(".*") && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            return "a .* wildcard is allowed only after == or !=, e.g. \"==" + "1.4.*\"";
        }
        if (version.contains("+") && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            return "a local version label (+...) is allowed only after == or !=";
        }
        if (operator == Operator.COMPATIBLE) {
            return "~= needs a version with at least two release numbers, e.g. \"~=1.4\"";
        }
        return "the version after " + symbol + " must be a PEP 440 version"
                + (operator == Operator.EQUAL || operator == Operator.NOT_EQUAL ? " or a prefix ending in .*" : "")
                + ", e.g. \"" + symbol + "1.4\"";
    }

    /**
     * The operator; {@code Specifier.parse("!=1.0").operator()} is {@link Operator#NOT_EQUAL}.
     *
     * @return the operator
     */
    public Operator operator() {
        return operator;
    }

    /**
     * The version as written after the operator, wildcard included; {@code "1.4.*"} for {@code ==1.4.*}.
     *
     * @return the version text
     */
    public String version() {
        return version;
    }

    /**
     * Whether this is a prefix match; true for {@code ==1.4.*}.
     *
     * @return whether the version ends in {@code .*}
     */
    public boolean isWildcard() {
        return wildcard;
    }

    /**
     * The version parsed, without the wildcard; empty only for {@code ===} with a non-PEP 440 string.
     *
     * <p>{@code Specifier.parse("==1.4.*").parsedVersion()} is {@code 1.4}.
     *
     * @return the version, if it is a PEP 440 version
     */
    public Optional<Version> parsedVersion() {
        return Optional.ofNullable(parsed);
    }

    /**
     * Whether this specifier names a pre-release and so lets pre-releases in (packaging's
     * {@code Specifier.prereleases}); true for {@code >=1.0rc1}, false for {@code !=1.0rc1}.
     *
     * @return true if the specifier implies pre-releases
     */
    public boolean impliesPrereleases() {
        if (operator == Operator.NOT_EQUAL || (operator == Operator.EQUAL && wildcard)) {
            return false;
        }
        return parsed != null && parsed.isPrerelease();
    }

    /**
     * Whether {@code candidate} satisfies this specifier, pre-releases included
     * (packaging's {@code contains} for a single version with default pre-release handling).
     *
     * <p>{@code Specifier.parse(">1.7").contains(Version.parse("1.7.post1"))} is false.
     *
     * @param candidate the version to test
     * @return true if it matches
     */
    public boolean contains(Version candidate) {
        return contains(candidate, true);
    }

    /**
     * Whether {@code candidate} satisfies this specifier; with {@code prereleases} false a
     * pre-release never does.
     *
     * <p>{@code Specifier.parse(">=1.0").contains(Version.parse("2.0a1"), false)} is false.
     *
     * @param candidate the version to test
     * @param prereleases whether pre-releases may match
     * @return true if it matches
     */
    public boolean contains(Version candidate, boolean prereleases) {
        Objects.requireNonNull(candidate, "candidate");
        if (!prereleases && candidate.isPrerelease()) {
            return false;
        }
        return matches(candidate, candidate.toString());
    }

    /**
     * Whether the version text satisfies this specifier; unlike {@link #contains(Version)} it lets
     * {@code ===} compare the text as written, and a text that is no PEP 440 version can match only
     * {@code ===}.
     *
     * <p>{@code Specifier.parse("===1.0").contains("1.0")} is true; {@code contains("1.0.0")} false.
     *
     * @param candidate the version as written
     * @return true if it matches
     */
    public boolean contains(String candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (!Version.isValid(candidate)) {
            return operator == Operator.ARBITRARY && sameText(candidate);
        }
        return matches(Version.parse(candidate), candidate);
    }

    boolean matches(Version candidate, String asWritten) {
        return switch (operator) {
            case ARBITRARY -> sameText(asWritten);
            case EQUAL -> equalTo(candidate);
            case NOT_EQUAL -> !equalTo(candidate);
            case LESS_EQUAL -> publicOf(candidate).compareTo(parsed) <= 0;
            case GREATER_EQUAL -> publicOf(candidate).compareTo(parsed) >= 0;
            case LESS -> lessThan(candidate);
            case GREATER -> greaterThan(candidate);
            case COMPATIBLE ->
                publicOf(candidate).compareTo(parsed) >= 0 && prefixMatches(candidate, compatiblePrefix());
        };
    }

    private boolean sameText(String candidate) {
        return candidate.toLowerCase(Locale.ROOT).equals(version.toLowerCase(Locale.ROOT));
    }

    private boolean equalTo(Version candidate) {
        if (wildcard) {
            return prefixMatches(candidate, splitForPrefix(canonicalText(version.substring(0, version.length() - 2))));
        }
        Version compared = parsed.local().isPresent() ? candidate : publicOf(candidate);
        return compared.equals(parsed);
    }

    private boolean lessThan(Version candidate) {
        if (candidate.compareTo(parsed) >= 0) {
            return false;
        }
        // PEP 440: <V excludes pre-releases of V itself unless V is a pre-release.
        return parsed.isPrerelease()
                || !candidate.isPrerelease()
                || candidate.compareTo(earliestPrerelease(parsed)) < 0;
    }

    private boolean greaterThan(Version candidate) {
        if (candidate.compareTo(parsed) <= 0) {
            return false;
        }
        // PEP 440: >V excludes post-releases of V unless V is one, and local versions of V.
        if (!parsed.isPostrelease()
                && candidate.isPostrelease()
                && candidate
                        .with(candidate.release(), candidate.pre().orElse(null), null, null, false)
                        .equals(parsed)) {
            return false;
        }
        return !(candidate.local().isPresent() && publicOf(candidate).equals(parsed));
    }

    static Version publicOf(Version v) {
        return v.local().isEmpty()
                ? v
                : v.with(
                        v.release(),
                        v.pre().orElse(null),
                        v.post().orElse(null),
                        v.dev().orElse(null),
                        false);
    }

    static Version earliestPrerelease(Version v) {
        return v.with(v.release(), v.pre().orElse(null), v.post().orElse(null), BigInteger.ZERO, false);
    }

    /**
     * The prefix {@code ~=} requires, from the text as written, as packaging computes it: the
     * dot-separated parts up to the first suffix, without the last one. (A {@code v} prefix thus
     * ends up in the prefix and nothing matches {@code ~=v1.4.5}, exactly as in packaging 26.)
     */
    private List<String> compatiblePrefix() {
        List<String> split = splitForPrefix(version);
        int keep = 1; // the epoch
        while (keep < split.size() && !isSuffix(split.get(keep))) {
            keep++;
        }
        List<String> prefix = new ArrayList<>(split.subList(0, Math.max(1, keep - 1)));
        String joined = prefix.get(0) + "!" + String.join(".", prefix.subList(1, prefix.size()));
        return splitForPrefix(canonicalText(joined));
    }

    private static boolean isSuffix(String segment) {
        return segment.startsWith("dev")
                || segment.startsWith("a")
                || segment.startsWith("b")
                || segment.startsWith("rc")
                || segment.startsWith("post");
    }

    /** packaging's {@code _compare_equal} for a prefix: pad the candidate with zeros, cut, compare. */
    private static boolean prefixMatches(Version candidate, List<String> prefix) {
        List<String> split = splitForPrefix(publicOf(candidate).toString());
        int numeric = numericPrefixLength(split);
        int wanted = numericPrefixLength(prefix);
        if (numeric < wanted) {
            List<String> padded = new ArrayList<>(split.subList(0, numeric));
            for (int i = numeric; i < wanted; i++) {
                padded.add("0");
            }
            padded.addAll(split.subList(numeric, split.size()));
            split = padded;
        }
        return split.size() >= prefix.size() && split.subList(0, prefix.size()).equals(prefix);
    }

    private static int numericPrefixLength(List<String> split) {
        int n = 0;
        while (n < split.size()
                && !split.get(n).isEmpty()
                && VersionSyntax.digitsEnd(split.get(n), 0, split.get(n).length())
                        == split.get(n).length()) {
            n++;
        }
        return n;
    }

    /** The version text normalized when it parses (trailing zeros kept), else unchanged. */
    private static String canonicalText(String text) {
        return Version.isValid(text) ? Version.parse(text).toString() : text;
    }

    /** Splits {@code [E!]a.b.c1rc2} into epoch, release parts and a split-off pre-release, as packaging. */
    private static List<String> splitForPrefix(String text) {
        List<String> out = new ArrayList<>();
        int bang = text.lastIndexOf('!');
        out.add(bang <= 0 ? "0" : text.substring(0, bang));
        for (String item : text.substring(bang + 1).split("\\.", -1)) {
            int digits = VersionSyntax.digitsEnd(item, 0, item.length());
            String rest = item.substring(digits);
            if (digits > 0 && isPreReleaseTail(rest)) {
                out.add(item.substring(0, digits));
                out.add(rest);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** {@code (a|b|c|rc)[0-9]+}, lower case only, as packaging's {@code _prefix_regex}. */
    private static boolean isPreReleaseTail(String rest) {
        int label = rest.startsWith("rc")
                ? 2
                : rest.startsWith("a") || rest.startsWith("b") || rest.startsWith("c") ? 1 : 0;
        return label > 0
                && rest.length() > label
                && VersionSyntax.digitsEnd(rest, label, rest.length()) == rest.length();
    }

    /** packaging's {@code _canonical_spec}: what two specifiers must share to be equal. */
    private String canonical() {
        if (operator == Operator.ARBITRARY || wildcard) {
            return operator.symbol() + version;
        }
        if (operator == Operator.COMPATIBLE) {
            return operator.symbol() + parsed;
        }
        return operator.symbol() + trimmed(parsed);
    }

    private static String trimmed(Version v) {
        List<BigInteger> release = new ArrayList<>(v.release());
        while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
            release.remove(release.size() - 1);
        }
        return v.with(
                        release,
                        v.pre().orElse(null),
                        v.post().orElse(null),
                        v.dev().orElse(null),
                        true)
                .toString();
    }

    /**
     * The operator followed by the version as written; {@code Specifier.parse(">= 1.0").toString()} is {@code >=1.0}.
     *
     * @return the specifier text
     */
    @Override
    public String toString() {
        return operator.symbol() + version;
    }

    /**
     * Equal when operator and canonical version agree; {@code ==1.0} equals {@code ==1.0.0},
     * {@code ~=1.0} does not equal {@code ~=1.0.0}.
     *
     * @param o another object
     * @return whether both specifiers mean the same
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Specifier other && canonical.equals(other.canonical));
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    String quoted() {
        return quote(toString());
    }

    static Version minVersion() {
        return MIN_VERSION;
    }
}
