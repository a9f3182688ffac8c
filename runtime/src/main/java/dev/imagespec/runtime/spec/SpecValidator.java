package dev.imagespec.runtime.spec;

import dev.imagespec.runtime.validate.Messages;
import dev.imagespec.runtime.validate.PackageRules;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.ValueRules;
import dev.imagespec.annotations.CopyFileDetection;
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

    /**
     * Every problem of the spec, in field order.
     *
     * <p>Written with {@code if}s rather than {@code ifPresent} lambdas: this runs when a task starts
     * ({@code ImageSpecs.of}), where each lambda costs a generated class (see the README's Performance section).
     */
    public static List<Problem> validate(SpecValues spec) {
        List<Problem> out = new ArrayList<>();
        ValueRules.name(spec.name(), out);
        String registry = spec.string(SpecField.REGISTRY).orElse(null);
        if (registry != null) {
            ValueRules.registry(registry, out);
        }
        String pythonVersion = spec.string(SpecField.PYTHON_VERSION).orElse(null);
        if (pythonVersion != null) {
            ValueRules.pythonVersion(pythonVersion, out);
        }
        path(SpecField.SOURCE_ROOT, spec.string(SpecField.SOURCE_ROOT), out);
        Map<String, String> env = spec.env().orElse(null);
        if (env != null) {
            envRules(env, out);
        }
        List<String> packages = spec.list(SpecField.PACKAGES).orElse(null);
        if (packages != null) {
            ValueRules.packages(SpecField.PACKAGES, packages, out);
        }
        List<String> condaPackages = spec.list(SpecField.CONDA_PACKAGES).orElse(null);
        if (condaPackages != null) {
            ValueRules.condaPackages(condaPackages, out);
        }
        List<String> condaChannels = spec.list(SpecField.CONDA_CHANNELS).orElse(null);
        if (condaChannels != null) {
            ValueRules.names(SpecField.CONDA_CHANNELS, condaChannels, out);
        }
        path(SpecField.REQUIREMENTS, spec.string(SpecField.REQUIREMENTS), out);
        List<String> aptPackages = spec.list(SpecField.APT_PACKAGES).orElse(null);
        if (aptPackages != null) {
            ValueRules.aptPackages(aptPackages, out);
        }
        String cuda = spec.string(SpecField.CUDA).orElse(null);
        if (cuda != null) {
            ValueRules.dottedVersion(SpecField.CUDA, cuda, out);
        }
        String cudnn = spec.string(SpecField.CUDNN).orElse(null);
        if (cudnn != null) {
            ValueRules.dottedVersion(SpecField.CUDNN, cudnn, out);
        }
        String baseImage = spec.baseImage().orElse(null);
        if (baseImage != null) {
            ValueRules.baseImage(baseImage, out);
        }
        ValueRules.platform(spec.platform(), out);
        String pipIndex = spec.string(SpecField.PIP_INDEX).orElse(null);
        if (pipIndex != null) {
            ValueRules.url(SpecField.PIP_INDEX, -1, pipIndex, out);
        }
        List<String> extraIndexUrls = spec.list(SpecField.PIP_EXTRA_INDEX_URL).orElse(List.of());
        for (int i = 0; i < extraIndexUrls.size(); i++) {
            ValueRules.url(SpecField.PIP_EXTRA_INDEX_URL, i, extraIndexUrls.get(i), out);
        }
        secretMounts(spec.secretMounts().orElse(List.of()), out);
        String pipExtraArgs = spec.string(SpecField.PIP_EXTRA_ARGS).orElse(null);
        if (pipExtraArgs != null) {
            ValueRules.noControl(SpecField.PIP_EXTRA_ARGS, -1, pipExtraArgs, out);
        }
        path(SpecField.REGISTRY_CONFIG, spec.string(SpecField.REGISTRY_CONFIG), out);
        noNul(SpecField.ENTRYPOINT, spec.list(SpecField.ENTRYPOINT).orElse(List.of()), out);
        noNul(SpecField.COMMANDS, spec.list(SpecField.COMMANDS).orElse(List.of()), out);
        String tagFormat = spec.string(SpecField.TAG_FORMAT).orElse(null);
        if (tagFormat != null) {
            ValueRules.tagFormat(tagFormat, out);
        }
        sourceCopyMode(spec, out);
        List<String> copy = spec.list(SpecField.COPY).orElse(List.of());
        for (int i = 0; i < copy.size(); i++) {
            ValueRules.path(SpecField.COPY, i, copy.get(i), out);
        }
        path(SpecField.PYTHON_EXEC, spec.string(SpecField.PYTHON_EXEC), out);
        List<String> runtimePackages = spec.list(SpecField.RUNTIME_PACKAGES).orElse(null);
        if (runtimePackages != null) {
            ValueRules.packages(SpecField.RUNTIME_PACKAGES, runtimePackages, out);
        }
        return out;
    }

    private static void path(SpecField field, Optional<String> value, List<Problem> out) {
        if (value.isPresent()) {
            ValueRules.path(field, -1, value.get(), out);
        }
    }

    private static void noNul(SpecField field, List<String> values, List<Problem> out) {
        for (int i = 0; i < values.size(); i++) {
            ValueRules.noNul(field, i, values.get(i), out);
        }
    }

    /** Only the problems that stop a spec from being made ({@link Severity#ERROR}). */
    public static List<Problem> errors(SpecValues spec) {
        // Only three rules can say ERROR; running just them keeps ImageSpec.build() cheap (it runs
        // for every spec a program makes). The filter keeps the contract if a rule changes severity.
        List<Problem> out = new ArrayList<>();
        if (spec.string(SpecField.REGISTRY).isPresent()) {
            ValueRules.registry(spec.string(SpecField.REGISTRY).get(), out);
        }
        if (spec.string(SpecField.TAG_FORMAT).isPresent()) {
            ValueRules.tagFormat(spec.string(SpecField.TAG_FORMAT).get(), out);
        }
        sourceCopyMode(spec, out);
        return only(out, Severity.ERROR);
    }

    /** Problems that stop a spec from being built: {@link Severity#ERROR} and {@link Severity#STRICT}. */
    public static List<Problem> buildBlockers(SpecValues spec) {
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

    private static void sourceCopyMode(SpecValues spec, List<Problem> out) {
        Optional<CopyFileDetection> mode = spec.sourceCopyMode();
        if (mode.isPresent() && mode.get() != CopyFileDetection.NO_COPY
                && spec.string(SpecField.SOURCE_ROOT).map(String::isEmpty).orElse(true)) {
            out.add(Problem.of(SpecField.SOURCE_COPY_MODE, Severity.ERROR, Messages.sourceCopyModeNeedsRoot(mode.get().name())));
        } else if (mode.isPresent() && mode.get() == CopyFileDetection.LOADED_MODULES) {
            out.add(Problem.of(spec.string(SpecField.SOURCE_ROOT).isPresent() ? SpecField.SOURCE_ROOT : SpecField.SOURCE_COPY_MODE,
                    Severity.WARNING, Messages.loadedModulesCopyNothing(spec.string(SpecField.SOURCE_ROOT).orElse(""))));
        }
    }
}
