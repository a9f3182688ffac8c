package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ImageSpec#exist()} against a real registry on loopback: the spec's own computed name is looked up.
 * Without a registry, see {@link ImageSpecExistTest}.
 */
class ImageSpecExistIT {
    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static ImageSpec spec(String name) {
        return ImageSpec.builder()
                .name(name)
                .registry(REGISTRY.hostPort())
                .packages("numpy")
                .build();
    }

    @Test
    void presentAfterPushAbsentBefore() throws Exception {
        ImageSpec spec = spec("exist-me");
        assertThat(spec.exist()).contains(false);
        TestImages.pushBusybox(REGISTRY, "exist-me", spec.tag());
        assertThat(spec.exist()).contains(true);
        assertThat(spec.existence().digest()).get().asString().startsWith("sha256:");
    }

    @Test
    void existAllAnswersEachSpecInOrder() throws Exception {
        ImageSpec here = spec("bulk-here");
        ImageSpec missing = spec("bulk-missing");
        TestImages.pushBusybox(REGISTRY, "bulk-here", here.tag());
        Map<ImageSpec, Existence> answers = ImageExistence.checkAll(List.of(missing, here));
        assertThat(answers.keySet()).containsExactly(missing, here);
        assertThat(answers.get(here).isPresent()).isTrue();
        assertThat(answers.get(missing).isAbsent()).isTrue();
    }
}
