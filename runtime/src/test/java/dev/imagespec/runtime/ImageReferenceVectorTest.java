package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.reference.InvalidImageReferenceException;
import dev.imagespec.runtime.text.InputText;
import dev.imagespec.testing.Vectors;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code image-reference.json}. */
class ImageReferenceVectorTest {

    static Stream<Named<JsonNode>> parse() {
        return Vectors.cases(
                "image-reference.json",
                "parse",
                c -> InputText.quote(c.get("input").asText()));
    }

    static Stream<Named<JsonNode>> parseNormalized() {
        return Vectors.cases(
                "image-reference.json",
                "parse_normalized",
                c -> InputText.quote(c.get("input").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void parse(JsonNode c) {
        check(c, ImageReference::parse);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void parseNormalized(JsonNode c) {
        check(c, ImageReference::parseNormalized);
    }

    private static void check(JsonNode c, Function<String, ImageReference> parser) {
        String input = c.get("input").asText();
        if (!c.get("valid").asBoolean()) {
            assertThatThrownBy(() -> parser.apply(input))
                    .isInstanceOfSatisfying(InvalidImageReferenceException.class, e -> {
                        assertThat(e.reason().code()).isEqualTo(c.get("error").asText());
                        assertThat(e.input()).isEqualTo(input);
                        assertThat(e.getMessage()).contains(InputText.quote(input));
                    });
            return;
        }
        ImageReference ref = parser.apply(input);
        String domain = c.get("domain").asText();
        assertThat(ref.domain()).isEqualTo(domain.isEmpty() ? Optional.empty() : Optional.of(domain));
        assertThat(ref.path()).isEqualTo(c.get("path").asText());
        assertThat(ref.tag()).isEqualTo(Optional.ofNullable(Vectors.text(c, "tag")));
        assertThat(ref.digest()).isEqualTo(Optional.ofNullable(Vectors.text(c, "digest")));
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }
}
