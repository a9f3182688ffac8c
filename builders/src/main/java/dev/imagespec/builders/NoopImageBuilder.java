package dev.imagespec.builders;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.BuildCheck;
import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecBuilder;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * flytekit's {@code noop} builder: builds nothing and names the base image as the spec's image, for
 * tasks that run in an existing image (often with {@code runtimePackages}). It needs a base image and
 * refuses every field that would change the image's content, naming it.
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
        List<Problem> problems = new ArrayList<>();
        Optional<String> base = ImageSpecBuilder.baseImageOf(spec);
        if (base.isEmpty()) {
            problems.add(Problem.of(SpecField.BASE_IMAGE, Severity.ERROR, "the noop builder needs baseImage: the image"
                    + " the task runs in, e.g. baseImage = \"ghcr.io/acme/runtime:1\""));
        }
        contentFields(spec, problems);
        if (!problems.isEmpty()) {
            throw new InvalidImageSpecException(spec.origin().orElse(spec.name()), problems);
        }
        return base;
    }

    @Override
    public Optional<String> buildImage(ImageSpec spec, BuildListener listener) {
        Optional<String> image = buildImage(spec);
        listener.message("Using image: " + image.orElseThrow());
        return image;
    }

    private static void contentFields(ImageSpec spec, List<Problem> out) {
        refuse(out, SpecField.PYTHON_VERSION, spec.pythonVersion().isPresent());
        refuse(out, SpecField.SOURCE_ROOT, spec.sourceRoot().isPresent()
                && spec.sourceCopyMode().orElse(CopyFileDetection.NO_COPY) != CopyFileDetection.NO_COPY);
        refuse(out, SpecField.ENV, spec.env().isPresent());
        refuse(out, SpecField.PACKAGES, spec.packages().isPresent());
        refuse(out, SpecField.CONDA_PACKAGES, spec.condaPackages().isPresent());
        refuse(out, SpecField.CONDA_CHANNELS, spec.condaChannels().isPresent());
        refuse(out, SpecField.REQUIREMENTS, spec.requirements().isPresent());
        refuse(out, SpecField.APT_PACKAGES, spec.aptPackages().isPresent());
        refuse(out, SpecField.CUDA, spec.cuda().isPresent());
        refuse(out, SpecField.CUDNN, spec.cudnn().isPresent());
        refuse(out, SpecField.PIP_INDEX, spec.pipIndex().isPresent());
        refuse(out, SpecField.PIP_EXTRA_INDEX_URL, spec.pipExtraIndexUrl().isPresent());
        refuse(out, SpecField.PIP_SECRET_MOUNTS, spec.pipSecretMounts().isPresent());
        refuse(out, SpecField.PIP_EXTRA_ARGS, spec.pipExtraArgs().isPresent());
        refuse(out, SpecField.ENTRYPOINT, spec.entrypoint().isPresent());
        refuse(out, SpecField.COMMANDS, spec.commands().isPresent());
        refuse(out, SpecField.COPY, spec.copy().isPresent());
        refuse(out, SpecField.PYTHON_EXEC, spec.pythonExec().isPresent());
        refuse(out, SpecField.BUILDER_CONFIG, spec.builderConfig().isPresent());
    }

    private static void refuse(List<Problem> out, SpecField field, boolean set) {
        if (set) {
            out.add(Problem.of(field, Severity.ERROR, field.member() + " cannot be honoured by the noop builder, which"
                    + " builds nothing and uses baseImage as it is; remove " + field.member()
                    + ", or use builder \"default\" to build an image with it"));
        }
    }
}
