package dev.imagespec.runtime;

import dev.imagespec.runtime.reference.ImageReference;
import java.util.regex.Pattern;

/**
 * Container registry names as flytekit accepts them in {@code ImageSpec.registry}.
 *
 * <p>Example: {@code Registries.validateContainerRegistryName("ghcr.io/flyteorg")} is true;
 * {@code "https://ghcr.io/flyteorg"} is not.
 */
public final class Registries {

    /** Docker Hub's registry name, flytekit's {@code DOCKER_HUB}. */
    public static final String DOCKER_HUB = ImageReference.DOCKER_HUB;

    /**
     * flytekit's {@code validate_container_registry_name} pattern: {@code localhost:PORT}, or a
     * host of {@code [a-z0-9._-]} with an optional port, then {@code /}-separated path parts of word
     * characters, dots and dashes. Python's {@code \w} and {@code \d} are Unicode-aware, hence the flag.
     */
    private static final Pattern REGISTRY = Pattern.compile(
            "(localhost:\\d{1,5}|([a-z\\d._-]+)(:\\d{1,5})?)(/[\\w.-]+)*", Pattern.UNICODE_CHARACTER_CLASS);

    private Registries() {}

    /**
     * flytekit's {@code validate_container_registry_name(name)}, as is (ImageSpec lower-cases the
     * registry first). Unlike Python's {@code $}, a trailing newline is not accepted.
     */
    public static boolean validateContainerRegistryName(String name) {
        return name != null && REGISTRY.matcher(name).matches();
    }

    /** The host (with port) part of a registry name, e.g. {@code host("ghcr.io/acme")} is {@code "ghcr.io"}. */
    public static String host(String registry) {
        int slash = registry.indexOf('/');
        return slash < 0 ? registry : registry.substring(0, slash);
    }
}
