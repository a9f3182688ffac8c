package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** flytekit's registry-name and image-identifier vectors, and the {@link Image} value around them. */
class RegistriesAndImagesVectorsTest {

    static Stream<Arguments> registries() {
        List<Arguments> out = new ArrayList<>();
        Vectors.read("flytekit-imagespec.json")
                .get("registries")
                .forEach(r -> out.add(
                        Arguments.of(r.get("name").asText(), r.get("valid").asBoolean())));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} valid={1}")
    @MethodSource("registries")
    void registryNamesAsFlytekitJudgesThem(String name, boolean valid) {
        assertThat(Registries.validateContainerRegistryName(name.toLowerCase(Locale.ROOT)))
                .isEqualTo(valid);
        ImageSpec.Builder b = ImageSpec.builder().registry(name);
        if (valid && !name.isEmpty()) {
            assertThat(b.build().registry()).contains(name.toLowerCase(Locale.ROOT));
        } else if (!name.isEmpty()) {
            assertThatThrownBy(b::build)
                    .isInstanceOf(InvalidImageSpecException.class)
                    .hasMessageContaining(name);
        }
    }

    static Stream<Arguments> identifiers() {
        List<Arguments> out = new ArrayList<>();
        Vectors.read("flytekit-imagespec.json")
                .get("image_identifiers")
                .forEach(i -> out.add(Arguments.of(i.get("identifier").asText(), i)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifiers")
    void identifiersSplitAsFlytekitSplitsThem(String identifier, JsonNode expected) {
        Image image = Image.lookUpImageInfo("n", identifier, true);
        assertThat(image.fqn()).isEqualTo(expected.get("fqn").asText());
        assertThat(image.tag().orElse(null)).isEqualTo(text(expected.get("tag")));
        assertThat(image.digest().orElse(null)).isEqualTo(text(expected.get("digest")));
        assertThat(Image.fromJson(image.toJson())).isEqualTo(image);
        if (image.tag().isEmpty() && image.digest().isEmpty()) {
            assertThatThrownBy(() -> Image.lookUpImageInfo("n", identifier, false))
                    .hasMessageContaining(identifier)
                    .hasMessageContaining("no tag or digest");
        }
    }

    @Test
    void fullAndVersionPreferTheDigest() {
        Image tagged = Image.withTag("d", "python", "3.11");
        assertThat(tagged.full()).isEqualTo("python:3.11");
        assertThat(tagged.version()).contains("3.11");
        Image pinned = Image.withDigest("d", "xyz.com/abc", "sha256:26c6");
        assertThat(pinned.full()).isEqualTo("xyz.com/abc@sha256:26c6");
        assertThat(pinned.version()).contains("sha256:26c6");
        assertThatThrownBy(() -> Image.fromMap(Map.of("name", "d", "fqn", "p", "tag", "1", "digest", "sha256:x")))
                .hasMessageContaining("both tag \"1\" and digest");
        assertThatThrownBy(() -> Image.fromMap(Map.of("name", "d", "fqn", "p", "size", "1")))
                .hasMessageContaining("unknown Image field \"size\"");
    }

    @Test
    void jsonSchemaIsJsonAndRequiresNameAndFqn() throws IOException {
        Object schema = dev.imagespec.runtime.descriptor.JsonTree.read(Image.jsonSchema());
        assertThat(schema)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("required", List.of("name", "fqn"))
                .containsKey("properties");
        assertThat(Image.withTag("d", "python", "3.11").toMap()).containsOnlyKeys("name", "fqn", "tag", "digest");
    }

    @Test
    void lookUpImageInfoReadsAnImageSpecYamlFile(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("spec.yaml");
        Files.writeString(yaml, "name: trainer\npython_version: \"3.9\"\nregistry: ghcr.io/acme\n");
        Image image = Image.lookUpImageInfo("default", yaml.toString(), false);
        assertThat(image.full()).isEqualTo("ghcr.io/acme/trainer:PKFKFU8_WPhscRbatoaFag");
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
