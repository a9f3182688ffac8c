package dev.imagespec.runtime;

import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.validate.RegistryRules;

/**
 * Container registry names as flytekit accepts them in {@code ImageSpec.registry}.
 *
 * <p>Example: {@code Registries.validateContainerRegistryName("ghcr.io/flyteorg")} is true;
 * {@code "https://ghcr.io/flyteorg"} is not.
 */
public final class Registries {

    /** Docker Hub's registry name, flytekit's {@code DOCKER_HUB}. */
    public static final String DOCKER_HUB = ImageReference.DOCKER_HUB;

    private Registries() {}

    /**
     * flytekit's {@code validate_container_registry_name(name)}, as is (ImageSpec lower-cases the
     * registry first). Unlike Python's {@code $}, a trailing newline is not accepted. The rule is
     * written once, in {@link RegistryRules#isContainerRegistryName}.
     */
    public static boolean validateContainerRegistryName(String name) {
        return RegistryRules.isContainerRegistryName(name);
    }

    /** The host (with port) part of a registry name, e.g. {@code host("ghcr.io/acme")} is {@code "ghcr.io"}. */
    public static String host(String registry) {
        int slash = registry.indexOf('/');
        return slash < 0 ? registry : registry.substring(0, slash);
    }
}
