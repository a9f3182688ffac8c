package dev.imagespec.runtime.hash;

import dev.imagespec.annotations.CopyFileDetection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Renders Java values exactly as Python's {@code str()} prints the equivalent Python value, because
 * flytekit's image id is the md5 of {@code str(asdict(spec))}: a single differing quote or float
 * digit would name a different image.
 *
 * <p>Example: {@code PythonRepr.render(Map.of("name", "it's"))} is {@code {'name': "it's"}}.
 *
 * <p>Mapping: {@link String} → {@code str}, {@link Boolean} → {@code True/False}, {@code null} →
 * {@code None}, integral numbers → {@code int}, {@link Double}/{@link Float} → {@code float},
 * {@link Map} → {@code dict} (in iteration order), {@link List} → {@code list}, {@link Tuple} →
 * {@code tuple}, {@link CopyFileDetection} → the enum's {@code repr}.
 *
 * @see <a href="https://docs.python.org/3/library/functions.html#repr">Python repr()</a>
 */
public final class PythonRepr {

    /** A Python tuple, e.g. a {@code pip_secret_mounts} pair: {@code new Tuple(List.of("a", "b"))} prints {@code ('a', 'b')}. */
    public record Tuple(List<?> items) {}

    private PythonRepr() {}

    /** Python's {@code str(value)} for a container, or {@code repr(value)} for a scalar. */
    public static String render(Object value) {
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
            out.append("<CopyFileDetection.").append(mode.name()).append(": ").append(mode.value()).append('>');
        } else {
            throw new IllegalArgumentException("no Python equivalent for " + value.getClass().getName());
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
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
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
            s.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
            return s.toString();
        }
        return s.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length()).toString();
    }
}
