package dev.imagespec.runtime;

import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.registry.LocalImageStore;
import dev.imagespec.runtime.registry.RegistryClient;
import dev.imagespec.runtime.registry.RegistryImage;
import dev.imagespec.runtime.registry.auth.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers {@link ImageSpec#exist()} without a Docker daemon: a spec with a registry is asked of
 * that registry ({@link RegistryClient}, credentials from {@code registryConfig} or the usual
 * docker/podman files); one without is asked of the local builder tool's store, as flytekit asks
 * the local daemon. One client per credentials file is kept for the JVM, so tokens and connections
 * are shared by every check.
 *
 * <p>Example: {@code ImageExistence.checkAll(List.of(a, b)).get(a).isPresent()}.
 */
public final class ImageExistence {
    private static final Map<String, RegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private ImageExistence() {}

    /** Whether the spec's image exists: present, absent, or unknown with the reason. */
    public static Existence check(ImageSpec spec) {
        if (spec.registry().isEmpty()) {
            return LocalImageStore.of(Environment.system()).check(spec.imageName());
        }
        return clientFor(spec).check(RegistryImage.of(spec.imageName()));
    }

    /**
     * Checks many specs at once, concurrently per registry, sharing tokens: the bulk form of
     * {@link #check(ImageSpec)}. The map keeps the given order.
     */
    public static Map<ImageSpec, Existence> checkAll(Collection<ImageSpec> specs) {
        Map<ImageSpec, Existence> out = new LinkedHashMap<>();
        Map<RegistryClient, List<ImageSpec>> byClient = new LinkedHashMap<>();
        for (ImageSpec spec : specs) {
            out.put(spec, null);
            if (spec.registry().isPresent()) {
                byClient.computeIfAbsent(clientFor(spec), c -> new ArrayList<>())
                        .add(spec);
            }
        }
        byClient.forEach((client, group) -> {
            List<RegistryImage> images =
                    group.stream().map(s -> RegistryImage.of(s.imageName())).toList();
            Map<RegistryImage, Existence> answers = client.checkAll(images);
            for (int i = 0; i < group.size(); i++) {
                out.put(group.get(i), answers.get(images.get(i)));
            }
        });
        out.replaceAll((spec, e) -> e != null ? e : check(spec));
        return out;
    }

    private static RegistryClient clientFor(ImageSpec spec) {
        String config =
                spec.registryConfig().map(c -> spec.resolve(c).toString()).orElse("");
        return CLIENTS.computeIfAbsent(config, c -> {
            RegistryClient.Builder b = RegistryClient.builder().environment(Environment.system());
            if (!c.isEmpty()) {
                b.registryConfig(Path.of(c));
            }
            return b.build();
        });
    }
}
