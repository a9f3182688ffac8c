package dev.imagespec.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ImageBuildEngine#build(ImageSpec)} did for one spec.
 *
 * <p>Example: {@code BuildResult r = engine.build(spec); if (r.outcome() == Outcome.BUILT) r.digest()...}
 *
 * @param imageName the name to run the image by: the one the builder reported, else {@link ImageSpec#imageName()}
 * @param digest the manifest digest the builder pushed, e.g. {@code Optional.of("sha256:3d93...")}; empty if nothing was pushed
 * @param outcome whether it was built, skipped, or assumed present
 * @param builderType the builder that decided, e.g. {@code "default"}
 * @param duration how long the engine spent on this spec (its base spec not included)
 * @param baseImage the image the build started from, as the Dockerfile names it; empty when nothing was built
 * @param baseDigest that image's manifest (or manifest list) digest in its registry when the build ran, e.g.
 *     {@code Optional.of("sha256:6d9a...")}; empty when nothing was built or the registry could not tell
 */
public record BuildResult(
        String imageName,
        Optional<String> digest,
        Outcome outcome,
        String builderType,
        Duration duration,
        Optional<String> baseImage,
        Optional<String> baseDigest) {

    /** What happened to the spec. */
    public enum Outcome {
        /** The builder built it (and pushed it, when the spec has a registry and pushing is on). */
        BUILT,
        /** The image exists, and the spec does not force a push: nothing was built. */
        SKIPPED,
        /** Whether the image exists could not be checked; as flytekit does, it is assumed to exist. */
        ASSUMED_PRESENT
    }

    public BuildResult {
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(builderType, "builderType");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(baseImage, "baseImage");
        Objects.requireNonNull(baseDigest, "baseDigest");
    }

    /** A result without a base image, e.g. for a skipped spec. */
    public BuildResult(
            String imageName, Optional<String> digest, Outcome outcome, String builderType, Duration duration) {
        this(imageName, digest, outcome, builderType, duration, Optional.empty(), Optional.empty());
    }

    /** True when the builder ran, e.g. {@code engine.build(spec.forcePush()).built()}. */
    public boolean built() {
        return outcome == Outcome.BUILT;
    }
}
