package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A PEP 440 version, parsed, normalized and ordered exactly as {@code packaging.version.Version}.
 *
 * <p>{@code Version.parse("1.0-ALPHA1")} prints as {@code 1.0a1}; {@code Version.parse("1.0")}
 * equals {@code Version.parse("1.0.0")}; {@code 1.0.dev1 < 1.0a1 < 1.0 < 1.0+local < 1.0.post1}.
 *
 * <p>Parsing is lenient as PEP 440 allows: a leading {@code v}, {@code -}, {@code _} or {@code .}
 * separators, {@code alpha}/{@code beta}/{@code c}/{@code pre}/{@code preview}/{@code rev}/{@code r}
 * spellings, implicit numbers ({@code 1.0b} is {@code 1.0b0}), the implicit post-release
 * {@code 1.0-1}, any case, and surrounding whitespace. Numbers are {@link BigInteger}s because
 * PEP 440 sets no bound on them. Equality follows the ordering ({@code 1.0 == 1.0.0},
 * {@code 1.0+ABC == 1.0+abc}), so {@code equals}, {@code hashCode} and {@code compareTo} agree.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/">PEP 440 version specifiers</a>
 */
public final class Version implements Comparable<Version> {

    /**
     * A pre-release segment: {@code label} is {@code a}, {@code b} or {@code rc}.
     *
     * <p>{@code Version.parse("1.0c2").pre()} is {@code Optional.of(new PreRelease("rc", 2))}.
     *
     * @param label the normalized label, {@code a}, {@code b} or {@code rc}
     * @param number the pre-release number
     * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#pre-releases">PEP 440 pre-releases</a>
     */
    public record PreRelease(String label, BigInteger number) {
        /**
         * Checks the label; {@code new PreRelease("rc", BigInteger.ONE)}.
         *
         * @param label {@code a}, {@code b} or {@code rc}
         * @param number non-negative
         */
        public PreRelease {
            if (!label.equals("a") && !label.equals("b") && !label.equals("rc")) {
                throw new IllegalArgumentException("pre-release label " + quote(label) + " must be a, b or rc");
            }
            if (number.signum() < 0) {
                throw new IllegalArgumentException("pre-release number must not be negative: " + number);
            }
        }

        /**
         * The segment as it prints in a version; {@code "rc1"}.
         *
         * @return label followed by number
         */
        @Override
        public String toString() {
            return label + number;
        }

        private int rank() {
            return switch (label) {
                case "a" -> 0;
                case "b" -> 1;
                default -> 2;
            };
        }
    }

    private final BigInteger epoch;
    private final List<BigInteger> release;
    private final PreRelease pre;
    private final BigInteger post;
    private final BigInteger dev;
    private final List<Object> local; // BigInteger or lower-case String segments
    private final int trimmedLength; // release length without trailing zeros, for 1.0 == 1.0.0

    private Version(
            BigInteger epoch,
            List<BigInteger> release,
            PreRelease pre,
            BigInteger post,
            BigInteger dev,
            List<Object> local) {
        this.epoch = epoch;
        this.release = Collections.unmodifiableList(new ArrayList<>(release));
        this.pre = pre;
        this.post = post;
        this.dev = dev;
        this.local = local == null ? null : Collections.unmodifiableList(new ArrayList<>(local));
        int n = release.size();
        while (n > 0 && release.get(n - 1).signum() == 0) {
            n--;
        }
        this.trimmedLength = n;
    }

    /**
     * Parses a version as {@code packaging.version.Version(text)} does.
     *
     * <p>{@code Version.parse(" v1.0-post1 ")} prints as {@code 1.0.post1}.
     *
     * @param text the version as written
     * @return the version
     * @throws InvalidVersionException if {@code text} is not a PEP 440 version
     * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#normalization">PEP 440 normalization</a>
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        int start = VersionSyntax.skipSpace(text, 0, text.length());
        int end = text.length();
        while (end > start && VersionSyntax.isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        VersionSyntax.Parts parts = VersionSyntax.scan(text, start, end, VersionSyntax.Mode.VERSION);
        if (parts == null || parts.end != end) {
            throw new InvalidVersionException(text);
        }
        return of(parts);
    }

    /**
     * Whether {@code text} is a PEP 440 version; {@code isValid("1.0rc1")} is true, {@code isValid("1..0")} false.
     *
     * @param text the version as written, may be null
     * @return true if {@link #parse} accepts it
     */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        try {
            parse(text);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    static Version of(VersionSyntax.Parts parts) {
        PreRelease pre = parts.preLabel == null ? null : new PreRelease(parts.preLabel, parts.preNumber);
        return new Version(parts.epoch, parts.release, pre, parts.post, parts.dev, localSegments(parts.local));
    }

    private static List<Object> localSegments(String local) {
        if (local == null) {
            return null;
        }
        List<Object> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= local.length(); i++) {
            if (i == local.length() || VersionSyntax.isSeparator(local.charAt(i))) {
                String part = local.substring(start, i);
                boolean numeric = VersionSyntax.digitsEnd(part, 0, part.length()) == part.length();
                segments.add(numeric ? VersionSyntax.number(part, 0, part.length()) : part.toLowerCase(Locale.ROOT));
                start = i + 1;
            }
        }
        return segments;
    }

    /** A copy with the given parts replaced; used to build the boundaries of specifier ranges. */
    Version with(
            List<BigInteger> newRelease, PreRelease newPre, BigInteger newPost, BigInteger newDev, boolean keepLocal) {
        return new Version(epoch, newRelease, newPre, newPost, newDev, keepLocal ? local : null);
    }

    /**
     * The epoch, 0 when not written; {@code Version.parse("1!2.0").epoch()} is 1.
     *
     * @return the epoch
     */
    public BigInteger epoch() {
        return epoch;
    }

    /**
     * The release numbers as written, trailing zeros kept; {@code parse("1.2.0").release()} is [1, 2, 0].
     *
     * @return an unmodifiable, non-empty list
     */
    public List<BigInteger> release() {
        return release;
    }

    /**
     * The pre-release segment; {@code parse("1.0b2").pre()} is {@code b2}.
     *
     * @return the pre-release, if any
     */
    public Optional<PreRelease> pre() {
        return Optional.ofNullable(pre);
    }

    /**
     * The post-release number; {@code parse("1.0-1").post()} is 1.
     *
     * @return the post-release number, if any
     */
    public Optional<BigInteger> post() {
        return Optional.ofNullable(post);
    }

    /**
     * The development release number; {@code parse("1.0.dev").dev()} is 0.
     *
     * @return the dev number, if any
     */
    public Optional<BigInteger> dev() {
        return Optional.ofNullable(dev);
    }

    /**
     * The local label, normalized: lower case, {@code .} separators, numbers without leading zeros;
     * {@code parse("1.0+Ubuntu_007").local()} is {@code ubuntu.7}.
     *
     * @return the local label, if any
     */
    public Optional<String> local() {
        if (local == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (Object segment : local) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(segment);
        }
        return Optional.of(out.toString());
    }

    /**
     * The version without its local label; {@code parse("1.0+cpu").publicVersion()} is {@code 1.0}.
     *
     * @return the public part as normalized text
     */
    public String publicVersion() {
        String text = toString();
        int plus = text.indexOf('+');
        return plus < 0 ? text : text.substring(0, plus);
    }

    /**
     * Epoch and release only; {@code parse("1!2.0rc1.post3+x").baseVersion()} is {@code 1!2.0}.
     *
     * @return the base version as normalized text
     */
    public String baseVersion() {
        StringBuilder out = new StringBuilder();
        if (epoch.signum() != 0) {
            out.append(epoch).append('!');
        }
        for (int i = 0; i < release.size(); i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(release.get(i));
        }
        return out.toString();
    }

    /**
     * True for pre-releases and development releases; {@code parse("1.0.dev1").isPrerelease()} is true.
     *
     * @return whether pre or dev is present
     */
    public boolean isPrerelease() {
        return pre != null || dev != null;
    }

    /**
     * True when a post-release number is present; {@code parse("1.0.post1").isPostrelease()} is true.
     *
     * @return whether post is present
     */
    public boolean isPostrelease() {
        return post != null;
    }

    /**
     * True when a dev number is present; {@code parse("1.0a1.dev2").isDevrelease()} is true.
     *
     * @return whether dev is present
     */
    public boolean isDevrelease() {
        return dev != null;
    }

    /**
     * The first release number; {@code parse("3.12.1").major()} is 3.
     *
     * @return the major number
     */
    public BigInteger major() {
        return releaseAt(0);
    }

    /**
     * The second release number, 0 if absent; {@code parse("3").minor()} is 0.
     *
     * @return the minor number
     */
    public BigInteger minor() {
        return releaseAt(1);
    }

    /**
     * The third release number, 0 if absent; {@code parse("3.12.1").micro()} is 1.
     *
     * @return the micro number
     */
    public BigInteger micro() {
        return releaseAt(2);
    }

    private BigInteger releaseAt(int index) {
        return index < release.size() ? release.get(index) : BigInteger.ZERO;
    }

    /**
     * The normalized text, as {@code str(Version(...))}; {@code parse("01.02-RC-3").toString()} is {@code 1.2rc3}.
     *
     * @return the normalized version
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(baseVersion());
        if (pre != null) {
            out.append(pre);
        }
        if (post != null) {
            out.append(".post").append(post);
        }
        if (dev != null) {
            out.append(".dev").append(dev);
        }
        local().ifPresent(l -> out.append('+').append(l));
        return out.toString();
    }

    /**
     * Orders as PEP 440 does: epoch, release (trailing zeros ignored), then
     * {@code .devN < aN < bN < rcN < (final) < +local < .postN} with local labels compared segment
     * by segment, numbers above letters.
     *
     * <p>{@code parse("1.0rc1").compareTo(parse("1.0")) < 0}.
     *
     * @param other the version to compare with
     * @return negative, zero or positive
     * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#summary-of-permitted-suffixes-and-relative-ordering">PEP 440 ordering</a>
     */
    @Override
    public int compareTo(Version other) {
        int c = epoch.compareTo(other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(other);
        if (c != 0) {
            return c;
        }
        c = compareSuffix(other);
        if (c != 0) {
            return c;
        }
        return compareLocal(local, other.local);
    }

    private int compareRelease(Version other) {
        int n = Math.min(trimmedLength, other.trimmedLength);
        for (int i = 0; i < n; i++) {
            int c = release.get(i).compareTo(other.release.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(trimmedLength, other.trimmedLength);
    }

    /** Compares (pre rank, pre n, post rank, post n, dev rank, dev n), packaging's key. */
    private int compareSuffix(Version other) {
        int c = Integer.compare(preRank(), other.preRank());
        if (c == 0 && pre != null) {
            c = pre.number().compareTo(other.pre.number());
        }
        if (c == 0) {
            c = compareAbsentFirst(post, other.post);
        }
        if (c == 0) {
            // A dev release comes before the same version without one.
            c = dev == null || other.dev == null
                    ? Boolean.compare(dev == null, other.dev == null)
                    : dev.compareTo(other.dev);
        }
        return c;
    }

    private int preRank() {
        if (pre == null) {
            return post == null && dev != null ? -1 : 3;
        }
        return pre.rank();
    }

    /** Absent sorts first; two present numbers compare by value. */
    private static int compareAbsentFirst(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return Boolean.compare(a != null, b != null);
        }
        return a.compareTo(b);
    }

    private static int compareLocal(List<Object> a, List<Object> b) {
        if (a == null || b == null) {
            return Boolean.compare(a != null, b != null);
        }
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareLocalSegment(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareLocalSegment(Object a, Object b) {
        boolean aNumber = a instanceof BigInteger;
        boolean bNumber = b instanceof BigInteger;
        if (aNumber && bNumber) {
            return ((BigInteger) a).compareTo((BigInteger) b);
        }
        if (aNumber != bNumber) {
            return aNumber ? 1 : -1; // PEP 440: numeric segments sort above alphanumeric ones
        }
        return ((String) a).compareTo((String) b);
    }

    /**
     * Equal when {@link #compareTo} is zero: {@code parse("1.0").equals(parse("1.0.0"))} is true.
     *
     * @param o another object
     * @return whether both are the same PEP 440 version
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Version other && compareTo(other) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                epoch,
                release.subList(0, trimmedLength),
                preRank(),
                pre == null ? null : pre.number(),
                post,
                dev,
                local);
    }
}
