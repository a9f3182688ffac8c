package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.spec.SpecHasher;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.SpecValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A property-based fuzz of the spec readers: YAML and JSON spec files ({@link ImageSpecYaml}) and
 * descriptors ({@link Descriptor}). Each property runs a fixed number of seeded cases, so CI runs the same
 * cases every time (change the seed to explore). Generated specs mix plausible values with any YAML value
 * in any field; they are written by SnakeYAML and Jackson in random styles (flow, block, quoted, literal,
 * anchors and aliases for shared values) and then, half the time, mutated by a few random edits.
 *
 * <p>Whatever the input, a reader either returns a spec or throws its documented exception: an
 * {@link IllegalArgumentException} (an {@link InvalidImageSpecException} for field problems) from the
 * spec file readers, an {@link IOException} from {@link Descriptor#read}, each naming the file, one line
 * (a spec with several field problems lists them one a line) and of a bounded length. A spec read is
 * hashed, written by our writers and read back to the same id; a descriptor round trip keeps id and tag.
 */
class SpecReadersFuzzTest {
    /** Cases per property; the README and CI count on this many. */
    static final int TRIES = 300;

    private static final int MAX_LINE = 2000;
    private static final String ORIGIN = "fuzz/spec";

    private static final String ALPHABET = "abcxyzAZ019 _-.:/@#&*!|>'\"{}[],?%`=~\\\t\n\r\u00e9\u2028\u0000\u0085";
    private static final List<String> PLAUSIBLE = List.of(
            "numpy",
            "pandas>=2",
            "3.11",
            "3.10",
            "ghcr.io/acme",
            "linux/amd64",
            "trainer",
            "debian:bookworm-slim",
            "",
            " ",
            "yes",
            "no",
            "on",
            "1.0",
            "1e3",
            "09",
            "0x1F",
            "~",
            "null",
            "-",
            "a: b",
            "#x",
            "&a",
            "*a",
            ".nan",
            "-.inf",
            "<<",
            "=",
            "!!str",
            "2024-01-01",
            "1:30",
            "CopyFileDetection.ALL",
            "ALL",
            "NO_COPY",
            "{spec_hash}",
            "--no-cache-dir",
            "https://pypi.org/simple");

    // ---- generators ---------------------------------------------------------------------------

    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.of(PLAUSIBLE),
                Arbitraries.strings().withChars(ALPHABET).ofMaxLength(16),
                // any UTF-16 unit but the surrogates, which pair up only by chance: text a file can hold (escapes
                // that make half a pair come from the mutations, and are refused by the readers)
                Arbitraries.strings()
                        .withCharRange('\u0000', '\ud7ff')
                        .withCharRange('\ue000', '\uffff')
                        .ofMaxLength(6));
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, texts().map(s -> (Object) s)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(l -> (Object) l)),
                        net.jqwik.api.Tuple.of(
                                2,
                                Arbitraries.oneOf(
                                                Arbitraries.doubles(),
                                                Arbitraries.of(
                                                        Double.NaN,
                                                        Double.POSITIVE_INFINITY,
                                                        Double.NEGATIVE_INFINITY,
                                                        -0.0,
                                                        1e20,
                                                        3.1))
                                        .map(d -> (Object) d)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
                        net.jqwik.api.Tuple.of(
                                1,
                                Arbitraries.bigIntegers()
                                        .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                                        .map(b -> (Object) b)))
                .injectNull(0.05);
    }

    /** Any YAML value, at most {@code depth} collections deep. */
    private static Arbitrary<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> values(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalars()),
                net.jqwik.api.Tuple.of(2, inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l))),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.maps(texts(), inner).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m))));
    }

    private static Arbitrary<String> plausibleOr(Arbitrary<String> plausible) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, plausible), net.jqwik.api.Tuple.of(2, texts()));
    }

    /** A value for one field: mostly of its type, sometimes anything. */
    private static Arbitrary<Object> fieldValue(SpecField f, int depth, boolean validish) {
        Arbitrary<Object> typed = switch (f.type()) {
            case STRING -> validString(f).map(s -> (Object) s);
            case STRING_LIST -> validString(f).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
            case STRING_MAP ->
                Arbitraries.maps(Arbitraries.of("MODE", "A", "PATH_X", "it's"), validString(f))
                        .ofMaxSize(3)
                        .map(m -> (Object) new LinkedHashMap<>(m));
            case SECRET_MOUNTS ->
                Arbitraries.of(".netrc", "/root/.netrc", "x")
                        .list()
                        .ofSize(2)
                        .list()
                        .ofMaxSize(2)
                        .map(l -> (Object) new ArrayList<>(l));
            case COPY_MODE ->
                Arbitraries.of("NO_COPY", "CopyFileDetection.NO_COPY", "ALL", "LOADED_MODULES")
                        .map(s -> (Object) s);
            case TYPED_MAP ->
                Arbitraries.maps(Arbitraries.of("cpu", "mem", "flags", "nested"), values(3))
                        .ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m));
            case IMAGE_OR_SPEC ->
                depth > 0
                        ? Arbitraries.oneOf(
                                Arbitraries.of("debian:bookworm-slim", "ghcr.io/acme/base:1")
                                        .map(s -> (Object) s),
                                Arbitraries.lazy(() -> specMaps(depth - 1, validish))
                                        .map(m -> (Object) m))
                        : Arbitraries.of("debian:bookworm-slim").map(s -> (Object) s);
        };
        if (validish) {
            return typed;
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, typed), net.jqwik.api.Tuple.of(2, values(2)));
    }

    private static Arbitrary<String> validString(SpecField f) {
        return switch (f) {
            case NAME -> Arbitraries.of("trainer", "etl", "svc-1", "a.b_c");
            case PYTHON_VERSION -> Arbitraries.of("3.11", "3.9", "3.12");
            case REGISTRY -> Arbitraries.of("ghcr.io/acme", "localhost:5000", "127.0.0.1:5000/team");
            case PLATFORM -> Arbitraries.of("linux/amd64", "linux/arm64");
            case PACKAGES, RUNTIME_PACKAGES -> Arbitraries.of("numpy", "pandas>=2", "requests==2.31.0");
            case APT_PACKAGES -> Arbitraries.of("git", "curl", "build-essential");
            case CONDA_PACKAGES -> Arbitraries.of("numpy", "scipy>=1.10");
            case CONDA_CHANNELS -> Arbitraries.of("conda-forge", "defaults");
            case CUDA -> Arbitraries.of("12.1", "11.8");
            case CUDNN -> Arbitraries.of("8", "9");
            case TAG_FORMAT -> Arbitraries.of("{spec_hash}", "v1-{spec_hash}");
            case PIP_INDEX -> Arbitraries.of("https://pypi.org/simple");
            case PIP_EXTRA_INDEX_URL -> Arbitraries.of("https://download.pytorch.org/whl/cpu");
            case PIP_EXTRA_ARGS -> Arbitraries.of("--no-cache-dir", "--pre");
            case ENTRYPOINT, COMMANDS -> Arbitraries.of("python", "echo hi", "-m");
            case PYTHON_EXEC -> Arbitraries.of("/usr/bin/python3");
            case BUILDER -> Arbitraries.of("default", "noop");
            case ENV -> plausibleOr(Arbitraries.of("batch", "1", "it's \"quoted\""));
            default -> Arbitraries.of("x");
        };
    }

    /** Fields that name files: left out, so that every spec read can also be hashed. */
    private static boolean namesFiles(SpecField f) {
        return f == SpecField.REQUIREMENTS
                || f == SpecField.COPY
                || f == SpecField.SOURCE_ROOT
                || f == SpecField.REGISTRY_CONFIG;
    }

    /** A spec's field map: some fields (mostly of their types), sometimes an unknown key. */
    static Arbitrary<Map<String, Object>> specMaps(int depth, boolean validish) {
        List<SpecField> fields = new ArrayList<>();
        for (SpecField f : SpecField.values()) {
            if (!namesFiles(f) && (!validish || f != SpecField.BUILDER && f != SpecField.PIP_SECRET_MOUNTS)) {
                fields.add(f);
            }
        }
        return Arbitraries.subsetOf(fields).ofMaxSize(7).flatMap(chosen -> {
            List<SpecField> ordered = new ArrayList<>(chosen);
            List<Arbitrary<Object>> arbitraries = new ArrayList<>();
            for (SpecField f : ordered) {
                arbitraries.add(fieldValue(f, depth, validish));
            }
            Arbitrary<String> extraKey = validish
                    ? Arbitraries.just("")
                    : Arbitraries.frequencyOf(
                            net.jqwik.api.Tuple.of(8, Arbitraries.just("")), net.jqwik.api.Tuple.of(2, texts()));
            return Combinators.combine(Combinators.combine(arbitraries).as(v -> v), extraKey)
                    .as((vals, extra) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        for (int i = 0; i < ordered.size(); i++) {
                            m.put(ordered.get(i).key(), vals.get(i));
                        }
                        if (!extra.isEmpty()) {
                            m.put(extra, "surprise");
                        }
                        return m;
                    });
        });
    }

    @Provide
    Arbitrary<Map<String, Object>> anySpecMaps() {
        return specMaps(2, false);
    }

    @Provide
    Arbitrary<Map<String, Object>> validishSpecMaps() {
        return specMaps(2, true);
    }

    // ---- rendering and mutation ---------------------------------------------------------------

    /** Makes some values the same instance, so that a YAML writer emits an anchor and aliases. */
    private static void share(Map<String, Object> m, Random r) {
        List<Object> collections = new ArrayList<>();
        m.values().forEach(v -> {
            if (v instanceof List<?> || v instanceof Map<?, ?>) {
                collections.add(v);
            }
        });
        if (collections.isEmpty() || r.nextInt(3) != 0) {
            return;
        }
        String key = new ArrayList<>(m.keySet()).get(r.nextInt(m.size()));
        Object shared = collections.get(r.nextInt(collections.size()));
        if (m.get(key) != shared) {
            m.put(key, shared);
        }
    }

    private static String yaml(Map<String, Object> m, Random r) throws IOException {
        share(m, r);
        if (r.nextBoolean()) {
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.values()[r.nextInt(3)]);
            o.setDefaultScalarStyle(
                    DumperOptions.ScalarStyle.values()[r.nextInt(DumperOptions.ScalarStyle.values().length)]);
            o.setCanonical(r.nextInt(8) == 0);
            o.setIndent(2 + r.nextInt(3));
            o.setExplicitStart(r.nextInt(4) == 0);
            try {
                return new Yaml(o).dump(m);
            } catch (org.yaml.snakeyaml.error.YAMLException unwritable) {
                // SnakeYAML refuses to write some characters (NUL, lone surrogates); Jackson writes them
            }
        }
        YAMLMapper mapper = new YAMLMapper();
        mapper.configure(YAMLGenerator.Feature.MINIMIZE_QUOTES, r.nextBoolean());
        mapper.configure(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE, r.nextBoolean());
        mapper.configure(YAMLGenerator.Feature.INDENT_ARRAYS, r.nextBoolean());
        mapper.configure(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, r.nextBoolean());
        return mapper.writeValueAsString(m);
    }

    private static String json(Map<String, Object> m, Random r) throws IOException {
        ObjectMapper mapper = JsonMapper.builder()
                .configure(JsonWriteFeature.WRITE_NAN_AS_STRINGS, r.nextBoolean())
                .configure(SerializationFeature.INDENT_OUTPUT, r.nextBoolean())
                .build();
        return mapper.writeValueAsString(m);
    }

    private static final List<String> TOKENS = List.of(
            "---\n",
            "...\n",
            "&a ",
            "*a",
            "*zz",
            "<<: *a\n",
            "!!python/object:x ",
            "!!str ",
            "!!binary ",
            "!!set ",
            "? ",
            ": ",
            "- ",
            "{",
            "}",
            "[",
            "]",
            ",",
            "\"",
            "'",
            "#",
            "|",
            ">",
            "\t",
            "\n",
            "  ",
            "%YAML 1.1\n",
            "\\u0000",
            "\\ud800",
            "\"\\udc00\"",
            "\\",
            "\u00a0",
            "\ufeff",
            "9".repeat(40),
            "[".repeat(300),
            "{\"a\":".repeat(60));

    /** Half the time, one to four random edits: a token inserted, a character dropped, a line repeated. */
    private static String mutate(String text, Random r) {
        if (r.nextBoolean() || text.isEmpty()) {
            return text;
        }
        StringBuilder s = new StringBuilder(text);
        for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
            int at = r.nextInt(s.length() + 1);
            switch (r.nextInt(4)) {
                case 0 -> s.insert(at, TOKENS.get(r.nextInt(TOKENS.size())));
                case 1 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 2 -> s.insert(at, (char) r.nextInt(0x3000));
                default -> {
                    int start = s.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
                    int end = s.indexOf("\n", at);
                    String line = s.substring(start, end < 0 ? s.length() : end + 1);
                    s.insert(start, line);
                }
            }
        }
        return s.toString();
    }

    // ---- what every refusal must look like ----------------------------------------------------

    private static void documentedRefusal(Throwable e, String origin) {
        assertThat(e).as("only the documented exception").isInstanceOf(IllegalArgumentException.class);
        String message = e.getMessage();
        assertThat(message).as("names the file").contains(origin);
        if (e instanceof InvalidImageSpecException) {
            message.lines().forEach(line -> assertThat(line).hasSizeLessThan(MAX_LINE));
        } else {
            assertThat(message).as("one line").doesNotContain("\n").hasSizeLessThan(MAX_LINE);
        }
    }

    /** A spec read: hashed, and read back to the same id through our YAML and JSON writers. */
    private static void acceptedSpecRoundTrips(ImageSpec spec) {
        String id = spec.id();
        String tag = spec.tag();
        assertThat(spec.imageName()).endsWith(":" + tag);
        ImageSpec fromYaml = ImageSpecYaml.parse(ImageSpecYaml.write(spec), false, null, "again.yaml");
        assertThat(fromYaml.id()).as("YAML round trip").isEqualTo(id);
        assertThat(fromYaml.tag()).isEqualTo(tag);
        ImageSpec fromJson = ImageSpecYaml.parse(ImageSpecYaml.writeJson(spec), true, null, "again.json");
        assertThat(fromJson.id()).as("JSON round trip").isEqualTo(id);
    }

    /** The outcome, for the statistics jqwik prints: accepted, field problems, or the reader's words. */
    private static String kind(Throwable e) {
        if (e == null) {
            return "accepted";
        }
        if (e instanceof InvalidImageSpecException) {
            return "refused: field problems";
        }
        String m = e.getMessage();
        String after = m.substring(m.indexOf(ORIGIN) + ORIGIN.length() + ".yaml".length())
                .strip();
        return "refused: " + after.replaceAll("[:;(].*", "").strip();
    }

    // ---- properties ---------------------------------------------------------------------------

    @Property(tries = TRIES, seed = "20240611", shrinking = ShrinkingMode.BOUNDED)
    void yamlSpecFilesReadOrRefuseWithOneLine(@ForAll("anySpecMaps") Map<String, Object> fields, @ForAll Random r)
            throws IOException {
        String text = mutate(yaml(fields, r), r);
        Throwable failure = null;
        ImageSpec spec = null;
        try {
            spec = ImageSpecYaml.parse(text, false, null, ORIGIN + ".yaml");
        } catch (RuntimeException e) {
            failure = e;
            documentedRefusal(e, ORIGIN + ".yaml");
        }
        Statistics.label("yaml").collect(kind(failure));
        if (spec != null) {
            acceptedSpecRoundTrips(spec);
        }
    }

    @Property(tries = TRIES, seed = "20240612", shrinking = ShrinkingMode.BOUNDED)
    void jsonSpecFilesReadOrRefuseWithOneLine(@ForAll("anySpecMaps") Map<String, Object> fields, @ForAll Random r)
            throws IOException {
        String text = mutate(json(fields, r), r);
        Throwable failure = null;
        ImageSpec spec = null;
        try {
            spec = ImageSpecYaml.parse(text, true, null, ORIGIN + ".json");
        } catch (RuntimeException e) {
            failure = e;
            documentedRefusal(e, ORIGIN + ".json");
        }
        Statistics.label("json").collect(kind(failure));
        if (spec != null) {
            acceptedSpecRoundTrips(spec);
        }
    }

    @Property(tries = TRIES, seed = "20240613", shrinking = ShrinkingMode.BOUNDED)
    void aDescriptorRoundTripKeepsIdAndTag(@ForAll("validishSpecMaps") Map<String, Object> fields) throws IOException {
        SpecValues values;
        try {
            values = SpecMapper.fromMap(fields, null, "fuzz.Task");
        } catch (InvalidImageSpecException invalid) {
            Statistics.label("descriptor").collect("spec refused, no descriptor");
            Assume.that(false);
            return;
        }
        ImageSpec spec = ImageSpec.of(values);
        String json = Descriptor.of("fuzz.Task", spec.values()).toJson();
        Descriptor read = Descriptor.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Descriptor.resourceFor("fuzz.Task"));
        SpecValues back = read.toValues(null);
        assertThat(read.id()).isEqualTo(spec.id());
        assertThat(read.tag()).isEqualTo(spec.tag());
        assertThat(read.imageName()).isEqualTo(spec.imageName());
        // hashed again from what was read, not just the recorded answers
        assertThat(SpecHasher.id(back)).as("re-hashed id").isEqualTo(spec.id());
        assertThat(SpecHasher.tag(back)).as("re-hashed tag").isEqualTo(spec.tag());
        assertThat(Descriptor.of("fuzz.Task", back).toJson())
                .as("written again, byte for byte")
                .isEqualTo(json);
        Statistics.label("descriptor").collect("round trip");
    }

    @Property(tries = TRIES, seed = "20240614", shrinking = ShrinkingMode.BOUNDED)
    void aDamagedDescriptorReadsOrIsRefusedByName(@ForAll("anySpecMaps") Map<String, Object> fields, @ForAll Random r)
            throws IOException {
        String source = Descriptor.resourceFor("fuzz.Task");
        String json;
        try {
            json = Descriptor.of("fuzz.Task", SpecMapper.fromMap(fields, null, "fuzz.Task"))
                    .toJson();
        } catch (IllegalArgumentException invalid) {
            // a valid descriptor around a spec no processor would write: what a hand-edited jar holds
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("format", Descriptor.FORMAT);
            d.put("class", r.nextBoolean() ? "fuzz.Task" : fields.getOrDefault("name", 5));
            d.put("id", "i");
            d.put("tag", r.nextBoolean() ? "t" : List.of("t"));
            d.put("image_name", "n:t");
            d.put("spec", r.nextInt(5) == 0 ? List.of(fields) : fields);
            json = JsonMapper.builder()
                    .configure(JsonWriteFeature.WRITE_NAN_AS_STRINGS, false)
                    .build()
                    .writeValueAsString(d);
        }
        String damaged = mutate(json, r);
        String outcome;
        try {
            Descriptor d = Descriptor.read(new ByteArrayInputStream(damaged.getBytes(StandardCharsets.UTF_8)), source);
            try {
                ImageSpec spec = ImageSpec.of(d.toValues(null));
                spec.imageName();
                SpecHasher.id(spec.values());
                outcome = "read";
            } catch (IllegalArgumentException e) {
                assertThat(e).isInstanceOf(InvalidImageSpecException.class);
                assertThat(e.getMessage()).contains(source);
                e.getMessage().lines().forEach(line -> assertThat(line).hasSizeLessThan(MAX_LINE));
                outcome = "spec refused";
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(source).doesNotContain("\n").hasSizeLessThan(MAX_LINE);
            outcome = "descriptor refused";
        } catch (UncheckedIOException e) {
            throw new AssertionError("undocumented exception", e);
        }
        Statistics.label("damaged descriptor").collect(outcome);
    }
}
