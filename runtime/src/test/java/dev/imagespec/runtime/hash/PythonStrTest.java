package dev.imagespec.runtime.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.hash.PythonRepr.Tuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PythonStr} (the buffer the id and tag are hashed from) against the StringBuilder renderer it
 * replaced, kept here as the reference: the same text and the same md5 for random strings over every
 * kind of code point (quotes, controls, Latin-1, separators, astral, lone surrogates), numbers, maps,
 * lists and tuples. The flytekit vectors check both against Python itself.
 */
class PythonStrTest {
    private static final int[] INTERESTING = {
        '\'', '"', '\\', '\t', '\n', '\r', 0, 0x1f, 0x7f, 0x80, 0x9f, 0xa0, 0xad, 0xe9, 0xff, 0x100, 0x2028, 0x2029,
        0x3000, 0xfeff, 0xe000, 0xfffd, 0xffff, 0x1f600, 0x10ffff, 0xd800, 0xdc00
    };

    @Test
    void rendersAsTheReferenceDoes() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Object value = randomValue(random, 0);
            String expected = Reference.render(value);
            assertThat(PythonRepr.render(value)).as("render %s", expected).isEqualTo(expected);
            PythonStr w = PythonStr.acquire();
            try {
                w.value(value);
                assertThat(w.md5Base64(false)).isEqualTo(md5(expected, false));
            } finally {
                w.release();
            }
            PythonStr t = PythonStr.acquire();
            try {
                t.value(value);
                assertThat(t.md5Base64(true)).isEqualTo(md5(expected, true));
            } finally {
                t.release();
            }
        }
    }

    @Test
    void aHashInsideAHashGetsItsOwnWriter() throws Exception {
        PythonStr outer = PythonStr.acquire();
        try {
            outer.value("a");
            PythonStr inner = PythonStr.acquire();
            try {
                assertThat(inner).isNotSameAs(outer);
                inner.value("b");
                assertThat(inner.md5Base64(false)).isEqualTo(md5("'b'", false));
            } finally {
                inner.release();
            }
            assertThat(outer.md5Base64(false)).isEqualTo(md5("'a'", false));
        } finally {
            outer.release();
        }
    }

    @Test
    void aLongStringGrowsTheBuffer() {
        String big = "x'\u00e9\ud83d\ude00".repeat(50_000);
        assertThat(PythonRepr.render(List.of(big))).isEqualTo(Reference.render(List.of(big)));
    }

    private static String md5(String text, boolean tag) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        return tag ? s.replace('-', '_') : s;
    }

    private static Object randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 2 ? 6 : 10);
        return switch (kind) {
            case 0, 1, 2 -> randomString(r);
            case 3 -> r.nextBoolean() ? null : r.nextBoolean();
            case 4 ->
                switch (r.nextInt(5)) {
                    case 0 -> r.nextLong();
                    case 1 -> (long) r.nextInt(20) - 5;
                    case 2 -> new BigInteger(100, r);
                    case 3 -> r.nextInt();
                    default -> (short) r.nextInt(1000);
                };
            case 5 ->
                switch (r.nextInt(4)) {
                    case 0 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                    case 1 -> (double) r.nextInt(1000) / 8;
                    case 2 -> new BigDecimal("1.5");
                    default -> (float) r.nextGaussian();
                };
            case 6 -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    m.put(randomString(r), randomValue(r, depth + 1));
                }
                yield m;
            }
            case 7 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                yield l;
            }
            case 8 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    l.add(randomValue(r, depth + 1));
                }
                yield new Tuple(l);
            }
            default -> CopyFileDetection.values()[r.nextInt(3)];
        };
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            switch (r.nextInt(4)) {
                case 0 -> s.append((char) (0x20 + r.nextInt(0x5f)));
                case 1 -> s.appendCodePoint(INTERESTING[r.nextInt(INTERESTING.length)]);
                case 2 -> s.append((char) r.nextInt(0x10000));
                default -> s.appendCodePoint(r.nextInt(0x110000));
            }
        }
        return s.toString();
    }

    /** The renderer before {@link PythonStr}: a StringBuilder, then UTF-8. */
    private static final class Reference {
        static String render(Object value) {
            StringBuilder out = new StringBuilder(256);
            append(out, value);
            return out.toString();
        }

        /** Appends {@code repr(value)} to {@code out}. */
        private static void append(StringBuilder out, Object value) {
            if (value == null) {
                out.append("None");
            } else if (value instanceof String s) {
                appendString(out, s);
            } else if (value instanceof Boolean b) {
                out.append(b ? "True" : "False");
            } else if (value instanceof Double || value instanceof Float) {
                out.append(floatRepr(((Number) value).doubleValue()));
            } else if (value instanceof BigDecimal d) {
                out.append(floatRepr(d.doubleValue()));
            } else if (value instanceof Number n) {
                out.append(n instanceof BigInteger ? n.toString() : Long.toString(n.longValue()));
            } else if (value instanceof Map<?, ?> map) {
                appendDict(out, map);
            } else if (value instanceof List<?> list) {
                appendSequence(out, list, '[', ']');
            } else if (value instanceof Tuple tuple) {
                appendSequence(out, tuple.items(), '(', ')');
                if (tuple.items().size() == 1) {
                    out.insert(out.length() - 1, ',');
                }
            } else if (value instanceof CopyFileDetection mode) {
                out.append("<CopyFileDetection.")
                        .append(mode.name())
                        .append(": ")
                        .append(mode.value())
                        .append('>');
            } else {
                throw new IllegalArgumentException(
                        "no Python equivalent for " + value.getClass().getName());
            }
        }

        private static void appendDict(StringBuilder out, Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                append(out, e.getKey());
                out.append(": ");
                append(out, e.getValue());
            }
            out.append('}');
        }

        private static void appendSequence(StringBuilder out, List<?> items, char open, char close) {
            out.append(open);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(out, items.get(i));
            }
            out.append(close);
        }

        /** Python's {@code repr(str)}: single quotes unless the text has a single quote and no double quote. */
        private static void appendString(StringBuilder out, String s) {
            char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
            out.append(quote);
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                if (cp == quote || cp == '\\') {
                    out.append('\\').appendCodePoint(cp);
                } else if (cp == '\t') {
                    out.append("\\t");
                } else if (cp == '\n') {
                    out.append("\\n");
                } else if (cp == '\r') {
                    out.append("\\r");
                } else if (cp >= 0x20 && cp < 0x7f) {
                    out.append((char) cp);
                } else if (cp >= 0x7f && isPrintable(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp <= 0xff) {
                    hex(out, "\\x", cp, 2);
                } else if (cp <= 0xffff) {
                    hex(out, "\\u", cp, 4);
                } else {
                    hex(out, "\\U", cp, 8);
                }
            }
            out.append(quote);
        }

        /** Python's {@code str.isprintable()} for one code point above ASCII: not Other (C*) and not a separator (Z*). */
        private static boolean isPrintable(int cp) {
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

        private static void hex(StringBuilder out, String prefix, int cp, int width) {
            String h = Integer.toHexString(cp);
            out.append(prefix);
            for (int i = h.length(); i < width; i++) {
                out.append('0');
            }
            out.append(h);
        }

        /**
         * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in
         * fixed notation when its exponent is in [-4, 16), else as {@code 1e+20}. JDK 17's
         * {@code Double.toString} is not always shortest, so the digits come from exact rounding.
         */
        private static String floatRepr(double d) {
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            if (d == 0) {
                return (1 / d < 0) ? "-0.0" : "0.0";
            }
            BigDecimal exact = new BigDecimal(d);
            BigDecimal shortest = exact;
            for (int precision = 1; precision <= 17; precision++) {
                BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
                if (candidate.doubleValue() == d) {
                    shortest = candidate;
                    break;
                }
            }
            BigInteger unscaled = shortest.unscaledValue().abs();
            String digits = unscaled.toString();
            // strip trailing zeros of the digit string; the exponent accounts for them
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
            digits = digits.substring(0, end);
            String sign = d < 0 ? "-" : "";
            if (exponent >= -4 && exponent < 16) {
                return sign + fixed(digits, exponent);
            }
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = Integer.toString(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        }

        private static String fixed(String digits, int exponent) {
            StringBuilder s = new StringBuilder();
            if (exponent < 0) {
                s.append("0.");
                s.append("0".repeat(-exponent - 1));
                s.append(digits);
                return s.toString();
            }
            if (digits.length() <= exponent + 1) {
                s.append(digits)
                        .append("0".repeat(exponent + 1 - digits.length()))
                        .append(".0");
                return s.toString();
            }
            return s.append(digits, 0, exponent + 1)
                    .append('.')
                    .append(digits, exponent + 1, digits.length())
                    .toString();
        }
    }
}
