package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.hash.PythonRepr;
import dev.imagespec.runtime.spec.InputLimits;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec files, descriptors and indexes never crash, hang or run out of memory: each hostile input of the
 * robustness issue is refused quickly with one line naming the file (and the field), or read as
 * {@code yaml.safe_load} reads it.
 */
class SpecFileRobustnessTest {
    private static final Duration QUICK = Duration.ofSeconds(10);

    private static IllegalArgumentException refusal(Path file) {
        return assertTimeoutPreemptively(QUICK, () -> {
            try {
                ImageSpecYaml.read(file);
            } catch (IllegalArgumentException e) {
                return e;
            }
            throw new AssertionError(file + " was accepted");
        });
    }

    private static IllegalArgumentException refusal(String yaml) {
        return assertTimeoutPreemptively(QUICK, () -> {
            try {
                ImageSpecYaml.parse(yaml, false, null, "spec.yaml");
            } catch (IllegalArgumentException e) {
                return e;
            }
            throw new AssertionError("accepted: " + yaml.substring(0, Math.min(80, yaml.length())));
        });
    }

    private static void oneLineNaming(Throwable e, String... parts) {
        assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(1000).contains(parts);
    }

    // ---- size ---------------------------------------------------------------------------------

    @Test
    void aSparseThreeGigabyteFileIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024);
        }
        oneLineNaming(refusal(file), file.toString(), "1 MiB", "3221225472 bytes");
    }

    @Test
    void aFiftyMegabyteScalarIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scalar.yaml");
        Files.write(file, "a".repeat(50_000_000).getBytes(StandardCharsets.US_ASCII));
        oneLineNaming(refusal(file), file.toString(), "1 MiB");
    }

    @Test
    void aScalarJustUnderTheLimitIsAnsweredQuickly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scalar.yaml");
        Files.writeString(file, "a".repeat(InputLimits.MAX_SPEC_FILE_BYTES - 1));
        oneLineNaming(refusal(file), file.toString(), "must hold a mapping");
        Files.writeString(file, "name: " + "a b ".repeat(InputLimits.MAX_SPEC_FILE_BYTES / 4 - 10));
        assertTimeoutPreemptively(QUICK, () -> {
            try {
                ImageSpecYaml.read(file);
            } catch (InvalidImageSpecException e) {
                assertThat(e.getMessage()).hasSizeLessThan(2000);
            }
        });
    }

    @Test
    void textThatIsNotUtf8IsRefusedByName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9});
        oneLineNaming(refusal(file), file.toString(), "UTF-8");
    }

    // ---- documents, keys, aliases --------------------------------------------------------------

    @Test
    void severalDocumentsAreRefused() {
        oneLineNaming(refusal("name: a\n---\nname: b\n"), "spec.yaml", "more than one YAML document");
        assertThat(ImageSpecYaml.parse("---\nname: a\n", false, null, "s").name())
                .isEqualTo("a");
        assertThat(ImageSpecYaml.parse("---\nname: a\n...\n", false, null, "s").name())
                .isEqualTo("a");
    }

    @Test
    void aKeyTwiceIsRefusedInYamlAndJson() {
        oneLineNaming(refusal("name: a\nname: b\n"), "spec.yaml", "duplicate key name", "line 2");
        assertThatThrownBy(() -> ImageSpecYaml.parse("{\"name\": \"a\", \"name\": \"b\"}", true, null, "spec.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.json")
                .hasMessageContaining("duplicate key \"name\" at line 1, column 15");
    }

    @Test
    void aliasesMeanWhatTheyNameAsInSafeLoad() {
        ImageSpec spec = ImageSpecYaml.parse("name: &n trainer\nenv: {MODE: *n}\n", false, null, "s");
        assertThat(spec.env()).contains(Map.of("MODE", "trainer"));
        ImageSpec lists = ImageSpecYaml.parse(
                "packages: &p [numpy, pandas]\nbuilder_options: {pkgs: *p}\nname: a\n", false, null, "s");
        assertThat(lists.packages()).contains(List.of("numpy", "pandas"));
        assertThat(lists.builderOptions().orElseThrow()).containsEntry("pkgs", List.of("numpy", "pandas"));
    }

    @Test
    void mergeKeysWorkAsInPyYaml() {
        ImageSpec spec =
                ImageSpecYaml.parse("builder_options:\n  <<: {a: 1, b: 2}\n  b: 3\nname: m\n", false, null, "s");
        assertThat(spec.builderOptions().orElseThrow()).containsEntry("a", 1L).containsEntry("b", 3L);
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder yaml =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i > 0 ? "," : "").append('*').append((char) (c - 1));
            }
            yaml.append("]\n");
        }
        oneLineNaming(refusal("builder_options:\n  " + yaml.toString().replace("\n", "\n  ")), "spec.yaml", "aliases");
    }

    @Test
    void fewAliasesThatExpandExponentiallyAreRefusedToo() {
        // 2 aliases a level, 24 levels: 48 aliases (under the alias limit), 2^24 values once expanded
        StringBuilder yaml = new StringBuilder("builder_options:\n  l0: &l0 [x, y]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("  l")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [*l")
                    .append(i - 1)
                    .append(", *l")
                    .append(i - 1)
                    .append("]\n");
        }
        oneLineNaming(refusal(yaml.toString()), "spec.yaml", "more than " + InputLimits.MAX_VALUES + " values");
    }

    @Test
    void aRecursiveAliasIsRefused() {
        oneLineNaming(refusal("builder_options: {a: &a [1, *a]}\n"), "spec.yaml", "contains itself");
    }

    @Test
    void deepNestingIsRefusedInYamlAndJson() {
        oneLineNaming(refusal("builder_options: {a: " + "[".repeat(20_000) + "]".repeat(20_000) + "}\n"), "spec.yaml");
        assertThatThrownBy(() -> ImageSpecYaml.parse(
                        "{\"builder_options\": {\"a\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}}",
                        true,
                        null,
                        "spec.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.json")
                .hasMessageContaining("nesting deeper than " + InputLimits.MAX_DEPTH + " levels");
    }

    @Test
    void halfASurrogatePairIsRefusedInYamlAndJson() {
        // only an escape can make one; the YAML writer would turn it into another character
        oneLineNaming(refusal("name: x\nenv: {A: \"\\ud800x\"}\n"), "spec.yaml", "surrogate");
        assertThatThrownBy(() -> ImageSpecYaml.parse(
                        "{\"name\": \"x\", \"builder_options\": {\"\\udc00\": 1}}", true, null, "spec.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.json")
                .hasMessageContaining("surrogate");
        assertThat(ImageSpecYaml.parse("name: x\nenv: {A: \"\\ud83d\\ude80\"}\n", false, null, "s")
                        .env()
                        .orElseThrow())
                .containsEntry("A", "\ud83d\ude80");
    }

    @Test
    void pythonTagsAreRefused() {
        oneLineNaming(refusal("name: !!python/object/apply:os.system [echo hi]\n"), "spec.yaml", "not valid YAML");
    }

    @Test
    void nonStringKeysAreNamed() {
        oneLineNaming(refusal("yes: x\n"), "spec.yaml", "keys must be strings", "true (Boolean)");
        oneLineNaming(refusal("1: x\n"), "spec.yaml", "keys must be strings", "1 (Integer)");
    }

    // ---- numbers ------------------------------------------------------------------------------

    @Test
    void nanAndInfinitiesAreFloatsAsInFlytekit() {
        ImageSpec spec = ImageSpecYaml.parse(
                "name: f\nbuilder_options: {a: .nan, i: .inf, m: -.inf, s: nan}\n" + "builder_config: {x: .NaN}\n",
                false,
                null,
                "s");
        Map<String, Object> options = spec.builderOptions().orElseThrow();
        assertThat(PythonRepr.render(options)).isEqualTo("{'a': nan, 'i': inf, 'm': -inf, 's': 'nan'}");
        // round trips: YAML writes .nan/.inf, JSON writes Python's json tokens NaN/Infinity
        assertThat(ImageSpecYaml.write(spec))
                .contains("a: .nan")
                .contains("i: .inf")
                .contains("m: -.inf");
        assertThat(ImageSpecYaml.writeJson(spec))
                .contains("\"a\" : NaN")
                .contains("\"i\" : Infinity")
                .contains("\"m\" : -Infinity");
        ImageSpec fromYaml = ImageSpecYaml.parse(ImageSpecYaml.write(spec), false, null, "again.yaml");
        ImageSpec fromJson = ImageSpecYaml.parse(ImageSpecYaml.writeJson(spec), true, null, "again.json");
        assertThat(fromYaml.id()).isEqualTo(spec.id());
        assertThat(fromJson.id()).isEqualTo(spec.id());
        ImageSpec fromDescriptor = ImageSpec.of(
                readDescriptor(Descriptor.of("t.T", spec.values()).toJson()).toValues(null));
        assertThat(PythonRepr.render(fromDescriptor.builderOptions().orElseThrow()))
                .isEqualTo(PythonRepr.render(options));
        assertThat(fromDescriptor.withPackages("x").id())
                .isEqualTo(spec.withPackages("x").id());
    }

    static Stream<Arguments> pyyamlScalars() throws IOException {
        JsonNode cases;
        try (InputStream in = SpecFileRobustnessTest.class.getResourceAsStream("pyyaml-scalars.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        List<Arguments> out = new ArrayList<>();
        cases.forEach(c -> out.add(Arguments.of(c.get("yaml").asText(), c)));
        return out.stream();
    }

    /** Each plain scalar types as PyYAML's safe_load types it, and prints as Python's str() prints it. */
    @ParameterizedTest(name = "[{0}]")
    @MethodSource("pyyamlScalars")
    void scalarsTypeAsPyYamlTypesThem(String scalar, JsonNode expected) {
        String yaml = "name: s\nbuilder_options:\n  v: " + scalar + "\n";
        boolean refused = expected.has("error") || expected.get("type").asText().startsWith("date");
        if (refused) {
            // PyYAML refuses it too, or makes a date, which has no value here (flytekit would hash its repr)
            assertThatThrownBy(() -> ImageSpecYaml.parse(yaml, false, null, "s.yaml"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("s.yaml");
            return;
        }
        ImageSpec spec = ImageSpecYaml.parse(yaml, false, null, "s.yaml");
        Object options = spec.builderOptions()
                .map(m -> (Object) m)
                .orElseGet(() -> java.util.Collections.singletonMap("v", null));
        assertThat(PythonRepr.render(options))
                .isEqualTo(expected.get("str_in_dict").asText());
    }

    // ---- descriptors and indexes --------------------------------------------------------------

    private static Descriptor readDescriptor(String json) {
        try {
            return Descriptor.read(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "META-INF/imagespec/t.T.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IOException descriptorRefusal(String json) {
        return assertTimeoutPreemptively(QUICK, () -> {
            try {
                readDescriptor(json);
            } catch (UncheckedIOException e) {
                return e.getCause();
            }
            throw new AssertionError("accepted");
        });
    }

    private static String descriptor(String specJson, String className) {
        return "{\"format\": \"" + Descriptor.FORMAT + "\", \"class\": " + className
                + ", \"id\": \"i\", \"tag\": \"t\"," + " \"image_name\": \"n:t\", \"spec\": " + specJson + "}";
    }

    @Test
    void aDescriptorNestedTwentyThousandDeepIsRefused() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        oneLineNaming(
                descriptorRefusal(descriptor("{\"builder_options\": {\"a\": " + deep + "}}", "\"t.T\"")),
                "META-INF/imagespec/t.T.json",
                "nesting deeper than " + InputLimits.MAX_DEPTH);
        assertThatThrownBy(() -> Descriptor.readIndex(
                        new ByteArrayInputStream(
                                ("{\"format\": \"" + Descriptor.FORMAT + "\", \"classes\": " + deep + "}")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "jar:x!/META-INF/imagespec/index.json"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("index.json")
                .hasMessageContaining("nesting");
        assertThatThrownBy(() -> JsonTree.read(deep))
                .isInstanceOf(IOException.class)
                .hasMessage("nesting deeper than " + InputLimits.MAX_DEPTH + " levels");
    }

    @Test
    void wrongTypesInADescriptorNameTheFileTheFieldAndWhatWasExpected() {
        oneLineNaming(
                descriptorRefusal(descriptor("{}", "5")),
                "META-INF/imagespec/t.T.json",
                "\"class\"",
                "must be a string",
                "5");
        oneLineNaming(
                descriptorRefusal(descriptor("[1]", "\"t.T\"")),
                "META-INF/imagespec/t.T.json",
                "\"spec\"",
                "must be an object");
        Descriptor d = readDescriptor(descriptor(
                "{\"name\": 5, \"packages\": \"numpy\", \"env\": {\"A\": [1]}," + " \"file_digests\": {\"copy\": 7}}",
                "\"t.T\""));
        assertThatThrownBy(() -> d.toValues(null))
                .isInstanceOf(InvalidImageSpecException.class)
                .hasMessageContaining("META-INF/imagespec/t.T.json")
                .hasMessageContaining("name must be a string, not 5 (Long)")
                .hasMessageContaining("packages must be a list of strings")
                .hasMessageContaining("env entries must be strings")
                .hasMessageContaining("file_digests.copy must be a string");
        assertThatThrownBy(() -> Descriptor.readIndex(
                        new ByteArrayInputStream(
                                ("{\"format\": \"" + Descriptor.FORMAT + "\", \"classes\": [\"a.B\", 7]}")
                                        .getBytes(StandardCharsets.UTF_8)),
                        "index.json"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("index.json")
                .hasMessageContaining("7 (a number)");
    }

    @Test
    void aHugeWrongTypeValueIsQuotedShort() {
        String huge = "\"" + "x".repeat(3_600_000) + "\"";
        Descriptor d = readDescriptor(descriptor("{\"packages\": [1], \"name\": [" + huge + "]}", "\"t.T\""));
        assertThatThrownBy(() -> d.toValues(null))
                .satisfies(e -> assertThat(e.getMessage())
                        .hasSizeLessThan(2000)
                        .contains("name must be a string", "more characters", "packages must be a list of strings"));
        oneLineNaming(descriptorRefusal(descriptor("{}", "[" + huge + "]")), "\"class\"", "more characters");
        oneLineNaming(
                refusal("name: [" + "y".repeat(900_000) + "]\n"),
                "spec.yaml",
                "name must be a string",
                "more characters");
    }

    @Test
    void anOversizedDescriptorIsRefusedUnread() {
        byte[] big = new byte[InputLimits.MAX_DESCRIPTOR_BYTES + 10];
        assertThatThrownBy(() -> Descriptor.read(new ByteArrayInputStream(big), "META-INF/imagespec/t.T.json"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("t.T.json")
                .hasMessageContaining("4 MiB");
    }
}
