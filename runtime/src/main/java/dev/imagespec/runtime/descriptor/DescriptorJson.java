package dev.imagespec.runtime.descriptor;

import dev.imagespec.runtime.spec.InputLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of descriptors and indexes (RFC 8259, strict, plus the {@code NaN}, {@code Infinity}
 * and {@code -Infinity} that {@link JsonTree#write} writes for such floats; nesting at most
 * {@link InputLimits#MAX_DEPTH} deep) into the same plain values as
 * {@link JsonTree#read}: ordered maps, lists, strings, {@link Long} (or {@link BigInteger}),
 * {@link Double}, {@link Boolean}, null.
 *
 * <p>Why not Jackson, as everywhere else: this runs at every task start, where loading Jackson's
 * parser (some 70 classes from a jar) cost more than the rest of {@code ImageSpecs.of} together
 * (see the README's Performance section, start-up). Descriptors are written by {@link JsonTree#write}, so this
 * reader needs no leniency; user-written JSON still goes through Jackson and its error messages.
 *
 * <p>Example: {@code DescriptorJson.parse("{\"a\": [1, 2.5, \"x\"]}")} is {@code {a=[1, 2.5, x]}}.
 */
final class DescriptorJson {
    private final String text;
    private int pos;
    private int depth;

    private DescriptorJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value; anything after it but white space is an error. */
    static Object parse(String text) throws IOException {
        DescriptorJson p = new DescriptorJson(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected content after the JSON value");
        }
        return value;
    }

    private Object value() throws IOException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("empty JSON document or unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            case 'N':
                return literal("NaN", Double.NaN); // as JsonTree writes the floats JSON has no number for
            case 'I':
                return literal("Infinity", Double.POSITIVE_INFINITY);
            default:
                if (c == '-' && text.startsWith("-Infinity", pos)) {
                    return literal("-Infinity", Double.NEGATIVE_INFINITY);
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    /** Refuses nesting deeper than {@link InputLimits#MAX_DEPTH} before it can overflow the stack. */
    private void enter() throws IOException {
        if (++depth > InputLimits.MAX_DEPTH) {
            throw error("nesting deeper than " + InputLimits.MAX_DEPTH + " levels");
        }
    }

    private Map<String, Object> object() throws IOException {
        enter();
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // {
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            char c = next();
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() throws IOException {
        enter();
        List<Object> list = new ArrayList<>();
        pos++; // [
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            char c = next();
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws IOException {
        pos++; // "
        StringBuilder s = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String tail = text.substring(start, pos++);
                return s == null ? tail : s.append(tail).toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (s == null) {
                s = new StringBuilder();
            }
            s.append(text, start, pos);
            pos++;
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        s.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                    } catch (NumberFormatException bad) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
            start = pos;
        }
    }

    private Object number() throws IOException {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("bad number");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!digits()) {
                throw error("bad number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("bad number");
            }
        }
        String n = text.substring(start, pos);
        if (!integral) {
            return Double.parseDouble(n);
        }
        // As Jackson reads them: a long when it fits, else a BigInteger.
        return n.length() < 18 ? (Object) Long.parseLong(n) : bigOrLong(n);
    }

    private static Object bigOrLong(String n) {
        BigInteger big = new BigInteger(n);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) throws IOException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token");
        }
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws IOException {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IOException error(String what) {
        return new IOException(what + " at character " + pos + " of the JSON");
    }
}
