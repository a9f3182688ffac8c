package dev.imagespec.builders;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.registry.RegistryClient;
import dev.imagespec.runtime.registry.RegistryImage;
import dev.imagespec.runtime.registry.auth.Environment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digest of the image a build starts from, as its registry answers for the reference right
 * before the build (a reference with a digest is its own answer): what the build result records as
 * {@code base_digest}, as Jib records the base image digest it used. For a multi-platform base it is
 * the manifest list's digest.
 *
 * <p>Example: {@code BaseImageDigest.of(spec, "127.0.0.1:5000/base/busybox:1")} → {@code Existence present sha256:...}.
 */
final class BaseImageDigest {
    private static final Map<String, RegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private BaseImageDigest() {}

    /** Whether {@code reference} names a digest ({@code name@sha256:...}), i.e. does not float. */
    static boolean isPinned(String reference) {
        return digestIn(reference).isPresent();
    }

    /** The registry's answer for {@code reference}, with the spec's registry credentials; never throws. */
    static Existence of(ImageSpec spec, String reference) {
        Optional<String> pinned = digestIn(reference);
        if (pinned.isPresent()) {
            return Existence.present(0, pinned.get(), null);
        }
        RegistryImage image;
        try {
            image = RegistryImage.of(reference);
        } catch (IllegalArgumentException e) {
            return Existence.unknown(0, e.getMessage());
        }
        String config =
                spec.registryConfig().map(c -> spec.resolve(c).toString()).orElse("");
        RegistryClient client = CLIENTS.computeIfAbsent(config, c -> {
            RegistryClient.Builder b = RegistryClient.builder().environment(Environment.system());
            if (!c.isEmpty()) {
                b.registryConfig(Path.of(c));
            }
            return b.build();
        });
        return client.check(image);
    }

    private static Optional<String> digestIn(String reference) {
        try {
            return ImageReference.parseNormalized(reference.trim()).digest();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
