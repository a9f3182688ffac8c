package dev.imagespec.builders;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecBuilder;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.validate.Problem.Severity;
import dev.imagespec.runtime.validate.ValidationReport;

/**
 * What the {@code noop} builder cannot honour, each an ERROR: it needs a base image given by name (the
 * image the task runs in; a base spec is refused, as flytekit's {@code NoOpBuilder} refuses a
 * {@code base_image} that is not a string), and it refuses every field that would change the image's
 * content, naming it.
 *
 * <p>Example: {@code NoopBuilderRules.check(ImageSpec.builder().packages("numpy").build())} names
 * {@code packages cannot be honoured by the noop builder, ...} and the missing base image.
 */
public final class NoopBuilderRules {
    private NoopBuilderRules() {}

    /** Every problem that stops the noop builder; empty when it can use the spec's base image. */
    public static ValidationReport check(ImageSpec spec) {
        ValidationReport.Collector out = ValidationReport.collector();
        if (spec.baseSpec().isPresent()) {
            // flytekit's NoOpBuilder: "base_image must be a string to use the noop image builder"
            out.add(
                    SpecField.BASE_IMAGE.member(),
                    -1,
                    Severity.ERROR,
                    spec.baseSpec().get().name(),
                    BuilderMessages.noopNeedsBaseImageName(spec.baseSpec().get().name()));
        } else if (ImageSpecBuilder.baseImageOf(spec).isEmpty()) {
            out.add(SpecField.BASE_IMAGE.member(), -1, Severity.ERROR, "", BuilderMessages.noopNeedsBaseImage());
        }
        refuse(out, SpecField.PYTHON_VERSION, spec.pythonVersion().isPresent());
        refuse(
                out,
                SpecField.SOURCE_ROOT,
                spec.sourceRoot().isPresent()
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
        return out.report();
    }

    private static void refuse(ValidationReport.Collector out, SpecField field, boolean set) {
        if (set) {
            out.add(field.member(), -1, Severity.ERROR, "", BuilderMessages.noopCannotHonour(field.member()));
        }
    }
}
