package dev.imagespec.runtime.descriptor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.imagespec.runtime.spec.InputLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's one JSON reader and writer, on Jackson's streaming API: descriptors and indexes
 * (written by the processor, read by {@code ImageSpecs}), spec files and option values given as
 * JSON, {@code Image} JSON, and what the command line prints. Objects become ordered maps, arrays
 * lists; integers become {@link Long} (or {@link BigInteger}), other numbers {@link Double}, so that a
 * spec's option types survive, whatever an {@code ObjectMapper} would be configured to do. The
 * writer's layout is fixed (descriptors are compared byte for byte).
 *
 * <p>Not on the task start-up path: {@code ImageSpecs.of(Task.class)} takes the spec from the
 * generated {@code Task_ImageSpec} and reads a descriptor only when that class is absent (see the
 * README's Performance section, start-up).
 *
 * <p>Example: {@code JsonTree.write(Map.of("a", 1L))} is {@code "{\n  \"a\" : 1\n}\n"}.
 */
public final class JsonTree {
    /** Bounded (depth, lengths), a repeated key refused, Python's NaN/Infinity tokens: {@link InputLimits.Jackson#jsonFactory}. */
    private static final JsonFactory FACTORY = InputLimits.Jackson.jsonFactory();

    private JsonTree() {}

    /** Parses one JSON value. */
    public static Object read(InputStream in) throws IOException {
        return readWhole(FACTORY.createParser(in));
    }

    /** Parses one JSON value from text. */
    public static Object read(String json) throws IOException {
        return readWhole(FACTORY.createParser(json));
    }

    /**
     * Why {@link #read} refused a text, on one line and without Jackson's source location, e.g.
     * {@code "nesting deeper than 200 levels"} or {@code "Unexpected character ('*' (code 42))"}.
     */
    public static String reason(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (e instanceof StreamConstraintsException && message != null && message.contains("nesting depth")) {
            return "nesting deeper than " + InputLimits.MAX_DEPTH + " levels";
        }
        return message == null
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("").strip();
    }

    private static Object readWhole(JsonParser parser) throws IOException {
        try (JsonParser p = parser) {
            p.nextToken();
            Object value = value(p);
            if (p.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value at " + p.currentLocation());
            }
            return value;
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("empty JSON document");
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, value(p));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token " + t + " at " + p.currentLocation());
        };
    }

    /** Deterministic pretty JSON: two-space indent, {@code \n} line ends, a trailing newline. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            write(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string cannot fail", e);
        }
        return out.append('\n').toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object item : l) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + v.getClass().getName());
        }
    }
}
