package dev.imagespec.runtime.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.imagespec.runtime.spec.InputLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonTree} against the Jackson streaming code it replaced ({@link Jackson}, kept here as the oracle):
 * the same bytes written for any tree, the same verdict and value for any text, then each limit and refusal
 * by example. The properties are seeded, so CI runs the same cases every time (change a seed to explore).
 */
class JsonTreeTest {
    private static final int MAX = InputLimits.MAX_DESCRIPTOR_BYTES;

    // ---- the oracle: JsonTree as it was, on jackson-core ----------------------------------------------

    /** The former JsonTree, verbatim but for the factory, built here as {@code InputLimits.Jackson} built it. */
    static final class Jackson {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(InputLimits.MAX_DEPTH)
                        .maxNumberLength(InputLimits.MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX)
                        .maxNameLength(MAX)
                        .maxDocumentLength(MAX)
                        .build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();

        static Object read(String json) throws IOException {
            return readWhole(FACTORY.createParser(json));
        }

        static Object read(byte[] json) throws IOException {
            return readWhole(FACTORY.createParser(json));
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

        static String write(Object value) {
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

    // ---- generators -----------------------------------------------------------------------------------

    /** The characters a writer must get right: quotes, backslashes, controls, DEL, separators, surrogates. */
    private static final String AWKWARD = "\"\\/\u0000\u0001\u0008\t\n\u000b\f\r\u001f\u007f\u0080\u00e9\u2028\u2029"
            + "\ud800\udbff\udc00\udfff\ufeff\uffff\ud83d\ude00 aZ09";

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(AWKWARD).ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(8),
                // non-BMP characters as whole pairs
                Arbitraries.integers()
                        .between(0x10000, Character.MAX_CODE_POINT)
                        .list()
                        .ofMaxSize(4)
                        .map(cps -> cps.stream()
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                                .toString()),
                Arbitraries.of("", "a", "null", "NaN", "1", "\\u0041", "{}", "[]"));
    }

    private static Arbitrary<Object> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble), // any bit pattern: subnormals, huge, NaN
                Arbitraries.of(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        -0.0,
                        0.0,
                        Double.MIN_VALUE,
                        Double.MIN_NORMAL,
                        Double.MAX_VALUE,
                        1e10,
                        1e7,
                        1e-3,
                        9999999.0,
                        0.1,
                        1e23,
                        2e-323,
                        100.0));
    }

    /** Scalars as {@link JsonTree#read} returns them (so a round trip can compare), or any the writer takes. */
    private static Arbitrary<Object> scalars(boolean asRead) {
        BigInteger longMax = BigInteger.valueOf(Long.MAX_VALUE);
        Arbitrary<Object> bigs = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))
                .filter(b -> !asRead || b.abs().compareTo(longMax) > 0)
                .map(b -> (Object) b);
        List<Tuple.Tuple2<Integer, Arbitrary<Object>>> kinds = new ArrayList<>(List.of(
                Tuple.of(5, strings().map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                Tuple.of(
                        1,
                        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L).map(l -> (Object) l)),
                Tuple.of(3, doubles()),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                Tuple.of(1, bigs)));
        if (!asRead) {
            kinds.add(Tuple.of(
                    2,
                    Arbitraries.oneOf(
                            Arbitraries.floats().map(f -> (Object) f),
                            Arbitraries.of(Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, 0.1f, Float.MAX_VALUE)
                                    .map(f -> (Object) f),
                            Arbitraries.integers().map(i -> (Object) i),
                            Arbitraries.shorts().map(s -> (Object) s),
                            Arbitraries.bytes().map(b -> (Object) b),
                            Arbitraries.bigDecimals().map(d -> (Object) d))));
        }
        return Arbitraries.frequencyOf(kinds).injectNull(0.05);
    }

    /** Nested maps and lists, at most {@code depth} deep. */
    private static Arbitrary<Object> trees(int depth, boolean asRead) {
        Arbitrary<Object> scalar = scalars(asRead);
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = trees(depth - 1, asRead);
        Arbitrary<Object> lists = inner.list().ofMaxSize(5).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> maps =
                Arbitraries.maps(strings(), inner).ofMaxSize(5).map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(2, lists), Tuple.of(2, maps));
    }

    @Provide
    Arbitrary<Object> anyTrees() {
        return trees(4, false);
    }

    @Provide
    Arbitrary<Object> readTrees() {
        return trees(4, true);
    }

    /** Pieces of JSON and of near-JSON that readers disagree on, inserted into texts at random. */
    private static final List<String> TOKENS = List.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            " ",
            "\n",
            "\r",
            "\t",
            "\r\n",
            "\u000b",
            "\f",
            "\u00a0",
            "\ufeff",
            "\u2028",
            "\u0000",
            "\u0001",
            "\u001f",
            "\u007f",
            "\ud800",
            "\udc00",
            "\ud83d\ude00",
            "\u00e9",
            "\\u",
            "\\u00",
            "\\u0041",
            "\\u00e9",
            "\\uD83D\\uDE00",
            "\\ud800",
            "\\udc00",
            "\\x",
            "\\'",
            "\\/",
            "\\0",
            "\\U0041",
            "\\u004G",
            "\\u\u0663\u0663\u0663\u0663",
            "NaN",
            "-NaN",
            "+NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "+Infinity",
            "INF",
            "-INF",
            "+INF",
            "-Inf",
            "inf",
            "true",
            "false",
            "null",
            "tru",
            "nul",
            "True",
            "0",
            "-0",
            "01",
            "-01",
            "00",
            "1.",
            ".5",
            "1.5",
            "-",
            "+",
            "+1",
            "e",
            "E5",
            "1e",
            "1e+",
            "1e-5",
            "1E+05",
            "-1.5e-3",
            "0x1F",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "1e999",
            "-1e999",
            "1e-999",
            "\"a\"",
            "\"a\":1",
            "\"a\":2",
            "//",
            "/*",
            "*/",
            "#",
            "'",
            "a",
            "*",
            "/",
            "\u0663");

    private static String token(Random r) {
        return TOKENS.get(r.nextInt(TOKENS.size()));
    }

    /** A text near JSON: a written tree with a few random edits, or a soup of tokens. */
    private static String hostile(Object tree, Random r) {
        StringBuilder text = new StringBuilder();
        switch (r.nextInt(5)) {
            case 0 -> {
                for (int i = r.nextInt(12); i >= 0; i--) {
                    text.append(token(r));
                }
                return text.toString();
            }
            case 1 -> text.append(compact(tree));
            case 2 -> {
                int depth = InputLimits.MAX_DEPTH - 3 + r.nextInt(6);
                text.append("[".repeat(depth)).append(Jackson.write(tree)).append("]".repeat(depth));
            }
            default -> text.append(Jackson.write(tree));
        }
        for (int edits = r.nextInt(4); edits > 0; edits--) {
            int at = r.nextInt(text.length() + 1);
            switch (r.nextInt(3)) {
                case 0 -> text.insert(at, token(r));
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + r.nextInt(3)));
                default -> text.replace(at, Math.min(text.length(), at + 1), token(r));
            }
        }
        return text.toString();
    }

    /** The oracle's output without its pretty printer's spaces and line ends. */
    private static String compact(Object tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Jackson.FACTORY.createGenerator(out)) {
            Jackson.write(g, tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** A value with every type and key order spelled out (Map.equals ignores order, Long 1 is not Double 1.0). */
    private static String typed(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(typed(k)).append(':').append(typed(x)).append(','));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(typed(x)).append(','));
            return b.append(']').toString();
        }
        return v == null ? "null" : v.getClass().getSimpleName() + "(" + v + ")";
    }

    private interface Reader {
        Object read() throws IOException;
    }

    /** "ok " and the typed value, or "refused". */
    private static String verdict(Reader reader) {
        try {
            return "ok " + typed(reader.read());
        } catch (IOException e) {
            return "refused";
        }
    }

    // ---- (a) the writer: Jackson's bytes, and what it writes reads back ---------------------------------

    @Property(tries = 1500, seed = "20260601", shrinking = ShrinkingMode.BOUNDED)
    void writesWhatJacksonWrote(@ForAll("anyTrees") Object tree) {
        assertThat(JsonTree.write(tree)).isEqualTo(Jackson.write(tree));
    }

    @Property(tries = 1500, seed = "20260602", shrinking = ShrinkingMode.BOUNDED)
    void whatItWritesReadsBack(@ForAll("readTrees") Object tree) throws IOException {
        String json = JsonTree.write(tree);
        assertThat(typed(JsonTree.read(json))).isEqualTo(typed(tree));
        assertThat(typed(Jackson.read(json))).isEqualTo(typed(tree));
        if (!hasLoneSurrogate(json)) { // no UTF-8 byte sequence holds one
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            assertThat(typed(JsonTree.read(new ByteArrayInputStream(utf8)))).isEqualTo(typed(tree));
        }
    }

    // ---- (b) the reader: Jackson's verdict and value for any text --------------------------------------

    @Property(tries = 3000, seed = "20260603", shrinking = ShrinkingMode.BOUNDED)
    void readsAsJacksonRead(@ForAll("readTrees") Object tree, @ForAll Random r) {
        String text = hostile(tree, r);
        String ours = verdict(() -> JsonTree.read(text));
        Statistics.label("verdict").collect(ours.startsWith("ok") ? "accepted" : "refused");
        assertThat(visible(ours)).as("%s", visible(text)).isEqualTo(visible(verdict(() -> Jackson.read(text))));
        if (ours.equals("refused")) {
            IOException e = assertThrows(IOException.class, () -> JsonTree.read(text));
            assertThat(e.getMessage()).doesNotContain("\n", "\r").isEqualTo(JsonTree.reason(e));
        }
        if (!hasLoneSurrogate(text) && !text.startsWith("\ufeff")) { // a stream may start with a byte order mark
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertThat(verdict(() -> JsonTree.read(new ByteArrayInputStream(utf8))))
                    .as("%s from a stream", visible(text))
                    .isEqualTo(ours);
            if (text.indexOf('\u0000') < 0) { // Jackson's byte parser takes a NUL after the value as the end
                assertThat(visible(ours))
                        .as("%s as bytes", visible(text))
                        .isEqualTo(visible(verdict(() -> Jackson.read(utf8))));
            }
        }
    }

    /** Printable ASCII as is, everything else as a Java escape, for failure messages. */
    private static String visible(String s) {
        StringBuilder b = new StringBuilder();
        s.chars()
                .forEach(c -> b.append(
                        c >= ' ' && c < 0x7F && c != '\\' ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    // ---- (c) examples: values, limits, refusals ---------------------------------------------------------

    @Test
    void readsTypesAsSpecOptionsNeedThem() throws IOException {
        assertThat(JsonTree.read("{\"b\": 1, \"a\": [true, false, null, \"x\"]}"))
                .isEqualTo(Map.of("b", 1L, "a", java.util.Arrays.asList(true, false, null, "x")))
                .isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) JsonTree.read("{\"b\": 1, \"a\": 2}")).keySet()))
                .containsExactly("b", "a");
        assertThat(JsonTree.read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonTree.read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonTree.read("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(JsonTree.read("-0")).isEqualTo(0L);
        assertThat(JsonTree.read("-0.0")).isEqualTo(-0.0);
        assertThat(JsonTree.read("1E+2")).isEqualTo(100.0);
        assertThat(JsonTree.read("1e999")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(JsonTree.read("[NaN, Infinity, -Infinity, +Infinity, -INF, +INF]"))
                .isEqualTo(List.of(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY));
        for (String refused : List.of("INF", "-NaN", "+NaN", "nan", "+1", ".5", "1.", "1e", "0x1F", "'a'")) {
            assertThatThrownBy(() -> JsonTree.read(refused)).as(refused).isInstanceOf(IOException.class);
        }
        assertThat(JsonTree.read("\"\\ud83d\\ude00 \\u00E9\\/\\b\"")).isEqualTo("\ud83d\ude00 \u00e9/\b");
        assertThat(JsonTree.read("\"\\ud800\"")).isEqualTo("\ud800"); // half a pair kept, as Jackson did
        assertThat(JsonTree.read("\"\u007f\u2028\"")).isEqualTo("\u007f\u2028");
        // in a key, Jackson refused half a pair escaped (not one written raw, which only a String can hold)
        assertThat(JsonTree.read("{\"\\ud83d\\ude00\": 1, \"\ud800\": 2}"))
                .isEqualTo(Map.of("\ud83d\ude00", 1L, "\ud800", 2L));
        for (String half : List.of("{\"\\ud800\": 1}", "{\"x\\udc00\": 1}", "{\"\\ud800\\u0041\": 1}")) {
            assertThat(refusal(half)).startsWith("half a surrogate pair escaped in a key at line 1, column ");
            assertThatThrownBy(() -> Jackson.read(half)).isInstanceOf(IOException.class);
        }
    }

    private static String refusal(String json) {
        IOException e = assertThrows(IOException.class, () -> JsonTree.read(json));
        assertThat(JsonTree.reason(e)).isEqualTo(e.getMessage());
        return e.getMessage();
    }

    @Test
    void refusalsSayWhatAndWhere() {
        assertThat(refusal("{\n  \"a\": 1,\n  *\n}"))
                .isEqualTo("unexpected character '*' at line 3, column 3 (expected a key in double quotes)");
        assertThat(refusal("[1, ]")).isEqualTo("unexpected character ']' at line 1, column 5 (expected a value)");
        assertThat(refusal("[1 2]")).isEqualTo("unexpected character '2' at line 1, column 4 (expected ',' or ']')");
        assertThat(refusal("{\"a\" 1}"))
                .isEqualTo("unexpected character '1' at line 1, column 6 (expected ':' after the key)");
        assertThat(refusal("[1,\r\n\u00a0]"))
                .isEqualTo("unexpected character U+00A0 at line 2, column 1 (expected a value)");
        assertThat(refusal("{\"a\": ")).isEqualTo("unexpected end at line 1, column 7 (expected a value)");
        assertThat(refusal("")).isEqualTo("empty JSON document");
        assertThat(refusal(" \n\t")).isEqualTo("empty JSON document");
        assertThat(refusal("{} {}")).isEqualTo("unexpected content after the JSON value at line 1, column 4");
        assertThat(refusal("{\"a\": 1, \"b\": {\"a\": 2}, \"a\": 3}"))
                .isEqualTo("duplicate key \"a\" at line 1, column 25");
        assertThat(refusal("{\"\\n\": 1, \"\\u000a\": 2}")).isEqualTo("duplicate key \"\\n\" at line 1, column 11");
        assertThat(refusal("\"abc")).isEqualTo("unterminated string at line 1, column 1");
        assertThat(refusal("\"abc\\")).isEqualTo("unterminated string at line 1, column 1");
        assertThat(refusal("\"a\tb\"")).isEqualTo("unescaped control character U+0009 in a string at line 1, column 3");
        assertThat(refusal("\"\\x\"")).isEqualTo("invalid escape '\\x' in a string at line 1, column 2");
        assertThat(refusal("\"\\\u0001\""))
                .isEqualTo("invalid escape '\\' followed by U+0001 in a string at line 1, column 2");
        assertThat(refusal("\"\\u12\"")).isEqualTo("invalid escape: \\u takes four hex digits at line 1, column 2");
        assertThat(refusal("\"\\u\u0663\u0663\u0663\u0663\""))
                .isEqualTo("invalid escape: \\u takes four hex digits at line 1, column 2");
        assertThat(refusal("[01]")).isEqualTo("leading zero in a number at line 1, column 2");
        assertThat(refusal("-x")).isEqualTo("unexpected character 'x' at line 1, column 2 (expected a digit)");
        assertThat(refusal("[1.e5]")).isEqualTo("unexpected character 'e' at line 1, column 4 (expected a digit)");
        assertThat(refusal("truex")).isEqualTo("unexpected content after the JSON value at line 1, column 5");
    }

    @Test
    void nestingIsLimited() throws IOException {
        int max = InputLimits.MAX_DEPTH;
        assertThat(JsonTree.read("[".repeat(max) + "]".repeat(max))).isInstanceOf(List.class);
        assertThat(JsonTree.read("{\"a\":".repeat(max) + "1" + "}".repeat(max))).isInstanceOf(Map.class);
        for (String deep : List.of(
                "[".repeat(max + 1) + "]".repeat(max + 1),
                "{\"a\":".repeat(max + 1) + "1" + "}".repeat(max + 1),
                "[".repeat(100_000))) {
            assertThat(refusal(deep)).isEqualTo("nesting deeper than " + max + " levels");
            assertThatThrownBy(() -> Jackson.read(deep)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void numbersAreLimitedInDigitsAsJacksonsByteParserCountedThem() throws IOException {
        int max = InputLimits.MAX_NUMBER_LENGTH;
        for (String ok : List.of(
                "1".repeat(max), "-" + "1".repeat(max), "1." + "1".repeat(max - 1), "-1e" + "1".repeat(max - 1))) {
            assertThat(JsonTree.read(ok)).isEqualTo(Jackson.read(ok.getBytes(StandardCharsets.US_ASCII)));
        }
        for (String tooLong : List.of(
                "1".repeat(max + 1), "-" + "1".repeat(max + 1), "1." + "1".repeat(max), "1e-" + "1".repeat(max))) {
            assertThat(refusal("[" + tooLong + "]")).isEqualTo("number longer than 1000 digits at line 1, column 2");
            assertThatThrownBy(() -> Jackson.read(tooLong.getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(IOException.class);
        }
        assertThat(JsonTree.read("1".repeat(max))).isEqualTo(new BigInteger("1".repeat(max)));
    }

    @Test
    void documentsAreLimitedInSizeAndStreamsReadNoFurther() throws IOException {
        String largest = "\"" + "a".repeat(MAX - 2) + "\"";
        assertThat(JsonTree.read(largest)).asString().hasSize(MAX - 2);
        assertThat(JsonTree.read(new ByteArrayInputStream(largest.getBytes(StandardCharsets.US_ASCII))))
                .asString()
                .hasSize(MAX - 2);
        assertThat(refusal(largest + " ")).isEqualTo("the JSON text is larger than " + MAX + " bytes");
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                served[0] += len;
                return len;
            }
        };
        assertThatThrownBy(() -> JsonTree.read(endless))
                .isInstanceOf(IOException.class)
                .hasMessage("the JSON text is larger than " + MAX + " bytes");
        assertThat(served[0]).isEqualTo(MAX + 1L);
    }

    @Test
    void streamsAreStrictUtf8WithAnOptionalByteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};
        assertThat(JsonTree.read(new ByteArrayInputStream(bom))).isEqualTo(List.of(1L));
        assertThat(Jackson.read(bom)).isEqualTo(List.of(1L));
        assertThat(refusal("\ufeff[1]")).startsWith("unexpected character U+FEFF at line 1, column 1");
        for (byte[] bad : List.of(
                new byte[] {'"', (byte) 0xC3, '"'}, // a lead byte without its continuation
                new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}, // an overlong NUL
                new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate
                new byte[] {'"', (byte) 0xFF, '"'},
                new byte[] {'"', 'a', (byte) 0xE2, (byte) 0x82})) { // cut short
            assertThatThrownBy(() -> JsonTree.read(new ByteArrayInputStream(bad)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("invalid UTF-8 at byte ");
        }
        assertThatThrownBy(() -> JsonTree.read(new ByteArrayInputStream(new byte[] {'[', '1', ',', (byte) 0x80})))
                .hasMessage("invalid UTF-8 at byte 3 of the JSON text");
    }

    @Test
    void reasonIsTheFirstLineOfAnyIOException() {
        assertThat(JsonTree.reason(new IOException("first\nsecond"))).isEqualTo("first");
        assertThat(JsonTree.reason(new IOException(" first\r\nsecond"))).isEqualTo("first");
        assertThat(JsonTree.reason(new java.io.EOFException())).isEqualTo("EOFException");
    }

    @Test
    void writesJacksonsLayout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", Map.of());
        m.put("b", List.of());
        m.put("c", List.of(1, List.of(Map.of("x", List.of(Map.of())))));
        m.put("d", java.util.Arrays.asList(1.0e10, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 0.1f, null));
        m.put("e", List.of(new BigInteger("-123456789012345678901234567890"), (short) 3, new BigDecimal("12.9")));
        m.put("s", "q\"b\\s/\u007f\u2028\ud800\u0000\u001f\b\t\n\f\r\u00e9\ud83d\ude00");
        String expected = """
                {
                  "a" : { },
                  "b" : [ ],
                  "c" : [
                    1,
                    [
                      {
                        "x" : [
                          { }
                        ]
                      }
                    ]
                  ],
                  "d" : [
                    1.0E10,
                    -0.0,
                    NaN,
                    -Infinity,
                    0.10000000149011612,
                    null
                  ],
                  "e" : [
                    -123456789012345678901234567890,
                    3,
                    12
                  ],
                """
                + "  \"s\" : \"q\\\"b\\\\s/\u007f\u2028\ud800"
                + "\\u0000\\u001F\\b\\t\\n\\f\\r\u00e9\ud83d\ude00\"\n}\n";
        assertThat(JsonTree.write(m)).isEqualTo(expected).isEqualTo(Jackson.write(m));
        assertThat(JsonTree.write(Map.of("a", 1L))).isEqualTo("{\n  \"a\" : 1\n}\n");
        assertThat(JsonTree.write(null)).isEqualTo("null\n");
        assertThat(JsonTree.write(Map.of())).isEqualTo("{ }\n");
    }

    @Test
    void writesNothingForOtherTypesOrBeyondJacksonsDepth() {
        assertThatThrownBy(() -> JsonTree.write(List.of(1, new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no JSON form for java.lang.Object");
        Object deep = List.of();
        for (int i = 1; i < 1000; i++) {
            deep = List.of(deep);
        }
        assertThat(JsonTree.write(deep)).isEqualTo(Jackson.write(deep));
        Object deeper = List.of(deep);
        assertThatThrownBy(() -> Jackson.write(deeper)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonTree.write(deeper))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deeper than 1000 levels");
        List<Object> itself = new ArrayList<>();
        itself.add(itself);
        assertThatThrownBy(() -> JsonTree.write(itself)).isInstanceOf(IllegalStateException.class);
    }
}
