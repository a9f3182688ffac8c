package dev.imagespec.benchmarks;

import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code registry}: {@code ImageExistence.checkAll} of N specs (half of their images pushed) against a
 * real local registry (Debian's {@code docker-registry} on 127.0.0.1, as the tests start it) vs
 * {@code spec.existence()} one by one, through the same shared client, after a warm-up; then a loop of
 * {@code skopeo inspect --raw} over the same images, for reference. Replaces the registry module's
 * former {@code RegistryBulkBenchmark}.
 */
final class RegistryBenchmark {
    private RegistryBenchmark() {}

    static boolean run(boolean quick) throws Exception {
        int tags = quick ? 40 : 500;
        int skopeo = quick ? 10 : 100;
        System.out.printf(
                "registry: existence of %d images (half present) against a local registry:"
                        + " checkAll vs one by one; skopeo inspect --raw loop over %d%n",
                tags, skopeo);
        try (LocalRegistry registry = LocalRegistry.withoutAuth().start()) {
            List<ImageSpec> specs = specs(registry, "bench", tags, true);
            List<ImageSpec> warmUp = specs(registry, "warm", 20, false);
            ImageExistence.checkAll(warmUp); // connections, JIT, the client itself
            warmUp.forEach(ImageSpec::existence);

            long start = System.nanoTime();
            int presentOneByOne = 0;
            for (ImageSpec spec : specs) {
                presentOneByOne += spec.existence().isPresent() ? 1 : 0;
            }
            double sequential = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            Map<ImageSpec, Existence> all = ImageExistence.checkAll(specs);
            double bulk = (System.nanoTime() - start) / 1e6;
            long presentBulk =
                    all.values().stream().filter(Existence::isPresent).count();
            if (presentOneByOne != tags / 2 || presentBulk != tags / 2) {
                throw new IllegalStateException("expected " + tags / 2 + " present, got " + presentOneByOne
                        + " one by one and " + presentBulk + " with checkAll: " + all.values());
            }

            start = System.nanoTime();
            for (ImageSpec spec : specs.subList(0, skopeo)) {
                Bench.runAllowingFailure(
                        List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + spec.imageName()),
                        null);
            }
            double perSkopeo = (System.nanoTime() - start) / 1e6 / skopeo;

            Bench.say("one by one: %.0f ms (%.2f ms per image)", sequential, sequential / tags);
            Bench.say("checkAll: %.0f ms (%.2f ms per image)", bulk, bulk / tags);
            Bench.say(
                    "skopeo inspect --raw loop: %.1f ms per image, %.0f ms for %d (extrapolated from %d): %.0fx checkAll's time",
                    perSkopeo, perSkopeo * tags, tags, skopeo, perSkopeo * tags / bulk);
            return Bench.verdict("registry speed-up checkAll vs one by one", sequential / bulk, ">=", 5, "x") || quick;
        }
    }

    /** {@code count} specs in {@code registry/<repo>}, every other one pushed when {@code push}. */
    private static List<ImageSpec> specs(LocalRegistry registry, String repo, int count, boolean push)
            throws Exception {
        TestImages.pushBusybox(registry, repo + "/app", "seed");
        List<ImageSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ImageSpec spec = ImageSpec.builder()
                    .name("app")
                    .registry(registry.hostPort() + "/" + repo)
                    .packages("numpy==1." + i + ".0")
                    .build();
            specs.add(spec);
            if (push && i % 2 == 0) {
                TestImages.tag(registry, repo + "/app", "seed", spec.tag());
            }
        }
        return specs;
    }
}
