package dev.imagespec.runtime.packaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A comma-separated set of PEP 440 specifiers that a version must all satisfy, as
 * {@code packaging.specifiers.SpecifierSet} (packaging 26) reads and matches it.
 *
 * <p>{@code SpecifierSet.parse(">=1.0, <2").contains(Version.parse("1.5"))} is true, and the set
 * prints as {@code <2,>=1.0}: sorted by text with duplicates dropped, as packaging prints it.
 *
 * <p>Pre-releases: {@link #contains(Version)} tests one version on its own, and PEP 440 accepts a
 * pre-release when it is the only candidate, so it ignores pre-release status (packaging 26's
 * {@code contains} with {@code prereleases=None}). {@link #contains(Version, boolean)} with
 * {@code false} rejects every pre-release.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#version-specifiers">PEP 440 version specifiers</a>
 */
public final class SpecifierSet {

    /** Python orders strings by code point; Java's {@code compareTo} by UTF-16 unit differs above U+FFFF. */
    private static final Comparator<String> BY_CODE_POINT = (a, b) -> {
        if (isBasic(a) && isBasic(b)) {
            return a.compareTo(b);
        }
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    };

    private static boolean isBasic(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static final SpecifierSet EMPTY = new SpecifierSet(List.of());

    private final List<Specifier> specifiers; // sorted by text, duplicates removed

    private SpecifierSet(List<Specifier> specifiers) {
        List<Specifier> sorted = new ArrayList<>(specifiers);
        sorted.sort(Comparator.comparing(Specifier::toString, BY_CODE_POINT));
        // Keeps the first of equal members, as packaging's dict.fromkeys(sorted(...)) does.
        this.specifiers = List.copyOf(new LinkedHashSet<>(sorted));
    }

    /**
     * Parses a comma-separated list of specifiers; empty parts are skipped, so {@code ""} is the
     * set that admits every version.
     *
     * <p>{@code SpecifierSet.parse("==2.8.*, >=2.8.1")} prints as {@code ==2.8.*,>=2.8.1}.
     *
     * @param text the specifiers, e.g. {@code ">=1.14,<2"}
     * @return the set
     * @throws InvalidSpecifierException if a part is not a PEP 440 specifier
     */
    public static SpecifierSet parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Specifier> parsed = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (VersionSyntax.strip(part).isEmpty()) {
                continue;
            }
            try {
                parsed.add(Specifier.parse(VersionSyntax.strip(part)));
            } catch (InvalidSpecifierException e) {
                throw text.equals(e.input()) ? e : new InvalidSpecifierException(text, e);
            }
        }
        return parsed.isEmpty() ? EMPTY : new SpecifierSet(parsed);
    }

    /**
     * The set of the given specifiers; {@code SpecifierSet.of(List.of(Specifier.parse(">=1")))}.
     *
     * @param specifiers the members, in any order
     * @return the set
     */
    public static SpecifierSet of(List<Specifier> specifiers) {
        return new SpecifierSet(specifiers);
    }

    /**
     * The members, sorted by text with equal ones dropped; {@code [<2, >=1.0]} for {@code ">=1.0,<2"}.
     *
     * @return an unmodifiable list
     */
    public List<Specifier> specifiers() {
        return specifiers;
    }

    /**
     * Whether the set has no specifier and so admits every version; true for {@code ""}.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    /**
     * A set holding the specifiers of both; {@code parse(">=1").and(parse("<2"))} is {@code <2,>=1}.
     *
     * @param other the other set
     * @return the combined set
     */
    public SpecifierSet and(SpecifierSet other) {
        List<Specifier> all = new ArrayList<>(specifiers);
        all.addAll(other.specifiers);
        return new SpecifierSet(all);
    }

    /**
     * Whether {@code version} satisfies every specifier, pre-releases accepted as PEP 440 accepts
     * a lone candidate; {@code parse("<3.13,>=3.9").contains(Version.parse("3.13.0rc1"))} is false.
     *
     * @param version the version to test
     * @return true if it is in the set
     */
    public boolean contains(Version version) {
        return contains(version, true);
    }

    /**
     * Whether {@code version} satisfies every specifier; with {@code prereleases} false a
     * pre-release never does ({@code parse(">=1").contains(Version.parse("2.0b1"), false)} is false).
     *
     * @param version the version to test
     * @param prereleases whether pre-releases may match
     * @return true if it is in the set
     */
    public boolean contains(Version version, boolean prereleases) {
        Objects.requireNonNull(version, "version");
        if (!prereleases && version.isPrerelease()) {
            return false;
        }
        String text = version.toString();
        return specifiers.stream().allMatch(s -> s.matches(version, text));
    }

    /**
     * Whether the version text satisfies every specifier; {@code ===} compares the text as
     * written, and a text that is no PEP 440 version can only match {@code ===} members.
     *
     * <p>{@code parse("===1.0").contains("1.0")} is true, {@code contains("1.0.0")} false.
     *
     * @param version the version as written
     * @return true if it is in the set
     */
    public boolean contains(String version) {
        Objects.requireNonNull(version, "version");
        if (!Version.isValid(version)) {
            String lower = version.toLowerCase(Locale.ROOT);
            return specifiers.stream()
                    .allMatch(s -> s.operator() == Specifier.Operator.ARBITRARY
                            && s.version().toLowerCase(Locale.ROOT).equals(lower));
        }
        Version parsed = Version.parse(version);
        return specifiers.stream().allMatch(s -> s.matches(parsed, version));
    }

    /**
     * Whether no version can satisfy every specifier at once, as packaging 26's
     * {@code is_unsatisfiable}: {@code >=2,<1.5} and {@code ==2.1,!=2.1} are, {@code >=1,<2} is not.
     *
     * @return true if the set admits no version
     */
    public boolean isUnsatisfiable() {
        if (specifiers.isEmpty()) {
            return false;
        }
        List<VersionRanges.Range> ranges = VersionRanges.ALL;
        for (Specifier s : specifiers) {
            ranges = VersionRanges.intersect(ranges, VersionRanges.of(s));
            if (ranges.isEmpty()) {
                return true;
            }
        }
        return arbitraryUnsatisfiable();
    }

    /** {@code ===V} admits only the text V; it must agree with every other member. */
    private boolean arbitraryUnsatisfiable() {
        List<Specifier> arbitrary = specifiers.stream()
                .filter(s -> s.operator() == Specifier.Operator.ARBITRARY)
                .toList();
        if (arbitrary.isEmpty()) {
            return false;
        }
        String first = arbitrary.get(0).version().toLowerCase(Locale.ROOT);
        if (arbitrary.stream()
                .anyMatch(s -> !s.version().toLowerCase(Locale.ROOT).equals(first))) {
            return true;
        }
        List<Specifier> standard = specifiers.stream()
                .filter(s -> s.operator() != Specifier.Operator.ARBITRARY)
                .toList();
        if (standard.isEmpty()) {
            return false;
        }
        String candidate = arbitrary.get(0).version();
        if (!Version.isValid(candidate)) {
            return true;
        }
        Version version = Version.parse(candidate);
        return !standard.stream().allMatch(s -> s.contains(version));
    }

    /**
     * The members joined by commas, sorted by text; {@code parse(">=1.0,!=1.0.1").toString()} is
     * {@code !=1.0.1,>=1.0}.
     *
     * @return the normalized text, empty for the empty set
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Specifier s : specifiers) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(s);
        }
        return out.toString();
    }

    /**
     * Equal when the sorted members are pairwise equal; {@code ==1.0} equals {@code ==1.0.0}.
     *
     * @param o another object
     * @return whether both sets hold the same specifiers
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SpecifierSet other && specifiers.equals(other.specifiers));
    }

    @Override
    public int hashCode() {
        return specifiers.hashCode();
    }
}
