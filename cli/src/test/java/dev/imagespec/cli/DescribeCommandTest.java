package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagespec.runtime.hash.PythonRepr;
import dev.imagespec.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The YAML/JSON route of the flytekit vectors, through {@code imagespec describe}. */
class DescribeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * YAML as PyYAML's {@code yaml.dump} writes floats ({@code 1.0e+20}): Jackson's own {@code 1.0E20} is a
     * string to PyYAML's YAML 1.1 resolver, and so to the CLI, which reads YAML as flytekit does.
     */
    private static final ObjectMapper PYYAML_STYLE = new YAMLMapper()
            .registerModule(new SimpleModule().addSerializer(Double.class, new StdSerializer<Double>(Double.class) {
                private static final long serialVersionUID = 1L;

                @Override
                public void serialize(Double d, JsonGenerator g, SerializerProvider p) throws IOException {
                    String repr = PythonRepr.render(d);
                    g.writeNumber(repr.contains(".") || !repr.contains("e") ? repr : repr.replaceFirst("e", ".0e"));
                }
            }));

    static Stream<Arguments> specs() {
        // ops are API calls, not file content
        return Vectors.specCases()
                .filter(a -> !((JsonNode) a.get()[1]).has("ops"))
                .flatMap(a -> Stream.of("yaml", "json").map(f -> Arguments.of(a.get()[0], a.get()[1], f)));
    }

    @ParameterizedTest(name = "{0} as {2}")
    @MethodSource("specs")
    void describeMatchesFlytekit(String name, JsonNode c, String format, @TempDir Path dir) throws IOException {
        Vectors.writeFiles(c, dir);
        Path file = dir.resolve("spec." + format);
        Files.writeString(
                file,
                format.equals("yaml")
                        ? PYYAML_STYLE.writeValueAsString(JSON.treeToValue(c.get("spec"), Object.class))
                        : JSON.writeValueAsString(c.get("spec")));
        Cli r = Cli.run("describe", file.toString(), "--project-dir", dir.toString());
        JsonNode expected = c.get("expected");
        if (expected.has("error")) {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("imagespec: ").contains("sourceRoot").doesNotContain("\tat ");
            return;
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        if (!expected.get("id").isNull()) {
            assertThat(out.get("id").asText()).isEqualTo(expected.get("id").asText());
        }
        assertThat(out.get("tag").asText()).isEqualTo(expected.get("tag").asText());
        assertThat(out.get("image_name").asText())
                .isEqualTo(expected.get("image_name").asText());
    }

    @Test
    void badFieldIsOneLineNamingFileAndField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: x\nregistry: https://ghcr.io/acme\n");
        Cli r = Cli.run("describe", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .contains(file.toString())
                .contains("registry \"https://ghcr.io/acme\" must not contain a scheme; write \"ghcr.io/acme\"");
    }

    @Test
    void pythonVersionWrittenAsANumberIsCaught(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, "python_version: 3.10\n");
        Cli r = Cli.run("describe", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("python_version must be a string").contains("3.10");
    }

    @Test
    void verboseShowsTheStackTrace(@TempDir Path dir) {
        Cli r = Cli.run("--verbose", "describe", dir.resolve("missing.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ").contains("does not exist");
    }

    @Test
    void describeAndListCompiledDescriptors(@TempDir Path dir) throws IOException {
        Path meta = dir.resolve("classes/META-INF/imagespec");
        Files.createDirectories(meta);
        dev.imagespec.runtime.ImageSpec spec = dev.imagespec.runtime.ImageSpec.builder()
                .name("trainer")
                .registry("ghcr.io/acme")
                .pythonVersion("3.9")
                .build();
        Files.writeString(
                meta.resolve("a.Train.json"),
                dev.imagespec.runtime.descriptor.Descriptor.of("a.Train", spec.values())
                        .toJson());
        Files.writeString(
                meta.resolve("index.json"), dev.imagespec.runtime.descriptor.Descriptor.indexJson(List.of("a.Train")));
        Cli list = Cli.run("list", "--classpath", dir.resolve("classes").toString());
        assertThat(list.out()).isEqualTo("a.Train\tghcr.io/acme/trainer:PKFKFU8_WPhscRbatoaFag\n");
        Cli one = Cli.run("describe", "--classpath", dir.resolve("classes").toString(), "--class", "a.Train");
        assertThat(JSON.readTree(one.out()).get("id").asText()).isEqualTo("PKFKFU8-WPhscRbatoaFag");
        Cli missing = Cli.run("describe", "--classpath", dir.resolve("classes").toString(), "--class", "b.Nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("b.Nope").contains("a.Train");
    }
}
