package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each builder cannot honour: one rule class per builder, each problem an ERROR on its member. */
class BuilderRulesTest {

    @Test
    void defaultBuilderBuildsSeveralPlatformsEachNamedOnce() {
        ImageSpec one = ImageSpec.builder().name("x").platform("linux/arm64").build();
        assertThat(DefaultBuilderRules.check(one).isEmpty()).isTrue();
        ImageSpec two = ImageSpec.builder()
                .name("x")
                .platform("linux/amd64,linux/arm64")
                .build();
        assertThat(DefaultBuilderRules.check(two).isEmpty()).isTrue();
        ImageSpec twice = ImageSpec.builder()
                .name("x")
                .platform("linux/amd64,linux/arm64,linux/amd64")
                .build();
        assertThat(DefaultBuilderRules.check(twice).problems())
                .singleElement()
                .isEqualTo(new Problem(
                        "platform",
                        -1,
                        Severity.ERROR,
                        "linux/amd64,linux/arm64,linux/amd64",
                        BuilderMessages.repeatedPlatform("linux/amd64,linux/arm64,linux/amd64", "linux/amd64")));
    }

    @Test
    void defaultBuilderRefusesUnknownBuilderConfigAndControlCharactersInEnv() {
        ImageSpec ok = ImageSpec.builder()
                .name("x")
                .builderConfig(Map.of("uv_image", "ghcr.io/astral-sh/uv:0.5.1"))
                .env("A", "tab-free")
                .build();
        assertThat(DefaultBuilderRules.check(ok).problems()).isEmpty();
        ImageSpec bad = ImageSpec.builder()
                .name("x")
                .builderConfig(Map.of("uv_image", "uv image"))
                .env("A", "a\u2028b")
                .build();
        assertThat(DefaultBuilderRules.check(bad).problems())
                .extracting(Problem::field)
                .containsExactly("builderConfig", "env");
        assertThat(DefaultBuilderRules.check(bad).hasErrors()).isTrue();
    }

    @Test
    void noopBuilderNeedsABaseImageAndNoContent() {
        ImageSpec ok = ImageSpec.builder()
                .name("n")
                .baseImage("python:3.12")
                .runtimePackages("numpy")
                .build();
        assertThat(NoopBuilderRules.check(ok).isEmpty()).isTrue();
        ImageSpec bad = ImageSpec.builder().name("n").packages("numpy").build();
        assertThat(NoopBuilderRules.check(bad).problems())
                .extracting(Problem::message)
                .containsExactly(BuilderMessages.noopNeedsBaseImage(), BuilderMessages.noopCannotHonour("packages"));
        assertThat(NoopBuilderRules.check(bad).errors())
                .extracting(Problem::field)
                .containsExactly("baseImage", "packages");
    }
}
