package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builders this module registers, as the engine finds and runs them (no tools run). */
class BuildersInEngineTest {

    private static ImageBuildEngine engine(Optional<Boolean> exists, Map<String, String> env) {
        return ImageBuildEngine.builder()
                .presence(spec -> exists)
                .environment(env)
                .build();
    }

    @Test
    void serviceLoaderFindsDefaultAtOneAndNoopAtZero() {
        ImageBuildEngine e =
                ImageBuildEngine.builder().discover(getClass().getClassLoader()).build();
        assertThat(e.registry()).containsKeys("default", "noop");
        assertThat(e.registry().get("default").priority()).isEqualTo(1);
        assertThat(e.registry().get("noop").priority()).isEqualTo(0);
        assertThat(e.registry().get("default").builder()).isInstanceOf(DefaultImageBuilder.class);
        assertThat(e.registry().get("noop").builder()).isInstanceOf(NoopImageBuilder.class);
        assertThatThrownBy(() -> e.registry().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noopReturnsTheBaseImageAndNamesFieldsItCannotHonour() {
        ImageBuildEngine e = engine(Optional.of(true), Map.of());
        e.register("noop", new NoopImageBuilder(), 0);
        ImageSpec spec = ImageSpec.builder()
                .name("noop-spec")
                .baseImage("localhost:30000/flytekit")
                .builder("noop")
                .runtimePackages("numpy")
                .build();
        // noop always "builds" (flytekit), even when the image exists.
        BuildResult r = e.build(spec);
        assertThat(r.built()).isTrue();
        assertThat(r.imageName()).isEqualTo("localhost:30000/flytekit");
        assertThat(spec.imageName()).isEqualTo("localhost:30000/flytekit");

        assertThatThrownBy(() -> new NoopImageBuilder()
                        .buildImage(ImageSpec.builder().name("n").build()))
                .hasMessageContaining("the noop builder needs baseImage");
        assertThatThrownBy(() -> new NoopImageBuilder()
                        .buildImage(ImageSpec.builder()
                                .name("n")
                                .baseImage("python:3.12")
                                .commands("echo")
                                .env("A", "1")
                                .build()))
                .hasMessageContaining("env cannot be honoured by the noop builder")
                .hasMessageContaining("commands cannot be honoured by the noop builder");
    }

    /** flytekit's test_noop_builder_error, base_image=ImageSpec(base_image="another_none"): refused, not its image name. */
    @Test
    void noopRefusesANestedBaseSpec() {
        ImageSpec nested = ImageSpec.builder()
                .name("n")
                .builder("noop")
                .baseSpec(ImageSpec.builder()
                        .name("another")
                        .baseImage("another_none")
                        .build())
                .build();
        assertThatThrownBy(() -> new NoopImageBuilder().buildImage(nested))
                .isInstanceOf(dev.imagespec.runtime.spec.InvalidImageSpecException.class)
                .hasMessageContaining("baseImage must be an image name (a string) to use the noop builder")
                .hasMessageContaining("not the spec \"another\"");
        assertThat(NoopBuilderRules.check(nested).errors())
                .extracting(p -> p.field())
                .containsExactly("baseImage");
        // flytekit's test_noop_builder: a string base image is the image
        assertThat(new NoopImageBuilder()
                        .buildImage(ImageSpec.builder()
                                .name("n")
                                .baseImage("localhost:30000/flytekit")
                                .build()))
                .contains("localhost:30000/flytekit");
    }
}
