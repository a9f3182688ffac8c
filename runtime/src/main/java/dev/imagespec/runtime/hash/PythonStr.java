package dev.imagespec.runtime.hash;

import dev.imagespec.annotations.CopyFileDetection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()} of a value written straight into a reusable UTF-8 buffer, and the md5 of
 * what was written as flytekit's URL-safe base64 without padding: {@link PythonRepr}'s rules without
 * an intermediate dict, {@code String} or {@code StringBuilder} per spec. One instance per thread
 * ({@link #acquire()}), reused: hashing a spec allocates only the 22-character result.
 *
 * <pre>{@code
 * PythonStr w = PythonStr.acquire();
 * try {
 *     w.raw('{').key(true, "name").value("flytekit").raw('}');
 *     String id = w.md5Base64(false);   // "..." as flytekit's ImageSpec.id
 * } finally {
 *     w.release();
 * }
 * }</pre>
 */
public final class PythonStr {
    private static final ThreadLocal<PythonStr> LOCAL = new ThreadLocal<>();
    /** A buffer grown past this (a spec with huge lists) is not kept for the next spec. */
    private static final int KEEP_AT_MOST = 64 * 1024;

    private static final byte[] URL_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private byte[] buf = new byte[512];
    private int len;
    private boolean inUse;
    private MessageDigest md5;
    private final byte[] digest = new byte[16];
    private final byte[] base64 = new byte[22];

    private PythonStr() {}

    /** This thread's writer, emptied; a fresh one when this thread's is in use (a hash inside a hash). */
    public static PythonStr acquire() {
        PythonStr w = LOCAL.get();
        if (w == null) {
            w = new PythonStr();
            LOCAL.set(w);
        } else if (w.inUse) {
            w = new PythonStr();
        }
        w.inUse = true;
        w.len = 0;
        return w;
    }

    /** Hands the writer back for the next {@link #acquire()} on this thread. */
    public void release() {
        inUse = false;
        if (buf.length > KEEP_AT_MOST) {
            buf = new byte[512];
        }
    }

    /** A standalone writer, not shared with the thread's: for {@link PythonRepr#render}. */
    static PythonStr standalone() {
        return new PythonStr();
    }

    /** What was written, decoded, e.g. for {@link PythonRepr#render}. */
    String text() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** Appends one ASCII character as is, e.g. an opening brace. */
    public PythonStr raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** Appends ASCII bytes as they are, e.g. a precomputed {@code 'name': }. */
    public PythonStr raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, len, ascii.length);
        len += ascii.length;
        return this;
    }

    /** Appends {@code ", "} unless {@code first}, then {@code repr(key)} and {@code ": "}. */
    public PythonStr key(boolean first, String key) {
        if (!first) {
            comma();
        }
        string(key);
        ensure(2);
        buf[len++] = ':';
        buf[len++] = ' ';
        return this;
    }

    private void comma() {
        ensure(2);
        buf[len++] = ',';
        buf[len++] = ' ';
    }

    /**
     * Appends Python's {@code repr(value)} ({@code str()} for a container): {@link String} → {@code str},
     * {@link Boolean} → {@code True/False}, {@code null} → {@code None}, integral numbers → {@code int},
     * {@link Double}/{@link Float}/{@link BigDecimal} → {@code float}, {@link Map} → {@code dict},
     * {@link List} → {@code list}, {@link PythonRepr.Tuple} → {@code tuple}, {@link CopyFileDetection} → its {@code repr}.
     *
     * @throws IllegalArgumentException for a type with no Python equivalent
     */
    public PythonStr value(Object value) {
        if (value instanceof String s) {
            string(s);
        } else if (value instanceof List<?> list) {
            sequence(list, '[', ']');
        } else if (value instanceof Map<?, ?> map) {
            raw('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    comma();
                }
                first = false;
                value(e.getKey());
                ensure(2);
                buf[len++] = ':';
                buf[len++] = ' ';
                value(e.getValue());
            }
            raw('}');
        } else if (value == null) {
            ascii("None");
        } else if (value instanceof Boolean b) {
            ascii(b ? "True" : "False");
        } else if (value instanceof Double || value instanceof Float) {
            ascii(PythonRepr.floatRepr(((Number) value).doubleValue()));
        } else if (value instanceof BigDecimal d) {
            ascii(PythonRepr.floatRepr(d.doubleValue()));
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            integer(((Number) value).longValue());
        } else if (value instanceof Number n) {
            ascii(n instanceof BigInteger ? n.toString() : Long.toString(n.longValue()));
        } else if (value instanceof PythonRepr.Tuple tuple) {
            List<?> items = tuple.items();
            if (items.size() == 1) {
                raw('(');
                value(items.get(0));
                raw(',').raw(')');
            } else {
                sequence(items, '(', ')');
            }
        } else if (value instanceof CopyFileDetection mode) {
            ascii("<CopyFileDetection.");
            ascii(mode.name());
            raw(':').raw(' ');
            integer(mode.value());
            raw('>');
        } else {
            throw new IllegalArgumentException(
                    "no Python equivalent for " + value.getClass().getName());
        }
        return this;
    }

    private void sequence(List<?> items, char open, char close) {
        raw(open);
        for (int i = 0, n = items.size(); i < n; i++) {
            if (i > 0) {
                comma();
            }
            value(items.get(i));
        }
        raw(close);
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void integer(long v) {
        if (v >= 0 && v < 10) {
            raw((char) ('0' + v));
        } else {
            ascii(Long.toString(v));
        }
    }

    /** Python's {@code repr(str)}: single quotes unless the text has a single quote and no double quote. */
    private void string(String s) {
        int n = s.length();
        byte quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? (byte) '"' : (byte) '\'';
        // at most 6 bytes per UTF-16 unit (\uffff; \U0001f600 is two units), plus the quotes
        ensure(2 + 6 * n);
        byte[] b = buf;
        int at = len;
        b[at++] = quote;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                if (c == quote || c == '\\') {
                    b[at++] = '\\';
                }
                b[at++] = (byte) c;
            } else if (c < 0x80) {
                at = control(b, at, c);
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                }
                at = nonAscii(b, at, cp);
            }
        }
        b[at++] = quote;
        len = at;
    }

    private static int control(byte[] b, int at, char c) {
        switch (c) {
            case '\t' -> {
                b[at++] = '\\';
                b[at++] = 't';
            }
            case '\n' -> {
                b[at++] = '\\';
                b[at++] = 'n';
            }
            case '\r' -> {
                b[at++] = '\\';
                b[at++] = 'r';
            }
            default -> at = hex(b, at, 'x', c, 2);
        }
        return at;
    }

    private static int nonAscii(byte[] b, int at, int cp) {
        if (!isPrintable(cp)) {
            return cp <= 0xff ? hex(b, at, 'x', cp, 2) : cp <= 0xffff ? hex(b, at, 'u', cp, 4) : hex(b, at, 'U', cp, 8);
        }
        // printable: UTF-8 (a lone surrogate is never printable, so cp is a scalar value here)
        if (cp < 0x800) {
            b[at++] = (byte) (0xc0 | (cp >> 6));
            b[at++] = (byte) (0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            b[at++] = (byte) (0xe0 | (cp >> 12));
            b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (cp & 0x3f));
        } else {
            b[at++] = (byte) (0xf0 | (cp >> 18));
            b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (cp & 0x3f));
        }
        return at;
    }

    /** {@code \xNN}, {@code \\uNNNN} or {@code \UNNNNNNNN}, lower-case hex as Python writes it. */
    private static int hex(byte[] b, int at, char kind, int cp, int width) {
        b[at++] = '\\';
        b[at++] = (byte) kind;
        for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) {
            b[at++] = HEX[(cp >>> shift) & 0xf];
        }
        return at;
    }

    /** Python's {@code str.isprintable()} for one code point above ASCII: not Other (C*) and not a separator (Z*). */
    static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /**
     * The md5 of the bytes written, URL-safe base64 without padding (22 characters), as flytekit's
     * {@code id}; with {@code tag}, {@code -} written as {@code _}, as flytekit's tag hash.
     */
    public String md5Base64(boolean tag) {
        MessageDigest md = md5;
        if (md == null) {
            md5 = md = FileDigester.digest("MD5");
        }
        md.update(buf, 0, len);
        try {
            md.digest(digest, 0, 16);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 gives 16 bytes", e);
        }
        byte[] d = digest;
        byte[] out = base64;
        int o = 0;
        for (int i = 0; i < 15; i += 3) {
            int bits = (d[i] & 0xff) << 16 | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff);
            out[o++] = URL_SAFE[bits >>> 18];
            out[o++] = URL_SAFE[(bits >>> 12) & 0x3f];
            out[o++] = URL_SAFE[(bits >>> 6) & 0x3f];
            out[o++] = URL_SAFE[bits & 0x3f];
        }
        int last = d[15] & 0xff;
        out[o++] = URL_SAFE[last >>> 2];
        out[o] = URL_SAFE[(last << 4) & 0x3f];
        if (tag) {
            for (int i = 0; i < out.length; i++) {
                if (out[i] == '-') {
                    out[i] = '_';
                }
            }
        }
        return new String(out, 0, out.length, StandardCharsets.ISO_8859_1);
    }
}
