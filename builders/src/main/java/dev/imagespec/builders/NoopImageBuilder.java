package dev.imagespec.builders;

import dev.imagespec.runtime.BuildCheck;
import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecBuilder;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.validate.ValidationReport;
import java.util.Optional;

/**
 * flytekit's {@code noop} builder: builds nothing and names the base image as the spec's image, for
 * tasks that run in an existing image (often with {@code runtimePackages}). It needs a base image and
 * refuses every field that would change the image's content, naming it ({@link NoopBuilderRules}).
 *
 * <p>Example: {@code ImageSpec.builder().baseImage("ghcr.io/acme/runtime:1").builder("noop").build()} runs in {@code ghcr.io/acme/runtime:1}.
 */
public final class NoopImageBuilder implements ImageSpecBuilder {

    /** The name specs select it by. */
    public static final String TYPE = "noop";
    /** Its priority, as flytekit registers it. */
    public static final int PRIORITY = 0;

    /** What ServiceLoader makes. */
    public NoopImageBuilder() {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** Always true, as in flytekit: there is nothing to look up, and "building" costs nothing. */
    @Override
    public boolean shouldBuild(ImageSpec spec) {
        return true;
    }

    /** Always true, as in flytekit. */
    @Override
    public boolean shouldBuild(ImageSpec spec, BuildCheck check) {
        return true;
    }

    /**
     * The base image, e.g. {@code Optional.of("ghcr.io/acme/runtime:1")}.
     *
     * @throws InvalidImageSpecException without a base image, or naming each build field it cannot honour
     */
    @Override
    public Optional<String> buildImage(ImageSpec spec) {
        ValidationReport problems = NoopBuilderRules.check(spec);
        if (problems.hasErrors()) {
            throw new InvalidImageSpecException(spec.origin().orElse(spec.name()), problems.problems());
        }
        return ImageSpecBuilder.baseImageOf(spec);
    }

    @Override
    public Optional<String> buildImage(ImageSpec spec, BuildListener listener) {
        Optional<String> image = buildImage(spec);
        listener.message("Using image: " + image.orElseThrow());
        return image;
    }
}
