package dev.imagespec.runtime.spec;

import dev.imagespec.runtime.text.InputText;
import dev.imagespec.runtime.validate.Messages;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed option values ({@code builder_options}, {@code builder_config}) as the Python values they
 * stand for: integral numbers become {@link Long} (or {@link BigInteger}), floating ones
 * {@link Double}, so that {@code 2} and {@code 2.0} stay different, as they hash differently.
 */
public final class JsonValues {
    private JsonValues() {}

    /** An unmodifiable deep copy with numbers normalized; rejects types Python's YAML could not produce. */
    public static Map<String, Object> deepCopy(Map<String, ?> map) {
        // loops, not forEach with lambdas: a compiled spec's options are copied at task start-up
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(Messages.optionNameNull());
            }
            copy.put(e.getKey(), value(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object value(Object v) {
        if (v == null
                || v instanceof String
                || v instanceof Boolean
                || v instanceof Long
                || v instanceof Double
                || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof BigDecimal) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                copy.put(String.valueOf(e.getKey()), value(e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object item : l) {
                copy.add(value(item));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(Messages.optionValueType(
                InputText.quote(String.valueOf(v)), v.getClass().getSimpleName()));
    }
}
