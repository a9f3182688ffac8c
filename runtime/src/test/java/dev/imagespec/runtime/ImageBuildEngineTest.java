package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.BuildResult.Outcome;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** flytekit's engine rules, with builders and existence checks passed in (no tools run). */
class ImageBuildEngineTest {

    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

    private ImageBuildEngine engine(Optional<Boolean> exists, Map<String, String> env) {
        return ImageBuildEngine.builder()
                .presence(spec -> exists)
                .listener(messages::add)
                .environment(env)
                .build();
    }

    /** Records the specs it builds; returns {@code name} when set. */
    static class Recording implements ImageSpecBuilder {
        final List<String> built = Collections.synchronizedList(new ArrayList<>());
        final String name;
        boolean supported = true;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public Optional<String> buildImage(ImageSpec spec) {
            built.add(spec.name());
            return Optional.ofNullable(name);
        }

        @Override
        public boolean supported() {
            return supported;
        }
    }

    @Test
    void highestSupportedPriorityWinsAndANamedBuilderIsUsed() {
        ImageBuildEngine e = engine(Optional.of(false), Map.of());
        Recording low = new Recording(null);
        Recording high = new Recording(null);
        Recording highest = new Recording(null);
        highest.supported = false;
        e.register("low", low, 1);
        e.register("high", high);
        e.register("highest", highest, 9);
        assertThat(e.registry().get("high").priority()).isEqualTo(5);
        e.build(ImageSpec.builder().name("a").build());
        assertThat(high.built).containsExactly("a");
        e.build(ImageSpec.builder().name("b").builder("low").build());
        assertThat(low.built).containsExactly("b");
    }

    @Test
    void unknownBuilderNameListsTheKnownOnes() {
        ImageBuildEngine e = engine(Optional.of(false), Map.of());
        e.register("default", new Recording(null), 1);
        e.register("noop", new Recording(null), 0);
        assertThatThrownBy(() -> e.build(ImageSpec.builder().builder("envd").build()))
                .hasMessageContaining("image builder \"envd\"")
                .hasMessageContaining("[default, noop]");
    }

    @Test
    void presentSkipsAbsentBuildsForcePushRebuilds() {
        Recording b = new Recording(null);
        ImageBuildEngine present = engine(Optional.of(true), Map.of());
        present.register("r", b);
        ImageSpec spec =
                ImageSpec.builder().name("p").registry("127.0.0.1:5000").build();
        assertThat(present.build(spec).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(b.built).isEmpty();
        assertThat(messages).anyMatch(m -> m.contains("found. Skip building"));
        assertThat(present.build(spec.forcePush()).outcome()).isEqualTo(Outcome.BUILT);
        assertThat(b.built).containsExactly("p");

        ImageBuildEngine absent = engine(Optional.of(false), Map.of());
        absent.register("r", b);
        BuildResult r = absent.build(spec);
        assertThat(r.built()).isTrue();
        assertThat(r.imageName()).isEqualTo(spec.imageName());
        assertThat(r.builderType()).isEqualTo("r");
    }

    @Test
    void unknownIsAssumedPresentUnlessFastFail() {
        Recording b = new Recording(null);
        ImageSpec spec = ImageSpec.builder().name("u").build();
        ImageBuildEngine lenient = engine(Optional.empty(), Map.of());
        lenient.register("r", b);
        assertThat(lenient.build(spec).outcome()).isEqualTo(Outcome.ASSUMED_PRESENT);
        assertThat(messages).anyMatch(m -> m.contains("assuming it does"));

        ImageBuildEngine strict = engine(Optional.empty(), Map.of("FLYTE_IMG_FAST_FAIL", "True"));
        strict.register("r", b);
        assertThatThrownBy(() -> strict.build(spec))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("FLYTE_IMG_FAST_FAIL is true");
        assertThat(b.built).isEmpty();
    }

    @Test
    void baseSpecIsBuiltFirstAndTheRealNameIsRecorded() {
        Recording b = new Recording(null) {
            @Override
            public Optional<String> buildImage(ImageSpec spec) {
                super.buildImage(spec);
                // Like a builder that pushes under a digest: the base maps to its real name.
                return spec.name().equals("engine-base")
                        ? Optional.of("127.0.0.1:5000/engine-base@sha256:" + "0".repeat(64))
                        : Optional.empty();
            }
        };
        ImageBuildEngine e = engine(Optional.of(false), Map.of());
        e.register("r", b);
        ImageSpec base = ImageSpec.builder()
                .name("engine-base")
                .registry("127.0.0.1:5000")
                .build();
        ImageSpec child = ImageSpec.builder()
                .name("engine-child")
                .registry("127.0.0.1:5000")
                .baseSpec(base)
                .build();
        String before = base.imageName();
        e.build(child);
        assertThat(b.built).containsExactly("engine-base", "engine-child");
        assertThat(before).isNotEqualTo(base.imageName());
        assertThat(base.imageName()).isEqualTo("127.0.0.1:5000/engine-base@sha256:" + "0".repeat(64));
        // Built once per engine: the base is not built again for a second child.
        e.build(ImageSpec.builder()
                .name("engine-child2")
                .registry("127.0.0.1:5000")
                .baseSpec(base)
                .build());
        assertThat(b.built).containsExactly("engine-base", "engine-child", "engine-child2");
    }

    @Test
    void concurrentCallsForOneImageBuildOnce() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ImageBuildEngine e = engine(Optional.of(false), Map.of());
        e.register("slow", spec -> {
            builds.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        });
        ImageSpec spec = ImageSpec.builder().name("once").build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BuildResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // Equal specs made separately: the key is the image name, not the object.
                results.add(pool.submit(
                        () -> e.build(ImageSpec.builder().name("once").build())));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<BuildResult> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS).imageName()).isEqualTo(spec.imageName());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(builds.get()).isEqualTo(1);
    }

    @Test
    void aFailedBuildIsRetriedByTheNextCall() {
        AtomicInteger calls = new AtomicInteger();
        ImageBuildEngine e = engine(Optional.of(false), Map.of());
        e.register("flaky", spec -> {
            if (calls.incrementAndGet() == 1) {
                throw new ImageBuildException("boom");
            }
            return Optional.empty();
        });
        ImageSpec spec = ImageSpec.builder().name("flaky").build();
        assertThatThrownBy(() -> e.build(spec)).hasMessage("boom");
        assertThat(e.build(spec).built()).isTrue();
    }

    @Test
    void strictProblemsStopTheBuildBeforeAnyBuilderRuns() {
        Recording b = new Recording(null);
        ImageBuildEngine e = engine(Optional.of(false), Map.of());
        e.register("r", b);
        ImageSpec bad =
                ImageSpec.builder().name("bad").aptPackages("git\nRUN rm -rf /").build();
        assertThatThrownBy(() -> e.build(bad))
                .isInstanceOf(InvalidImageSpecException.class)
                .hasMessageContaining("aptPackages");
        assertThat(b.built).isEmpty();
    }

    @Test
    void insideATaskExecutionNothingIsBuilt() {
        Recording b = new Recording(null);
        ImageBuildEngine e = engine(Optional.of(false), Map.of("FLYTE_INTERNAL_EXECUTION_ID", "x"));
        e.register("r", b);
        assertThat(e.build(ImageSpec.builder().name("in-task").build()).outcome())
                .isEqualTo(Outcome.SKIPPED);
        assertThat(b.built).isEmpty();
    }
}
