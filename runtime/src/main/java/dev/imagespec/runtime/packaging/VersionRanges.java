package dev.imagespec.runtime.packaging;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The set of versions a specifier admits, as sorted disjoint intervals, so that a whole
 * {@link SpecifierSet} can be checked for emptiness without enumerating versions.
 *
 * <p>Some bounds fall between real versions: "after every local version of V" (the top of
 * {@code <=V} and {@code ==V}) and "after every post-release of V" (the bottom of {@code >V}).
 * {@link Point} models them with a kind next to the version, ordered as packaging 26 orders them.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#version-specifiers">PEP 440 comparison rules</a>
 */
final class VersionRanges {

    /** A place on the version line: a version, or just after its locals or its post-releases. */
    record Point(Version version, int kind) {
        static final int EXACT = 0;
        static final int AFTER_LOCALS = 1;
        static final int AFTER_POSTS = 2;

        /** Whether {@code v} is one of the versions this boundary sits above although its base is equal. */
        private boolean covers(Version v) {
            if (!v.epoch().equals(version.epoch())
                    || !trimmed(v).equals(trimmed(version))
                    || !v.pre().equals(version.pre())) {
                return false;
            }
            if (kind == AFTER_LOCALS) {
                return v.post().equals(version.post()) && v.dev().equals(version.dev());
            }
            return v.dev().equals(version.dev()) || v.post().isPresent();
        }

        int compareTo(Point other) {
            if (kind == EXACT && other.kind == EXACT) {
                return version.compareTo(other.version);
            }
            if (kind != EXACT && other.kind != EXACT) {
                int c = version.compareTo(other.version);
                return c != 0 ? c : Integer.compare(kind, other.kind);
            }
            if (kind != EXACT) {
                return !covers(other.version) && version.compareTo(other.version) < 0 ? -1 : 1;
            }
            return -other.compareTo(this);
        }
    }

    /** A lower bound; a null point is minus infinity. */
    record Lower(Point point, boolean inclusive) {}

    /** An upper bound; a null point is plus infinity. */
    record Upper(Point point, boolean inclusive) {}

    /** One interval. */
    record Range(Lower lower, Upper upper) {}

    static final List<Range> ALL = List.of(new Range(new Lower(null, false), new Upper(null, false)));

    private VersionRanges() {}

    /** The versions {@code spec} admits. */
    static List<Range> of(Specifier spec) {
        if (spec.operator() == Specifier.Operator.ARBITRARY) {
            return ALL;
        }
        Version v = spec.parsedVersion().orElseThrow();
        if (spec.isWildcard()) {
            Point low = exact(v.with(v.release(), null, null, BigInteger.ZERO, false));
            Point high = exact(nextPrefixDev0(v));
            return spec.operator() == Specifier.Operator.EQUAL
                    ? List.of(range(low, true, high, false))
                    : List.of(range(null, false, low, false), range(high, true, null, false));
        }
        Point afterLocals = new Point(v, Point.AFTER_LOCALS);
        Point upperOfEqual = v.local().isPresent() ? exact(v) : afterLocals;
        return switch (spec.operator()) {
            case GREATER_EQUAL -> List.of(range(exact(v), true, null, false));
            case LESS_EQUAL -> List.of(range(null, false, afterLocals, true));
            case GREATER -> greater(v);
            case LESS -> less(v);
            case EQUAL -> List.of(range(exact(v), true, upperOfEqual, true));
            case NOT_EQUAL -> List.of(range(null, false, exact(v), false), range(upperOfEqual, false, null, false));
            default -> { // COMPATIBLE
                List<BigInteger> prefix = v.release().subList(0, v.release().size() - 1);
                Version top = nextPrefixDev0(v.with(prefix, null, null, null, false));
                yield List.of(range(exact(v), true, exact(top), false));
            }
        };
    }

    private static List<Range> greater(Version v) {
        if (v.dev().isPresent()) {
            Version next = v.with(
                    v.release(),
                    v.pre().orElse(null),
                    v.post().orElse(null),
                    v.dev().get().add(BigInteger.ONE),
                    false);
            return List.of(range(exact(next), true, null, false));
        }
        if (v.post().isPresent()) {
            Version next = v.with(
                    v.release(), v.pre().orElse(null), v.post().get().add(BigInteger.ONE), BigInteger.ZERO, false);
            return List.of(range(exact(next), true, null, false));
        }
        return List.of(range(new Point(v, Point.AFTER_POSTS), false, null, false));
    }

    private static List<Range> less(Version v) {
        Version bound = v.isPrerelease() ? v : Specifier.earliestPrerelease(v);
        if (bound.compareTo(Specifier.minVersion()) <= 0) {
            return List.of();
        }
        return List.of(range(null, false, exact(bound), false));
    }

    /** The intersection of two sorted lists of disjoint ranges. */
    static List<Range> intersect(List<Range> left, List<Range> right) {
        List<Range> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            Range a = left.get(i);
            Range b = right.get(j);
            Lower lower = compareLower(a.lower(), b.lower()) >= 0 ? a.lower() : b.lower();
            Upper upper = compareUpper(a.upper(), b.upper()) <= 0 ? a.upper() : b.upper();
            if (!isEmpty(lower, upper)) {
                result.add(new Range(lower, upper));
            }
            if (compareUpper(a.upper(), b.upper()) < 0) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    private static boolean isEmpty(Lower lower, Upper upper) {
        if (lower.point() == null || upper.point() == null) {
            return false;
        }
        int c = lower.point().compareTo(upper.point());
        return c == 0 ? !(lower.inclusive() && upper.inclusive()) : c > 0;
    }

    private static int compareLower(Lower a, Lower b) {
        if (a.point() == null || b.point() == null) {
            return Boolean.compare(a.point() != null, b.point() != null);
        }
        int c = a.point().compareTo(b.point());
        // At the same point an inclusive bound starts earlier.
        return c != 0 ? c : Boolean.compare(!a.inclusive(), !b.inclusive());
    }

    private static int compareUpper(Upper a, Upper b) {
        if (a.point() == null || b.point() == null) {
            return Boolean.compare(a.point() == null, b.point() == null);
        }
        int c = a.point().compareTo(b.point());
        // At the same point an exclusive bound ends earlier.
        return c != 0 ? c : Boolean.compare(a.inclusive(), b.inclusive());
    }

    private static Range range(Point low, boolean lowInclusive, Point high, boolean highInclusive) {
        return new Range(new Lower(low, lowInclusive), new Upper(high, highInclusive));
    }

    private static Point exact(Version v) {
        return new Point(v, Point.EXACT);
    }

    /** The smallest version of the next prefix: 1.2 gives 1.3.dev0. */
    private static Version nextPrefixDev0(Version v) {
        List<BigInteger> release = new ArrayList<>(v.release());
        int last = release.size() - 1;
        release.set(last, release.get(last).add(BigInteger.ONE));
        return v.with(release, null, null, BigInteger.ZERO, false);
    }

    private static List<BigInteger> trimmed(Version v) {
        List<BigInteger> release = v.release();
        int n = release.size();
        while (n > 1 && release.get(n - 1).signum() == 0) {
            n--;
        }
        return release.subList(0, n);
    }
}
