package dev.imagespec.runtime.registry;

import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.reference.InvalidImageReferenceException;
import java.util.Objects;

/**
 * An image in a registry, already split: the registry as named in the image ({@code docker.io},
 * {@code ghcr.io}, {@code 127.0.0.1:5000}), the repository path and a reference (a tag, or a digest such
 * as {@code sha256:…}).
 *
 * <pre>{@code
 * RegistryImage.of("busybox");            // docker.io / library/busybox : latest
 * RegistryImage.of("ghcr.io/acme/app:1"); // ghcr.io / acme/app : 1
 * new RegistryImage("127.0.0.1:5000", "team/app", "sha256:0123…");
 * }</pre>
 *
 * @param registry the registry host, with a port if it has one; {@code docker.io} for Docker Hub
 * @param repository the repository path, without the registry
 * @param reference a tag or a digest ({@code algorithm:hex})
 */
public record RegistryImage(String registry, String repository, String reference) {

    /**
     * Checks the parts; a blank part or a scheme in the registry is rejected with the value.
     *
     * <pre>{@code
     * new RegistryImage("ghcr.io", "acme/app", "v1");
     * }</pre>
     */
    public RegistryImage {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(reference, "reference");
        if (registry.isBlank() || registry.contains("/")) {
            throw new IllegalArgumentException("registry \"" + registry
                    + "\" must be a host with an optional port and no scheme, e.g. \"ghcr.io\" or \"localhost:5000\"");
        }
        if (repository.isBlank() || repository.startsWith("/") || repository.endsWith("/")) {
            throw new IllegalArgumentException(
                    "repository \"" + repository + "\" must be a path such as \"library/busybox\"");
        }
        if (!ImageReference.isWellFormedDigest(reference) && !ImageReference.isValidTag(reference)) {
            throw new IllegalArgumentException("reference \"" + reference
                    + "\" is neither a tag (e.g. \"v1.2\") nor a digest (e.g. \"sha256:<64 hex digits>\")");
        }
    }

    /**
     * Splits an image name as docker does: the first path component is the registry when it contains
     * {@code .} or {@code :}, is {@code localhost} or has upper case; otherwise the image is on Docker Hub,
     * where one-component names are official images under {@code library/}. The tag defaults to
     * {@code latest}; a digest wins over a tag.
     *
     * <pre>{@code
     * RegistryImage.of("localhost:5000/app@sha256:0123…").reference(); // "sha256:0123…"
     * }</pre>
     *
     * @throws IllegalArgumentException naming the value when it is not an image name
     */
    public static RegistryImage of(String imageName) {
        Objects.requireNonNull(imageName, "imageName");
        ImageReference ref;
        try {
            ref = ImageReference.parseNormalized(imageName.trim());
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("\"" + imageName + "\" is not an image name: " + e.getMessage(), e);
        }
        String reference = ref.digest().orElse(ref.tag().orElse("latest"));
        return new RegistryImage(ref.domain().orElse(ImageReference.DOCKER_HUB), ref.path(), reference);
    }

    /**
     * Whether the reference is a digest rather than a tag.
     *
     * <pre>{@code
     * RegistryImage.of("app@sha256:0123…").isDigest(); // true
     * }</pre>
     */
    boolean isDigest() {
        return ImageReference.isWellFormedDigest(reference);
    }

    /**
     * The image as a name again, {@code registry/repository:tag} or {@code registry/repository@digest}.
     *
     * <pre>{@code
     * RegistryImage.of("busybox").toString(); // "docker.io/library/busybox:latest"
     * }</pre>
     */
    @Override
    public String toString() {
        return registry + "/" + repository + (isDigest() ? "@" : ":") + reference;
    }
}
