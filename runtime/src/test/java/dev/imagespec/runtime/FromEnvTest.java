package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ImageSpec#fromEnv}: the Python version is inferred, so setting one is refused before Python is asked. */
class FromEnvTest {
    @Test
    void pythonVersionCannotBeGivenWithFromEnv() {
        assertThatThrownBy(
                        () -> ImageSpec.fromEnv(List.of(), ImageSpec.builder().pythonVersion("3.9")))
                .hasMessageContaining("pythonVersion \"3.9\" cannot be used with fromEnv");
    }

    @Test
    void aMissingInterpreterSaysHowToPointAtOne() {
        assertThatThrownBy(() -> PythonEnvironment.probe("/nonexistent/python3", List.of("numpy")))
                .hasMessageContaining("IMAGESPEC_PYTHON");
    }
}
