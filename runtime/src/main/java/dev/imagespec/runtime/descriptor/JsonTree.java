package dev.imagespec.runtime.descriptor;

import dev.imagespec.runtime.spec.InputLimits;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's one JSON reader and writer: descriptors and indexes (written by the processor, read by
 * {@code ImageSpecs}), spec files and option values given as JSON, {@code Image} JSON, and what the command
 * line prints. Objects become ordered maps, arrays lists; integers become {@link Long} (or {@link
 * BigInteger}), other numbers {@link Double}, so that a spec's option types survive. Strict RFC 8259 JSON
 * plus Python's {@code json} tokens {@code NaN}, {@code Infinity} and {@code -Infinity} (read and written,
 * for the floats that have no JSON number); the limits of {@link InputLimits}; a key repeated in one object
 * refused. The writer's layout is fixed, as Jackson's pretty printer wrote it (descriptors are compared byte
 * for byte).
 *
 * <p>Hand-written, with no library: it runs in the javac annotation processor and, for classes compiled
 * with {@code -Aimagespec.constants=false}, at task start. Jackson's streaming parser cost ~75 classes and
 * ~50 ms of a ~110 ms JVM start there; this is one class. {@code JsonTreeTest} holds it to Jackson's output
 * and verdicts.
 *
 * <p>Example: {@code JsonTree.write(Map.of("a", 1L))} is {@code "{\n  \"a\" : 1\n}\n"}, and {@code
 * JsonTree.read("[1, 2.5, NaN]")} is {@code [1L, 2.5, NaN]}.
 */
public final class JsonTree {
    /** Jackson's generator refused to nest deeper (its default); it also stops a list that holds itself. */
    private static final int MAX_WRITE_DEPTH = 1000;

    /** The words a value may be: JSON's, and Python's tokens as Jackson's ALLOW_NON_NUMERIC_NUMBERS took them. */
    private static final String[] WORDS = {
        "true", "false", "null", "NaN", "Infinity", "+Infinity", "+INF", "-Infinity", "-INF"
    };

    private static final double INF = Double.POSITIVE_INFINITY;
    /** What each of {@link #WORDS} reads as. */
    private static final Object[] VALUES = {true, false, null, Double.NaN, INF, INF, INF, -INF, -INF};

    // A reader is one JsonTree over one text (a cursor, not a nested class: one class to load).
    private final String text;
    private int pos;

    private JsonTree(String text) {
        this.text = text;
    }

    /** Parses one JSON value from UTF-8 (a byte order mark skipped), reading at most the size limit + 1 byte. */
    public static Object read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(InputLimits.MAX_DESCRIPTOR_BYTES + 1);
        if (bytes.length > InputLimits.MAX_DESCRIPTOR_BYTES) {
            throw tooLarge();
        }
        ByteBuffer source = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        if (utf8.decode(source, chars, true).isError()) { // refused, never replaced by U+FFFD
            throw new IOException("invalid UTF-8 at byte " + source.position() + " of the JSON text");
        }
        String text = chars.flip().toString();
        return new JsonTree(text.startsWith("\uFEFF") ? text.substring(1) : text).document();
    }

    /** Parses one JSON value from text. */
    public static Object read(String json) throws IOException {
        if (json.length() > InputLimits.MAX_DESCRIPTOR_BYTES) {
            throw tooLarge();
        }
        return new JsonTree(json).document();
    }

    /**
     * Why {@link #read} refused a text, on one line, e.g. {@code "nesting deeper than 256 levels"} or {@code
     * "unexpected character '*' at line 3, column 5 (expected a value)"}.
     */
    public static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = 0;
        while (end < message.length() && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
            end++;
        }
        return message.substring(0, end).strip();
    }

    // ---- reader: recursive descent, one call deeper per level of nesting (at most MAX_DEPTH) ----

    private Object document() throws IOException {
        skipSpace();
        if (pos == text.length()) {
            throw new IOException("empty JSON document");
        }
        Object value = value(0);
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected content after the JSON value", pos, "");
        }
        return value;
    }

    private Object value(int depth) throws IOException {
        int c = peek();
        if (c == '{') {
            return object(depth + 1);
        } else if (c == '[') {
            return array(depth + 1);
        } else if (c == '"') {
            return string(false);
        }
        for (int i = 0; i < WORDS.length; i++) {
            if (text.startsWith(WORDS[i], pos)) {
                pos += WORDS[i].length();
                return VALUES[i];
            }
        }
        if (c == '-' || isDigit(c)) {
            return number();
        }
        throw unexpected("a value");
    }

    private Map<String, Object> object(int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        if (empty(depth, '}')) {
            return map;
        }
        do {
            if (peek() != '"') {
                throw unexpected("a key in double quotes");
            }
            int at = pos;
            String key = string(true);
            if (map.containsKey(key)) { // refused, as Jackson's STRICT_DUPLICATE_DETECTION did: which one is meant?
                String shown = key.length() > 80 ? key.substring(0, 80) + "..." : key;
                throw error("duplicate key " + quote(new StringBuilder(), shown), at, "");
            }
            skipSpace();
            if (peek() != ':') {
                throw unexpected("':' after the key");
            }
            pos++;
            skipSpace();
            map.put(key, value(depth));
        } while (!closed('}'));
        return map;
    }

    private List<Object> array(int depth) throws IOException {
        List<Object> list = new ArrayList<>();
        if (empty(depth, ']')) {
            return list;
        }
        do {
            list.add(value(depth));
        } while (!closed(']'));
        return list;
    }

    /** At an opening bracket: refuses it too deep, else skips it; true when the value is empty (also skipped). */
    private boolean empty(int depth, char close) throws IOException {
        if (depth > InputLimits.MAX_DEPTH) {
            throw new IOException("nesting deeper than " + InputLimits.MAX_DEPTH + " levels");
        }
        pos++;
        skipSpace();
        if (peek() != close) {
            return false;
        }
        pos++;
        return true;
    }

    /** After a member: true past the closing bracket, false past a comma (and the space after either). */
    private boolean closed(char close) throws IOException {
        skipSpace();
        int c = peek();
        if (c != ',' && c != close) {
            throw unexpected("',' or '" + close + "'");
        }
        pos++;
        skipSpace();
        return c == close;
    }

    private String string(boolean key) throws IOException {
        int open = pos++;
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = pos < text.length() ? text.charAt(pos) : '\\';
            if (c == '\\' && pos + 1 >= text.length()) {
                throw error("unterminated string", open, "");
            } else if (c < 0x20) {
                throw error("unescaped control character " + shown(c) + " in a string", pos, "");
            } else if (c == '"') {
                pos++;
                return s.toString();
            } else if (c != '\\') {
                s.append(c);
                pos++;
                continue;
            }
            int at = pos;
            char e = escape();
            if (key && Character.isSurrogate(e)) { // Jackson took half a pair in a value, not in a key
                char low = Character.isHighSurrogate(e) && text.startsWith("\\u", pos) ? escape() : 0;
                if (!Character.isLowSurrogate(low)) {
                    throw error("half a surrogate pair escaped in a key", at, "");
                }
                s.append(e);
                e = low;
            }
            s.append(e);
        }
    }

    /** The character of the escape at {@code pos} (a backslash); half a surrogate pair is kept, as Jackson did. */
    private char escape() throws IOException {
        int at = pos++;
        char e = text.charAt(pos++);
        return switch (e) {
            case '"', '\\', '/' -> e;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int code = 0;
                for (int end = pos + 4; pos < end; pos++) {
                    // ASCII only: Character.digit also takes other scripts' digits
                    int h = pos < text.length() && text.charAt(pos) < 0x80 ? Character.digit(text.charAt(pos), 16) : -1;
                    if (h < 0) {
                        throw error("invalid escape: \\u takes four hex digits", at, "");
                    }
                    code = code * 16 + h;
                }
                yield (char) code;
            }
            default -> {
                String shown = e > ' ' && e < 0x7F ? "'\\" + e + "'" : "'\\' followed by " + shown(e);
                throw error("invalid escape " + shown + " in a string", at, "");
            }
        };
    }

    /** JSON's number grammar; the length limit counts digits (integer, fraction, exponent), as Jackson did. */
    private Object number() throws IOException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = digits(true);
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            digits += digits(false);
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits += digits(false);
            integral = false;
        }
        if (digits > InputLimits.MAX_NUMBER_LENGTH) {
            throw error("number longer than " + InputLimits.MAX_NUMBER_LENGTH + " digits", start, "");
        }
        String literal = text.substring(start, pos);
        if (!integral) {
            return Double.parseDouble(literal);
        } else if (digits <= 18) {
            return Long.parseLong(literal);
        }
        BigInteger big = new BigInteger(literal);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** Skips the digits at {@code pos}, at least one; an integer part is one {@code 0} or starts at 1-9. */
    private int digits(boolean integerPart) throws IOException {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        if (pos == start) {
            throw unexpected("a digit");
        } else if (integerPart && text.charAt(start) == '0' && pos > start + 1) {
            throw error("leading zero in a number", start, "");
        }
        return pos - start;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void skipSpace() {
        while (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t') {
            pos++;
        }
    }

    private IOException unexpected(String expected) {
        String found = pos < text.length() ? "unexpected character " + shown(text.charAt(pos)) : "unexpected end";
        return error(found, pos, " (expected " + expected + ")");
    }

    /** A one-line message: what, where (line and column, from 1), then {@code detail}. */
    private IOException error(String what, int at, String detail) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new IOException(what + " at line " + line + ", column " + (at - lineStart + 1) + detail);
    }

    private static IOException tooLarge() {
        return new IOException("the JSON text is larger than " + InputLimits.MAX_DESCRIPTOR_BYTES + " bytes");
    }

    /** {@code '*'} for printable ASCII, else the code as {@code U+0009} (invisible or confusable). */
    private static String shown(char c) {
        return c > ' ' && c < 0x7F ? "'" + c + "'" : "U+" + hex4(c);
    }

    private static String hex4(char c) {
        return Integer.toHexString(c | 0x10000).substring(1).toUpperCase(Locale.ROOT);
    }

    // ---- writer: Jackson's DefaultPrettyPrinter (two-space indent, "\n", "{ }" when empty) and escapes ----

    /** Deterministic pretty JSON: two-space indent, {@code \n} line ends, a trailing newline. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object v, int depth) {
        if (v == null || v instanceof Boolean || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof String s) {
            quote(out, s);
        } else if (v instanceof Double || v instanceof Float) {
            out.append(Double.toString(((Number) v).doubleValue())); // 1.0E10, -0.0, NaN, Infinity unquoted
        } else if (v instanceof Number n) {
            out.append(n.longValue());
        } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
            if (depth >= MAX_WRITE_DEPTH) {
                throw new IllegalStateException(
                        "JSON nests deeper than " + MAX_WRITE_DEPTH + " levels (a value that holds itself?)");
            }
            boolean map = v instanceof Map<?, ?>;
            out.append(map ? '{' : '[');
            boolean empty = true;
            for (Object member : map ? ((Map<?, ?>) v).entrySet() : (List<?>) v) {
                out.append(empty ? "\n" : ",\n").append("  ".repeat(depth + 1));
                empty = false;
                if (map && member instanceof Map.Entry<?, ?> e) {
                    quote(out, String.valueOf(e.getKey())).append(" : ");
                    member = e.getValue();
                }
                write(out, member, depth + 1);
            }
            out.append(empty ? " " : "\n" + "  ".repeat(depth)).append(map ? '}' : ']');
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + v.getClass().getName());
        }
    }

    /**
     * Jackson's escapes: a quote, a backslash, and the controls below U+0020 ({@code \t}, {@code \n} and the
     * like, else six characters in upper-case hex); all else raw, even U+2028 and half a surrogate pair.
     */
    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                String escape = switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\b' -> "\\b";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\f' -> "\\f";
                    case '\r' -> "\\r";
                    default -> "\\u" + hex4(c);
                };
                out.append(s, start, i).append(escape);
                start = i + 1;
            }
        }
        return out.append(s, start, s.length()).append('"');
    }
}
