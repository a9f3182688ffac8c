package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.BuildCheck;
import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code imagespec build} exits by the kind of failure, never by its message text. */
class BuildExitCodeTest {

    @Test
    void eachKindHasItsExitCode() {
        assertThat(BuildCommand.exitCode(ImageBuildException.Kind.BUILD_FAILED)).isEqualTo(1);
        assertThat(BuildCommand.exitCode(ImageBuildException.Kind.INTERRUPTED)).isEqualTo(1);
        assertThat(BuildCommand.exitCode(ImageBuildException.Kind.EXISTENCE_UNKNOWN))
                .isEqualTo(ExistsCommand.UNKNOWN);
        for (ImageBuildException.Kind kind : ImageBuildException.Kind.values()) {
            assertThat(BuildCommand.exitCode(kind)).isIn(1, 3);
        }
    }

    @Test
    void theExceptionsCarryTheirKind() {
        assertThat(ImageBuildException.toolFailed("buildah build of x", 2, List.of())
                        .kind())
                .isEqualTo(ImageBuildException.Kind.BUILD_FAILED);
        assertThat(ImageBuildException.interrupted("build of x").kind())
                .isEqualTo(ImageBuildException.Kind.INTERRUPTED);
        assertThat(ImageBuildException.interrupted("build of x").wasInterrupted())
                .isTrue();
        // a message that mentions the variable is still just a failed build
        assertThat(new ImageBuildException("set " + ImageSpec.FAST_FAIL_ENV + " to fail").kind())
                .isEqualTo(ImageBuildException.Kind.BUILD_FAILED);
    }

    @Test
    void unknownExistenceWithFastFailIsExistenceUnknown() {
        BuildCheck check = new BuildCheck(
                spec -> Optional.empty(),
                dev.imagespec.runtime.BuildListener.logging(),
                Map.of(ImageSpec.FAST_FAIL_ENV, "true"));
        Assertions.assertThatThrownBy(() -> check.shouldBuild(
                        ImageSpec.builder().name("x").registry("localhost:1").build()))
                .isInstanceOfSatisfying(
                        ImageBuildException.class,
                        e -> assertThat(e.kind()).isEqualTo(ImageBuildException.Kind.EXISTENCE_UNKNOWN));
    }
}
