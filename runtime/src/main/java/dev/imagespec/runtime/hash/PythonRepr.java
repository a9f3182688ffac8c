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
        return PythonStr.standalone().value(value).text();
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in
     * fixed notation when its exponent is in [-4, 16), else as {@code 1e+20}. JDK 17's
     * {@code Double.toString} is not always shortest, so the digits come from exact rounding.
     */
    static String floatRepr(double d) {
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
        return s.append(digits, 0, exponent + 1)
                .append('.')
                .append(digits, exponent + 1, digits.length())
                .toString();
    }
}
