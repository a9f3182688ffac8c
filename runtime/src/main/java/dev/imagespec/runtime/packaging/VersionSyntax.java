package dev.imagespec.runtime.packaging;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written scanner for the PEP 440 version grammar, shared by {@link Version},
 * {@link Specifier} and {@link Requirement}.
 *
 * <p>It reads each part as far as it can and never gives characters back, which is what
 * {@code packaging}'s possessive {@code VERSION_PATTERN} does and, because every later part is
 * optional, also what its specifier regex finds first. Scanning is one pass, so time is linear
 * in the input and nothing can backtrack catastrophically.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#appendix-parsing-version-strings-with-regular-expressions">PEP 440 appendix: the version regex</a>
 */
final class VersionSyntax {

    /** Which parts the grammar allows after an operator (or none, for a plain version). */
    enum Mode {
        /** A version on its own: local label allowed, no wildcard. */
        VERSION,
        /** After {@code ==} or {@code !=}: a {@code .*} wildcard or a full version with local label. */
        EQUALITY,
        /** After {@code ~=}: at least two release numbers, no local label, no wildcard. */
        COMPATIBLE,
        /** After {@code <}, {@code <=}, {@code >}, {@code >=}: no local label, no wildcard. */
        ORDERED
    }

    /** Pre-release spellings, longer before their prefixes, as the PEP 440 regex tries them. */
    private static final String[] PRE_LABELS = {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"};

    private static final String[] POST_LABELS = {"post", "rev", "r"};
    private static final String[] DEV_LABELS = {"dev"};

    /** What a scan found; {@code end} is the index after the last character it took. */
    static final class Parts {
        int end;
        BigInteger epoch = BigInteger.ZERO;
        final List<BigInteger> release = new ArrayList<>();
        String preLabel;
        BigInteger preNumber;
        BigInteger post;
        BigInteger dev;
        String local;
        boolean wildcard;
    }

    private VersionSyntax() {}

    /**
     * Scans a version starting at {@code from}; returns null when no release number is there.
     * The caller decides whether {@code parts.end} must reach the end of its text.
     */
    static Parts scan(CharSequence s, int from, int to, Mode mode) {
        Parts parts = new Parts();
        int p = from;
        if (p < to && (s.charAt(p) == 'v' || s.charAt(p) == 'V')) {
            p++;
        }
        int digits = digitsEnd(s, p, to);
        if (digits > p && digits < to && s.charAt(digits) == '!') {
            parts.epoch = number(s, p, digits);
            p = digits + 1;
        }
        p = release(s, p, to, parts);
        if (p < 0 || (mode == Mode.COMPATIBLE && parts.release.size() < 2)) {
            return null;
        }
        if (mode == Mode.EQUALITY && p + 1 < to && s.charAt(p) == '.' && s.charAt(p + 1) == '*') {
            parts.wildcard = true;
            parts.end = p + 2;
            return parts;
        }
        p = pre(s, p, to, parts);
        p = post(s, p, to, parts);
        p = dev(s, p, to, parts);
        if (mode == Mode.VERSION || mode == Mode.EQUALITY) {
            p = local(s, p, to, parts);
        }
        parts.end = p;
        return parts;
    }

    private static int release(CharSequence s, int p, int to, Parts parts) {
        int end = digitsEnd(s, p, to);
        if (end == p) {
            return -1;
        }
        parts.release.add(number(s, p, end));
        p = end;
        while (p + 1 < to && s.charAt(p) == '.' && isDigit(s.charAt(p + 1))) {
            end = digitsEnd(s, p + 1, to);
            parts.release.add(number(s, p + 1, end));
            p = end;
        }
        return p;
    }

    private static int pre(CharSequence s, int p, int to, Parts parts) {
        int q = skipSeparator(s, p, to);
        String label = label(s, q, to, PRE_LABELS);
        if (label == null) {
            return p;
        }
        q = skipSeparator(s, q + label.length(), to);
        int end = digitsEnd(s, q, to);
        parts.preLabel = switch (label) {
            case "alpha" -> "a";
            case "beta" -> "b";
            case "c", "pre", "preview" -> "rc";
            default -> label;
        };
        parts.preNumber = end > q ? number(s, q, end) : BigInteger.ZERO;
        return end;
    }

    private static int post(CharSequence s, int p, int to, Parts parts) {
        // The implicit form "1.0-1" comes first in the regex's alternation.
        if (p + 1 < to && s.charAt(p) == '-' && isDigit(s.charAt(p + 1))) {
            int end = digitsEnd(s, p + 1, to);
            parts.post = number(s, p + 1, end);
            return end;
        }
        int q = skipSeparator(s, p, to);
        String label = label(s, q, to, POST_LABELS);
        if (label == null) {
            return p;
        }
        q = skipSeparator(s, q + label.length(), to);
        int end = digitsEnd(s, q, to);
        parts.post = end > q ? number(s, q, end) : BigInteger.ZERO;
        return end;
    }

    private static int dev(CharSequence s, int p, int to, Parts parts) {
        int q = skipSeparator(s, p, to);
        if (label(s, q, to, DEV_LABELS) == null) {
            return p;
        }
        q = skipSeparator(s, q + 3, to);
        int end = digitsEnd(s, q, to);
        parts.dev = end > q ? number(s, q, end) : BigInteger.ZERO;
        return end;
    }

    private static int local(CharSequence s, int p, int to, Parts parts) {
        if (p + 1 >= to || s.charAt(p) != '+' || !isAlphanumeric(s.charAt(p + 1))) {
            return p;
        }
        int q = alphanumericEnd(s, p + 1, to);
        while (q + 1 < to && isSeparator(s.charAt(q)) && isAlphanumeric(s.charAt(q + 1))) {
            q = alphanumericEnd(s, q + 1, to);
        }
        parts.local = s.subSequence(p + 1, q).toString();
        return q;
    }

    /** The first label (ASCII, any case) found at {@code p}, in the given order, or null. */
    private static String label(CharSequence s, int p, int to, String[] labels) {
        for (String label : labels) {
            if (p + label.length() <= to && asciiEqualsIgnoreCase(s, p, label)) {
                return label;
            }
        }
        return null;
    }

    private static boolean asciiEqualsIgnoreCase(CharSequence s, int p, String lowerLabel) {
        for (int i = 0; i < lowerLabel.length(); i++) {
            char c = s.charAt(p + i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerLabel.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skipSeparator(CharSequence s, int p, int to) {
        return p < to && isSeparator(s.charAt(p)) ? p + 1 : p;
    }

    static int digitsEnd(CharSequence s, int p, int to) {
        while (p < to && isDigit(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int alphanumericEnd(CharSequence s, int p, int to) {
        while (p < to && isAlphanumeric(s.charAt(p))) {
            p++;
        }
        return p;
    }

    static BigInteger number(CharSequence s, int from, int to) {
        // Most numbers are short; BigInteger's parser is only needed past long's range.
        if (to - from <= 18) {
            return BigInteger.valueOf(Long.parseLong(s.subSequence(from, to).toString()));
        }
        return new BigInteger(s.subSequence(from, to).toString());
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isSeparator(char c) {
        return c == '.' || c == '_' || c == '-';
    }

    static boolean isAlphanumeric(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Python's {@code str.isspace()}, which is what {@code \s} and {@code str.strip()} match in
     * packaging: ASCII whitespace, the separators U+001C to U+001F, U+0085 and every Unicode space.
     */
    static boolean isPythonSpace(char c) {
        return (c >= '\t' && c <= '\r')
                || (c >= '\u001c' && c <= ' ')
                || c == '\u0085'
                || (c >= '\u00a0' && Character.isSpaceChar(c));
    }

    /** Index of the first character that is not Python whitespace, from {@code from}. */
    static int skipSpace(CharSequence s, int from, int to) {
        while (from < to && isPythonSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** {@code s} without leading and trailing Python whitespace, as {@code str.strip()}. */
    static String strip(String s) {
        int start = skipSpace(s, 0, s.length());
        int end = s.length();
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
