package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.registry.Existence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** "Could not check whether image ... exists" says why, as {@code imagespec exists} does. */
class BuildCheckReasonTest {
    private static final ImageSpec SPEC =
            ImageSpec.builder().name("x").registry("localhost:1").build();
    private static final String WHY = "cannot connect to localhost:1 (connection refused); is the registry running?";

    private static BuildListener into(List<String> messages) {
        return new BuildListener() {
            @Override
            public void output(String line) {}

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
    }

    @Test
    void theAssumptionCarriesTheReason() {
        List<String> messages = new CopyOnWriteArrayList<>();
        BuildCheck check = BuildCheck.withExistence(s -> Existence.unknown(0, WHY), into(messages), Map.of());
        assertThat(check.shouldBuild(SPEC)).isFalse();
        assertThat(messages)
                .singleElement()
                .asString()
                .startsWith(
                        "Could not check whether image " + SPEC.imageName() + " exists: " + WHY + "; assuming it does");
    }

    @Test
    void theFastFailCarriesTheReason() {
        BuildCheck check = BuildCheck.withExistence(
                s -> Existence.unknown(0, WHY),
                into(new CopyOnWriteArrayList<>()),
                Map.of(ImageSpec.FAST_FAIL_ENV, "true"));
        assertThatThrownBy(() -> check.shouldBuild(SPEC))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining(WHY);
    }

    @Test
    void theEngineSaysWhyByDefaultAndWithoutAReasonStillAnswers() {
        List<String> messages = new CopyOnWriteArrayList<>();
        ImageBuildEngine engine = ImageBuildEngine.builder()
                .listener(into(messages))
                .environment(Map.of())
                .existence(s -> Existence.unknown(0, WHY))
                .build();
        engine.register(
                "noop-test",
                spec -> {
                    throw new AssertionError("not built: assumed present");
                },
                9);
        assertThat(engine.build(SPEC).outcome()).isEqualTo(BuildResult.Outcome.ASSUMED_PRESENT);
        assertThat(messages).anyMatch(m -> m.contains(WHY));

        List<String> plain = new CopyOnWriteArrayList<>();
        new BuildCheck(s -> Optional.empty(), into(plain), Map.of()).shouldBuild(SPEC);
        assertThat(plain)
                .singleElement()
                .asString()
                .startsWith("Could not check whether image " + SPEC.imageName() + " exists; assuming it does");
    }
}
