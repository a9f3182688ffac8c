package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ImageSpec#exist()} with no registry to answer; against a real one, see {@link ImageSpecExistIT}. */
class ImageSpecExistTest {
    @Test
    void unknownWhenTheRegistryIsDown() {
        ImageSpec spec = ImageSpec.builder().name("x").registry("127.0.0.1:9").build();
        assertThat(spec.exist()).isEmpty();
        assertThat(spec.existence().reason()).get().asString().isNotBlank();
    }
}
