package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagespec.runtime.packaging.InvalidRequirementException;
import dev.imagespec.runtime.packaging.InvalidSpecifierException;
import dev.imagespec.runtime.packaging.InvalidVersionException;
import dev.imagespec.runtime.packaging.Requirement;
import dev.imagespec.runtime.packaging.SpecifierSet;
import dev.imagespec.runtime.packaging.Version;
import dev.imagespec.runtime.text.InputText;
import dev.imagespec.testing.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code pep440.json}. */
class Pep440VectorTest {

    private static final String FILE = "pep440.json";

    static Stream<Named<JsonNode>> versions() {
        return Vectors.cases(
                FILE, "versions", c -> InputText.quote(c.get("input").asText()));
    }

    static Stream<Named<JsonNode>> specifiers() {
        return Vectors.cases(
                FILE,
                "specifiers",
                c -> InputText.quote(c.get("specifier").asText()
                        + (c.has("version") ? " contains " + c.get("version").asText() : " syntax")));
    }

    static Stream<Named<JsonNode>> requirements() {
        return Vectors.cases(
                FILE, "requirements", c -> InputText.quote(c.get("input").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void versions(JsonNode c) {
        String input = c.get("input").asText();
        if (!c.get("valid").asBoolean()) {
            assertThatThrownBy(() -> Version.parse(input))
                    .isInstanceOfSatisfying(
                            InvalidVersionException.class,
                            e -> assertThat(e.input()).isEqualTo(input))
                    .hasMessageContaining(InputText.quote(input));
            assertThat(Version.isValid(input)).isFalse();
            return;
        }
        Version v = Version.parse(input);
        assertThat(v.toString()).isEqualTo(c.get("normalized").asText());
        assertThat(v.epoch()).isEqualTo(big(c.get("epoch")));
        List<BigInteger> release = new ArrayList<>();
        c.get("release").forEach(n -> release.add(big(n)));
        assertThat(v.release()).isEqualTo(release);
        JsonNode pre = c.get("pre");
        assertThat(v.pre())
                .isEqualTo(
                        pre.isNull()
                                ? Optional.empty()
                                : Optional.of(new Version.PreRelease(pre.get(0).asText(), big(pre.get(1)))));
        assertThat(v.post()).isEqualTo(optionalBig(c.get("post")));
        assertThat(v.dev()).isEqualTo(optionalBig(c.get("dev")));
        assertThat(v.local()).isEqualTo(Optional.ofNullable(Vectors.text(c, "local")));
        assertThat(v.publicVersion()).isEqualTo(c.get("public").asText());
        assertThat(v.baseVersion()).isEqualTo(c.get("base_version").asText());
        assertThat(v.isPrerelease()).isEqualTo(c.get("is_prerelease").asBoolean());
        assertThat(v.isPostrelease()).isEqualTo(c.get("is_postrelease").asBoolean());
        assertThat(v.isDevrelease()).isEqualTo(c.get("is_devrelease").asBoolean());
        assertThat(v.major()).isEqualTo(big(c.get("major")));
        assertThat(v.minor()).isEqualTo(big(c.get("minor")));
        assertThat(v.micro()).isEqualTo(big(c.get("micro")));
        assertThat(Version.parse(v.toString())).isEqualTo(v).hasSameHashCodeAs(v);
    }

    @Test
    void ordering() {
        JsonNode ordering = Vectors.read(FILE).get("ordering");
        List<Version> sorted = new ArrayList<>();
        ordering.get("input").forEach(n -> sorted.add(Version.parse(n.asText())));
        sorted.sort(null);
        List<Version> expected = new ArrayList<>();
        ordering.get("sorted").forEach(n -> expected.add(Version.parse(n.asText())));
        assertThat(sorted).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            // Compare with compareTo, not by position: 1.0 and 1.0.0 are equal.
            assertThat(sorted.get(i).compareTo(expected.get(i)))
                    .as("position %d: %s vs %s", i, sorted.get(i), expected.get(i))
                    .isZero();
            if (i > 0) {
                assertThat(expected.get(i - 1)).isLessThanOrEqualTo(expected.get(i));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void specifiers(JsonNode c) {
        String text = c.get("specifier").asText();
        if (c.has("valid") && !c.get("valid").asBoolean()) {
            assertThatThrownBy(() -> SpecifierSet.parse(text))
                    .isInstanceOfSatisfying(
                            InvalidSpecifierException.class,
                            e -> assertThat(e.input()).isEqualTo(text))
                    .hasMessageContaining(InputText.quote(text));
            return;
        }
        SpecifierSet set = SpecifierSet.parse(text);
        assertThat(SpecifierSet.parse(set.toString())).isEqualTo(set);
        if (!c.has("version")) {
            return;
        }
        String version = c.get("version").asText();
        assertThat(set.contains(Version.parse(version)))
                .isEqualTo(c.get("contains").asBoolean());
        assertThat(set.contains(version)).isEqualTo(c.get("contains").asBoolean());
        boolean withPre = c.get("contains_prereleases").asBoolean();
        assertThat(set.contains(Version.parse(version), true)).isEqualTo(withPre);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void requirements(JsonNode c) {
        String input = c.get("input").asText();
        if (!c.get("valid").asBoolean()) {
            assertThatThrownBy(() -> Requirement.parse(input))
                    .isInstanceOfSatisfying(
                            InvalidRequirementException.class,
                            e -> assertThat(e.input()).isEqualTo(input))
                    .hasMessageContaining(InputText.quote(input));
            return;
        }
        Requirement r = Requirement.parse(input);
        assertThat(r.name()).isEqualTo(c.get("name").asText());
        List<String> extras = new ArrayList<>();
        c.get("extras").forEach(n -> extras.add(n.asText()));
        assertThat(r.extras()).isEqualTo(extras);
        assertThat(r.specifier().toString()).isEqualTo(c.get("specifier").asText());
        assertThat(r.url()).isEqualTo(Optional.ofNullable(Vectors.text(c, "url")));
        assertThat(r.marker()).isEqualTo(Optional.ofNullable(Vectors.text(c, "marker")));
        assertThat(Requirement.parse(r.toString())).isEqualTo(r);
    }

    private static BigInteger big(JsonNode n) {
        return n.bigIntegerValue();
    }

    private static Optional<BigInteger> optionalBig(JsonNode n) {
        return n.isNull() ? Optional.empty() : Optional.of(n.bigIntegerValue());
    }
}
