package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.testing.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every spec case flytekit computed: the runtime builder route (field map → ImageSpec → id, tag, image name). */
class FlytekitSpecVectorsTest {

    static Stream<Arguments> specs() {
        return Vectors.specCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void matchesFlytekit(String name, JsonNode c, @TempDir Path dir) throws IOException {
        Vectors.writeFiles(c, dir);
        JsonNode expected = c.get("expected");
        if (expected.has("error")) {
            assertThatThrownBy(() -> build(c, dir).tag()).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        ImageSpec spec = build(c, dir);
        if (!expected.get("id").isNull()) {
            assertThat(spec.id()).as("id").isEqualTo(expected.get("id").asText());
        }
        assertThat(spec.tag()).as("tag").isEqualTo(expected.get("tag").asText());
        assertThat(spec.imageName())
                .as("image_name")
                .isEqualTo(expected.get("image_name").asText());
    }

    private static ImageSpec build(JsonNode c, Path dir) {
        return Vectors.applyOps(
                c,
                ImageSpec.of(
                        SpecMapper.fromMap(Vectors.fields(c), dir, c.get("case").asText())));
    }
}
