package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile spec files and descriptors through the command: each is exit 2 within seconds, one line on
 * stderr naming the file (and field), never a hang, a stack trace or an OutOfMemoryError; and YAML
 * means what {@code yaml.safe_load} says it means.
 */
class CliInputsTest {
    private static final Duration QUICK = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static Cli refused(String... args) {
        Cli r = assertTimeoutPreemptively(QUICK, () -> Cli.run(args));
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ImageSpecCommand.BAD_INPUT);
        assertThat(r.err()).startsWith("imagespec: ").doesNotContain("\tat ").endsWith("\n");
        assertThat(r.err().strip()).doesNotContain("\n").hasSizeLessThan(1200);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"describe", "dockerfile", "build --dry-run"})
    void aFiftyMegabyteScalarIsRefusedAtOnce(String command) throws IOException {
        Path file = dir.resolve("scalar.yaml");
        Files.write(file, "a".repeat(50_000_000).getBytes(StandardCharsets.US_ASCII));
        String[] words = command.split(" ");
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = file.toString();
        assertThat(refused(args).err()).contains(file.toString()).contains("1 MiB");
    }

    @Test
    void aSparseThreeGigabyteFileIsRefusedUnread() throws IOException {
        Path file = dir.resolve("sparse.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024);
        }
        assertThat(refused("describe", file.toString()).err())
                .contains(file.toString())
                .contains("3221225472 bytes");
    }

    @Test
    void severalDocumentsAndRepeatedKeysAreRefused() throws IOException {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, "name: a\n---\nname: b\n");
        assertThat(refused("describe", file.toString()).err())
                .contains(file.toString())
                .contains("more than one YAML document");
        Files.writeString(file, "name: a\nenv: {A: x}\nname: b\n");
        assertThat(refused("describe", file.toString()).err()).contains("duplicate key name");
    }

    @Test
    void aliasesAndNanMeanWhatSafeLoadSays() throws IOException {
        Path file = dir.resolve("alias.yaml");
        Files.writeString(file, "name: &n trainer\nenv: {MODE: *n}\nbuilder_options: {x: .nan, y: -.inf}\n");
        Cli r = Cli.run("describe", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // Python's json tokens for the floats JSON has no number for, as json.dumps writes them
        assertThat(r.out()).contains("\"x\" : NaN").contains("\"y\" : -Infinity");
        JsonNode out = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build()
                .readTree(r.out());
        assertThat(out.at("/spec/env/MODE").asText()).isEqualTo("trainer");
        assertThat(out.at("/spec/builder_options/x").isDouble()).isTrue();

        StringBuilder laughs =
                new StringBuilder("name: l\nbuilder_options:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            laughs.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                laughs.append(i > 0 ? ", " : "").append('*').append((char) (c - 1));
            }
            laughs.append("]\n");
        }
        Files.writeString(file, laughs);
        assertThat(refused("describe", file.toString()).err())
                .contains(file.toString())
                .contains("aliases");
    }

    private Path classes(String className, String descriptorJson) throws IOException {
        Path meta = Files.createDirectories(dir.resolve("classes/META-INF/imagespec"));
        Files.writeString(meta.resolve(className + ".json"), descriptorJson);
        Files.writeString(meta.resolve("index.json"), Descriptor.indexJson(List.of(className)));
        return dir.resolve("classes");
    }

    private static String descriptor(String classJson, String specJson) {
        return "{\"format\": \"" + Descriptor.FORMAT + "\", \"class\": " + classJson
                + ", \"id\": \"i\", \"tag\": \"t\"," + " \"image_name\": \"n:t\", \"spec\": " + specJson + "}";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"list", "describe", "exists", "dockerfile", "build --dry-run"})
    void aDescriptorNestedTwentyThousandDeepIsExitTwo(String command) throws IOException {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        Path cp = classes("a.Deep", descriptor("\"a.Deep\"", "{\"builder_options\": {\"x\": " + deep + "}}"));
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--classpath", cp.toString()));
        assertThat(refused(args.toArray(String[]::new)).err())
                .contains("META-INF/imagespec/a.Deep.json")
                .contains("nesting deeper than");
    }

    @Test
    void wrongTypesInADescriptorNameTheFileAndTheField() throws IOException {
        Path cp = classes("a.Bad", descriptor("\"a.Bad\"", "{\"name\": 5, \"packages\": [\"x\"]}"));
        assertThat(refused("list", "--classpath", cp.toString()).err())
                .contains("a.Bad")
                .contains("META-INF/imagespec/a.Bad.json")
                .contains("name must be a string, not 5 (Long)");

        Files.writeString(dir.resolve("classes/META-INF/imagespec/a.Bad.json"), descriptor("7", "{}"));
        assertThat(refused("list", "--classpath", cp.toString()).err())
                .contains("META-INF/imagespec/a.Bad.json")
                .contains("\"class\" must be a string, not 7 (a number)");

        String huge = "\"" + "x".repeat(3_600_000) + "\"";
        Files.writeString(
                dir.resolve("classes/META-INF/imagespec/a.Bad.json"),
                descriptor("\"a.Bad\"", "{\"name\": [" + huge + "]}"));
        assertThat(refused("list", "--classpath", cp.toString()).err())
                .contains("name must be a string")
                .contains("more characters");
    }

    @Test
    void aRelativeCopyFromAnotherDirectoryNamesTheProjectDirectory() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("data-" + dir.getFileName()));
        Files.writeString(project.resolve("data-" + dir.getFileName()).resolve("f.txt"), "x");
        Path spec = project.resolve("spec.yaml");
        // a registry nothing listens on: the check must come first, before any registry is asked
        Files.writeString(
                spec, "name: c\nregistry: 127.0.0.1:9\nbuilder: cli-test\ncopy: [data-" + dir.getFileName() + "]\n");

        Cli r = refused("build", spec.toString());
        assertThat(r.err())
                .contains("copy \"data-" + dir.getFileName() + "\" does not exist")
                .contains("looked at")
                .contains("--project-dir");

        Cli fixed = Cli.run("build", spec.toString(), "--project-dir", project.toString());
        assertThat(fixed.exitCode()).as(fixed.err()).isZero();
        assertThat(fixed.out()).contains("\tassumed\t");
    }

    @Test
    void aMissingRelativeRequirementsFileNamesTheProjectDirectory() throws IOException {
        Path spec = dir.resolve("req.yaml");
        Files.writeString(
                spec, "name: r\npackages: [numpy]\nrequirements: requirements-" + dir.getFileName() + ".txt\n");
        assertThat(refused("describe", spec.toString()).err())
                .contains("does not exist")
                .contains("--project-dir");
    }

    @Test
    void theJsonOfAnImageSpecReadsBackWithNanTokens() throws IOException {
        ImageSpec spec = ImageSpec.builder()
                .name("n")
                .builderOptions(java.util.Map.of("x", Double.NaN))
                .build();
        Path file = dir.resolve("n.json");
        Files.writeString(file, dev.imagespec.runtime.ImageSpecYaml.writeJson(spec));
        Cli r = Cli.run("describe", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(new ObjectMapper()
                        .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
                        .readTree(r.out())
                        .get("id")
                        .asText())
                .isEqualTo(spec.id());
    }
}
