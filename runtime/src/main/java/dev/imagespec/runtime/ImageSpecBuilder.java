package dev.imagespec.runtime;

import java.util.Optional;

/**
 * A way to turn a spec into an image: flytekit's {@code ImageSpecBuilder}. Builders are registered
 * with {@link ImageBuildEngine#register(String, ImageSpecBuilder, int)} or found with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.imagespec.runtime.ImageSpecBuilder}; it then needs a public no-argument
 * constructor, and says its name with {@link #type()} and its rank with {@link #priority()}).
 *
 * <p>The engine calls the two-argument forms {@link #shouldBuild(ImageSpec, BuildCheck)} and
 * {@link #buildImage(ImageSpec, BuildListener)}; override those to change what the engine does. The
 * one-argument forms are flytekit's, for calling a builder directly.
 *
 * <p>Example: {@code engine.register("echo", spec -> Optional.of("registry.example/echo:1"), 7);}
 *
 * @see <a href="https://docs.flyte.org/en/latest/api/flytekit/generated/flytekit.image_spec.ImageSpecBuilder.html">flytekit ImageSpecBuilder</a>
 */
@FunctionalInterface
public interface ImageSpecBuilder {

    /** The priority {@link ImageBuildEngine#register(String, ImageSpecBuilder)} uses, as in flytekit. */
    int DEFAULT_PRIORITY = 5;

    /**
     * Builds (and pushes) the image, e.g. {@code builder.buildImage(spec)} → {@code Optional.of("ghcr.io/acme/x:t")}.
     *
     * @return the fully qualified name of the image, or empty to use {@link ImageSpec#imageName()}
     * @throws ImageBuildException if no image was made
     */
    Optional<String> buildImage(ImageSpec spec);

    /** {@link #buildImage(ImageSpec)}, streaming progress to {@code listener}; what the engine calls. */
    default Optional<String> buildImage(ImageSpec spec, BuildListener listener) {
        return buildImage(spec);
    }

    /** flytekit's {@code should_build} with the local existence check: {@code shouldBuild(spec, BuildCheck.defaults())}. */
    default boolean shouldBuild(ImageSpec spec) {
        return shouldBuild(spec, BuildCheck.defaults());
    }

    /**
     * Whether to build {@code spec}; by default flytekit's rules ({@link BuildCheck}). What the engine
     * calls, with its own existence check. Example: a builder that never builds returns {@code false}.
     */
    default boolean shouldBuild(ImageSpec spec, BuildCheck check) {
        return check.shouldBuild(spec);
    }

    /**
     * Whether this builder can run on this machine (Jib's idea), e.g. whether a build tool is
     * installed; the engine passes over builders that cannot when it picks one by priority.
     */
    default boolean supported() {
        return true;
    }

    /** The name specs select this builder by ({@code builder = "default"}); a plug-in found by ServiceLoader must override it. */
    default String type() {
        return getClass().getName();
    }

    /** The rank among builders a spec does not name; higher wins. Used for builders found by ServiceLoader. */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /**
     * The image a builder starts from: the name a nested {@link ImageSpec#baseSpec()} was built
     * under (the engine builds it first), else {@link ImageSpec#baseImage()}.
     * Example: {@code ImageSpecBuilder.baseImageOf(spec).orElse("debian:bookworm-slim")}.
     */
    static Optional<String> baseImageOf(ImageSpec spec) {
        if (spec.baseSpec().isPresent()) {
            return Optional.of(spec.baseSpec().get().imageName());
        }
        return spec.baseImage();
    }
}
