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
 * {@code registry-latency}: {@code existAll} ({@link ImageExistence#checkAll}) of N specs, half of their
 * images pushed, against the local registry behind a {@link DelayProxy} that adds {@value #DELAY_MS} ms
 * each way (a 40 ms round trip, and one more for each new connection), vs {@code spec.existence()} one
 * by one through the same client; then a sample of {@code skopeo inspect --raw} runs through the same
 * proxy, reported. The registry's own answers take about a millisecond: the figure is how well
 * {@code existAll} overlaps the network's wait.
 */
final class RegistryLatencyBenchmark {
    static final long DELAY_MS = 20;
    static final double TARGET = 10;

    private RegistryLatencyBenchmark() {}

    static boolean run(boolean quick) throws Exception {
        int tags = quick ? 40 : 500;
        int skopeo = quick ? 3 : 20;
        System.out.printf(
                "registry-latency: existence of %d images (half present) through a proxy adding %d ms each way:"
                        + " existAll vs one by one; skopeo inspect --raw over %d%n",
                tags, DELAY_MS, skopeo);
        try (LocalRegistry registry = LocalRegistry.withoutAuth().start();
                DelayProxy proxy = DelayProxy.start(registry.port(), DELAY_MS)) {
            String host = "127.0.0.1:" + proxy.port();
            List<ImageSpec> specs = specs(registry, host, "latency", tags, true);
            List<ImageSpec> warmUp = specs(registry, host, "warm", 10, false);
            ImageExistence.checkAll(warmUp); // the client, classes, the JIT
            int warmConnections = proxy.connections();

            long start = System.nanoTime();
            int presentOneByOne = 0;
            for (ImageSpec spec : specs) {
                presentOneByOne += spec.existence().isPresent() ? 1 : 0;
            }
            double sequential = (System.nanoTime() - start) / 1e6;
            int afterSequential = proxy.connections();
            start = System.nanoTime();
            Map<ImageSpec, Existence> all = ImageExistence.checkAll(specs);
            double bulk = (System.nanoTime() - start) / 1e6;
            long presentBulk =
                    all.values().stream().filter(Existence::isPresent).count();
            if (presentOneByOne != tags / 2 || presentBulk != tags / 2) {
                throw new IllegalStateException("expected " + tags / 2 + " present, got " + presentOneByOne
                        + " one by one and " + presentBulk + " with existAll: " + all.values());
            }
            int afterBulk = proxy.connections();

            start = System.nanoTime();
            for (int i = 0; i < skopeo; i++) {
                Bench.Run r = Bench.runAllowingFailure(
                        List.of(
                                "skopeo",
                                "inspect",
                                "--raw",
                                "--tls-verify=false",
                                "docker://" + specs.get(i).imageName()),
                        null);
                if (r.exitCode() != 0 && i == 0) {
                    throw new IllegalStateException("skopeo inspect of a present image failed: " + r.output());
                }
            }
            double perSkopeo = (System.nanoTime() - start) / 1e6 / skopeo;

            Bench.say(
                    "round trip %d ms: one by one %.0f ms (%.1f ms per image, %d new connections)",
                    2 * DELAY_MS, sequential, sequential / tags, afterSequential - warmConnections);
            Bench.say(
                    "existAll: %.0f ms (%.2f ms per image, %d new connections)",
                    bulk, bulk / tags, afterBulk - afterSequential);
            Bench.say(
                    "skopeo inspect --raw: %.0f ms per image (%d sampled), %.0f ms for %d extrapolated: %.0fx existAll's time",
                    perSkopeo, skopeo, perSkopeo * tags, tags, perSkopeo * tags / bulk);
            return Bench.verdict(
                            "registry-latency speed-up existAll vs one by one", sequential / bulk, ">=", TARGET, "x")
                    || quick;
        }
    }

    /** {@code count} specs of {@code host/<repo>/app}, every other one pushed (to the registry itself) when {@code push}. */
    private static List<ImageSpec> specs(LocalRegistry registry, String host, String repo, int count, boolean push)
            throws Exception {
        TestImages.pushBusybox(registry, repo + "/app", "seed");
        List<ImageSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ImageSpec spec = ImageSpec.builder()
                    .name("app")
                    .registry(host + "/" + repo)
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
