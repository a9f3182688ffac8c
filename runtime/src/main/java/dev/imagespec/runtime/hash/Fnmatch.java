package dev.imagespec.runtime.hash;

import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch.translate} on POSIX: {@code *} matches any text (including {@code /}),
 * {@code ?} one character, {@code [...]} a class ({@code [!...]} negated); the whole name must match.
 *
 * <p>Example: {@code Fnmatch.toPattern("*.pyc").matcher("data/x.pyc").matches()} is true.
 *
 * @see <a href="https://docs.python.org/3/library/fnmatch.html">Python fnmatch</a>
 */
final class Fnmatch {
    private Fnmatch() {}

    static Pattern toPattern(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                while (i < n && glob.charAt(i) == '*') {
                    i++;
                }
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    } else if (body.startsWith("^")) {
                        body = "\\" + body;
                    }
                    re.append('[').append(body).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
