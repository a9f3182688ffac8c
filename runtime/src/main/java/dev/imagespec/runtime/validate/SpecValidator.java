package dev.imagespec.runtime.validate;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.SecretMount;
import dev.imagespec.runtime.SpecField;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule a spec's values follow, run by the runtime on each spec it makes and by the processor
 * on each {@code @ImageSpec} it reads: the same code, so both say the same thing. Rules that need
 * the file system live in {@link FileChecks}. Never throws and never prints: it returns problems.
 *
 * <p>Example: {@code SpecValidator.validate(spec)} → {@code [Problem[field=REGISTRY, ...]]}.
 */
public final class SpecValidator {
    private SpecValidator() {}

    /** Every problem of the spec, in field order. */
    public static List<Problem> validate(ImageSpec spec) {
        List<Problem> out = new ArrayList<>();
        ValueRules.name(spec.name(), out);
        spec.registry().ifPresent(r -> ValueRules.registry(r, out));
        spec.pythonVersion().ifPresent(v -> ValueRules.pythonVersion(v, out));
        spec.sourceRoot().ifPresent(v -> ValueRules.path(SpecField.SOURCE_ROOT, -1, v, out));
        spec.env().ifPresent(env -> envRules(env, out));
        spec.packages().ifPresent(l -> ValueRules.packages(SpecField.PACKAGES, l, out));
        spec.condaPackages().ifPresent(l -> ValueRules.condaPackages(l, out));
        spec.condaChannels().ifPresent(l -> ValueRules.names(SpecField.CONDA_CHANNELS, l, out));
        spec.requirements().ifPresent(v -> ValueRules.path(SpecField.REQUIREMENTS, -1, v, out));
        spec.aptPackages().ifPresent(l -> ValueRules.aptPackages(l, out));
        spec.cuda().ifPresent(v -> ValueRules.dottedVersion(SpecField.CUDA, v, out));
        spec.cudnn().ifPresent(v -> ValueRules.dottedVersion(SpecField.CUDNN, v, out));
        spec.baseImage().ifPresent(v -> ValueRules.baseImage(v, out));
        ValueRules.platform(spec.platform(), out);
        spec.pipIndex().ifPresent(v -> ValueRules.url(SpecField.PIP_INDEX, -1, v, out));
        spec.pipExtraIndexUrl().ifPresent(l -> {
            for (int i = 0; i < l.size(); i++) {
                ValueRules.url(SpecField.PIP_EXTRA_INDEX_URL, i, l.get(i), out);
            }
        });
        spec.pipSecretMounts().ifPresent(l -> secretMounts(l, out));
        spec.pipExtraArgs().ifPresent(v -> ValueRules.noControl(SpecField.PIP_EXTRA_ARGS, -1, v, out));
        spec.registryConfig().ifPresent(v -> ValueRules.path(SpecField.REGISTRY_CONFIG, -1, v, out));
        spec.entrypoint().ifPresent(l -> ValueRules.each(SpecField.ENTRYPOINT, l, ValueRules::noNul, out));
        spec.commands().ifPresent(l -> ValueRules.each(SpecField.COMMANDS, l, ValueRules::noNul, out));
        spec.tagFormat().ifPresent(v -> ValueRules.tagFormat(v, out));
        sourceCopyMode(spec, out);
        spec.copy().ifPresent(l -> ValueRules.each(SpecField.COPY, l, ValueRules::path, out));
        spec.pythonExec().ifPresent(v -> ValueRules.path(SpecField.PYTHON_EXEC, -1, v, out));
        spec.runtimePackages().ifPresent(l -> ValueRules.packages(SpecField.RUNTIME_PACKAGES, l, out));
        return out;
    }

    /** Only the problems that stop a spec from being made ({@link Severity#ERROR}). */
    public static List<Problem> errors(ImageSpec spec) {
        return only(validate(spec), Severity.ERROR);
    }

    /** Problems that stop a spec from being built: {@link Severity#ERROR} and {@link Severity#STRICT}. */
    public static List<Problem> buildBlockers(ImageSpec spec) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : validate(spec)) {
            if (p.severity() != Severity.WARNING) {
                out.add(p);
            }
        }
        spec.baseSpec().ifPresent(base -> out.addAll(buildBlockers(base)));
        return out;
    }

    private static List<Problem> only(List<Problem> problems, Severity severity) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            if (p.severity() == severity) {
                out.add(p);
            }
        }
        return out;
    }

    private static void envRules(Map<String, String> env, List<Problem> out) {
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            ValueRules.envName(i, e.getKey(), out);
            ValueRules.noNul(SpecField.ENV, i, e.getValue(), out);
            i++;
        }
    }

    private static void secretMounts(List<SecretMount> mounts, List<Problem> out) {
        for (int i = 0; i < mounts.size(); i++) {
            SecretMount m = mounts.get(i);
            if (m.src().isEmpty() || !m.dst().startsWith("/") || ValueRules.hasControl(m.src())
                    || ValueRules.hasControl(m.dst())) {
                out.add(new Problem(SpecField.PIP_SECRET_MOUNTS, i, Severity.STRICT, Messages.secretMount(m.src(), m.dst())));
            }
        }
    }

    private static void sourceCopyMode(ImageSpec spec, List<Problem> out) {
        Optional<CopyFileDetection> mode = spec.sourceCopyMode();
        if (mode.isPresent() && mode.get() != CopyFileDetection.NO_COPY
                && spec.sourceRoot().map(String::isEmpty).orElse(true)) {
            out.add(Problem.of(SpecField.SOURCE_COPY_MODE, Severity.ERROR, Messages.sourceCopyModeNeedsRoot(mode.get().name())));
        } else if (mode.isPresent() && mode.get() == CopyFileDetection.LOADED_MODULES) {
            out.add(Problem.of(spec.sourceRoot().isPresent() ? SpecField.SOURCE_ROOT : SpecField.SOURCE_COPY_MODE,
                    Severity.WARNING, Messages.loadedModulesCopyNothing(spec.sourceRoot().orElse(""))));
        }
    }
}
