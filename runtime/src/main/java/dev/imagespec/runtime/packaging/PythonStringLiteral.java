package dev.imagespec.runtime.packaging;

import java.util.function.Supplier;

/**
 * Decodes the inside of a quoted Python string literal the way {@code ast.literal_eval} does,
 * which is how packaging reads the quoted values of PEP 508 markers: escapes are resolved, and a
 * line break or NUL character inside the quotes makes the literal invalid.
 *
 * @see <a href="https://docs.python.org/3/reference/lexical_analysis.html#escape-sequences">Python escape sequences</a>
 */
final class PythonStringLiteral {

    private PythonStringLiteral() {}

    /** The value of {@code 'content'}; {@code invalid} supplies the exception for a bad literal. */
    static String decode(String content, Supplier<? extends RuntimeException> invalid) {
        StringBuilder out = new StringBuilder(content.length());
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                throw invalid.get();
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= content.length()) {
                throw invalid.get(); // the backslash would escape the closing quote
            }
            i = escape(content, i + 1, out, invalid);
        }
        return out.toString();
    }

    /** Appends the escape whose letter is at {@code i}; returns the index after it. */
    private static int escape(String s, int i, StringBuilder out, Supplier<? extends RuntimeException> invalid) {
        char e = s.charAt(i);
        return switch (e) {
            case '\n' -> i + 1; // a backslash-newline continues the line
            case '\\', '\'', '"' -> append(out, e, i + 1);
            case 'a' -> append(out, '\u0007', i + 1);
            case 'b' -> append(out, '\b', i + 1);
            case 'f' -> append(out, '\f', i + 1);
            case 'n' -> append(out, '\n', i + 1);
            case 'r' -> append(out, '\r', i + 1);
            case 't' -> append(out, '\t', i + 1);
            case 'v' -> append(out, '\u000b', i + 1);
            case 'x' -> hex(s, i + 1, 2, out, invalid);
            case 'u' -> hex(s, i + 1, 4, out, invalid);
            case 'U' -> hex(s, i + 1, 8, out, invalid);
            case 'N' -> named(s, i + 1, out, invalid);
            default -> {
                if (e >= '0' && e <= '7') {
                    int end = i;
                    while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.appendCodePoint(Integer.parseInt(s.substring(i, end), 8));
                    yield end;
                }
                // Python keeps an unknown escape as written (with a warning).
                out.append('\\');
                yield i;
            }
        };
    }

    /** Appends {@code c}; returns {@code next}. */
    private static int append(StringBuilder out, char c, int next) {
        out.append(c);
        return next;
    }

    private static int hex(
            String s, int i, int digits, StringBuilder out, Supplier<? extends RuntimeException> invalid) {
        if (i + digits > s.length()) {
            throw invalid.get();
        }
        for (int k = i; k < i + digits; k++) {
            char h = s.charAt(k);
            if (!VersionSyntax.isDigit(h) && !(h >= 'a' && h <= 'f') && !(h >= 'A' && h <= 'F')) {
                throw invalid.get();
            }
        }
        long value = Long.parseLong(s.substring(i, i + digits), 16);
        if (value > Character.MAX_CODE_POINT) {
            throw invalid.get();
        }
        out.appendCodePoint((int) value);
        return i + digits;
    }

    private static int named(String s, int i, StringBuilder out, Supplier<? extends RuntimeException> invalid) {
        int close = s.indexOf('}', i);
        if (i >= s.length() || s.charAt(i) != '{' || close < 0) {
            throw invalid.get();
        }
        try {
            out.appendCodePoint(Character.codePointOf(s.substring(i + 1, close)));
        } catch (IllegalArgumentException e) {
            throw invalid.get();
        }
        return close + 1;
    }
}
