package dev.imagespec.runtime.text;

/**
 * Quotes a value a person wrote so that an error message shows it on one line and at a
 * readable length: control characters become escapes and very long values are cut.
 *
 * <p>{@code InputText.quote("busybox\n")} returns {@code "busybox\n"} with the backslash
 * and {@code n} written out, so the message cannot itself break a line or a log record.
 *
 * @see <a href="https://docs.python.org/3/library/functions.html#repr">Python's repr, which
 *     flytekit and packaging use in their own messages</a>
 */
public final class InputText {

    /** Longest part of a value shown in a message; longer values are cut in the middle. */
    static final int MAX_SHOWN = 200;

    private InputText() {}

    /**
     * Returns {@code value} in double quotes with {@code "}, {@code \} and control characters
     * escaped, cut to about {@value #MAX_SHOWN} characters.
     *
     * <p>{@code quote("a\tb")} is {@code "a\tb"} (six characters between the quotes: a,
     * backslash, t, b).
     *
     * @param value the text as written; {@code null} gives {@code null}
     * @return the quoted text
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 16);
        out.append('"');
        if (value.length() <= MAX_SHOWN) {
            escapeInto(out, value, 0, value.length());
        } else {
            // Both ends matter in a long value: the start says what it is, the end where it broke.
            int half = MAX_SHOWN / 2;
            escapeInto(out, value, 0, half);
            out.append("…(").append(value.length() - 2 * half).append(" more characters)…");
            escapeInto(out, value, value.length() - half, value.length());
        }
        return out.append('"').toString();
    }

    /**
     * Whether {@code value} holds a control character: one that {@link #quote} escapes besides
     * {@code "} and {@code \}, namely C0 controls (NUL, tab, newline, carriage return, ...), DEL, C1
     * controls (NEL among them) and the line and paragraph separators U+2028 and U+2029. Each of them
     * breaks a line or hides text somewhere a spec value ends up: a Dockerfile, a shell command, a
     * requirements file (pip splits lines as Python's {@code str.splitlines} does, at NEL and U+2028
     * too) or a log. The one definition the value rules and the builders use.
     *
     * <p>{@code hasControl("numpy\n--index-url x")} is true, {@code hasControl("numpy >= 1")} false.
     *
     * @param value the text as written, not null
     * @return true if any character is a control character
     */
    public static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
    }

    private static void escapeInto(StringBuilder out, String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
