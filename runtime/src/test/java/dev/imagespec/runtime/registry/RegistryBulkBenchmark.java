package dev.imagespec.runtime.registry;

import dev.imagespec.runtime.registry.auth.CredentialSource;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A benchmark, not a timed test: 500 tags, half present, against the local registry, checked one by one and
 * with {@link RegistryClient#checkAll}; prints both times and the ratio. Run it with
 * {@code mvn -B -ntp -pl runtime -am test -Dtest=RegistryBulkBenchmark -Dimagespec.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "imagespec.benchmark", matches = "true")
class RegistryBulkBenchmark {
    private static final int TAGS = 500;

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    @Test
    void sequentialVersusCheckAll() throws Exception {
        TestImages.pushBusybox(REGISTRY, "bench/app", "seed");
        List<RegistryImage> images = new ArrayList<>();
        for (int i = 0; i < TAGS; i++) {
            if (i % 2 == 0) {
                TestImages.tag(REGISTRY, "bench/app", "seed", "t" + i);
            }
            images.add(RegistryImage.of(REGISTRY.hostPort() + "/bench/app:t" + i));
        }
        RegistryClient client = RegistryClient.builder().credentials(CredentialSource.anonymous()).build();
        client.checkAll(images.subList(0, 20)); // warm up connections and JIT

        long start = System.nanoTime();
        int present = 0;
        for (RegistryImage image : images) {
            present += client.check(image).isPresent() ? 1 : 0;
        }
        long sequential = System.nanoTime() - start;
        start = System.nanoTime();
        Map<RegistryImage, Existence> all = client.checkAll(images);
        long bulk = System.nanoTime() - start;

        long presentBulk = all.values().stream().filter(Existence::isPresent).count();
        System.out.printf("%d tags (%d/%d present): sequential %d ms, checkAll %d ms, ratio %.1fx%n",
                TAGS, present, presentBulk, sequential / 1_000_000, bulk / 1_000_000, (double) sequential / bulk);
    }
}
