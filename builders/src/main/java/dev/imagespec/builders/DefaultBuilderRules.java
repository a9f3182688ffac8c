package dev.imagespec.builders;

import dev.imagespec.builders.dockerfile.DockerfileRenderer;
import dev.imagespec.builders.dockerfile.DockerfileSyntax;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.text.InputText;
import dev.imagespec.runtime.validate.PlatformRules;
import dev.imagespec.runtime.validate.Problem.Severity;
import dev.imagespec.runtime.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the {@code default} builder cannot honour, each an ERROR naming the member and what to do:
 * {@code cuda}/{@code cudnn}, builder options and unknown builder config (or a {@code python_installer}
 * other than {@code uv} and {@code pip}), a platform named twice, Python fields without Python, conda
 * with {@code pythonExec}, packages with a lock file, a lock file with the pip installer, and values that
 * would become Dockerfile syntax (env values with line breaks, copy paths COPY would expand, secret
 * mounts with option characters, a base image that cannot follow {@code FROM}). The spec's own
 * rules are {@code SpecValidator}'s; {@link DefaultImageBuilder} checks both before it renders.
 *
 * <p>Example: {@code DefaultBuilderRules.check(spec).problems()} names {@code cuda "12.4.1" is not supported by the default builder; ...}.
 */
public final class DefaultBuilderRules {
    private DefaultBuilderRules() {}

    /** Every field of {@code spec} the default builder cannot honour; empty when it can build it. */
    public static ValidationReport check(ImageSpec spec) {
        ValidationReport.Collector out = ValidationReport.collector();
        spec.cuda().ifPresent(v -> error(out, SpecField.CUDA, -1, v, BuilderMessages.cuda(v)));
        spec.cudnn().ifPresent(v -> error(out, SpecField.CUDNN, -1, v, BuilderMessages.cudnn(v)));
        spec.builderOptions()
                .filter(m -> !m.isEmpty())
                .ifPresent(
                        m -> error(out, SpecField.BUILDER_OPTIONS, -1, "", BuilderMessages.builderOptions(m.keySet())));
        spec.builderConfig()
                .ifPresent(m -> m.keySet().stream()
                        .filter(k -> !DockerfileRenderer.BUILDER_CONFIG_KEYS.contains(k))
                        .forEach(
                                k -> error(out, SpecField.BUILDER_CONFIG, -1, k, BuilderMessages.builderConfigKey(k))));
        spec.builderConfig()
                .ifPresent(m -> DockerfileRenderer.IMAGE_KEYS.stream().sorted().forEach(k -> {
                    Object v = m.get(k);
                    if (v != null
                            && !(v instanceof String s
                                    && DockerfileSyntax.IMAGE_REFERENCE
                                            .matcher(s)
                                            .matches())) {
                        error(
                                out,
                                SpecField.BUILDER_CONFIG,
                                -1,
                                String.valueOf(v),
                                BuilderMessages.builderConfigImage(k, v));
                    }
                }));
        spec.builderConfig()
                .map(m -> m.get(DockerfileRenderer.PYTHON_INSTALLER_KEY))
                .ifPresent(v -> {
                    if (!DockerfileRenderer.PYTHON_INSTALLERS.contains(v)) {
                        error(out, SpecField.BUILDER_CONFIG, -1, String.valueOf(v), BuilderMessages.pythonInstaller(v));
                    }
                });
        pythonOnlyFields(spec, out);
        pythonExecRules(spec, out);
        lockFileRules(spec, out);
        envValues(spec, out);
        copyPaths(spec, out);
        secretMounts(spec, out);
        String base = DockerfileRenderer.baseImage(spec);
        if (!DockerfileSyntax.IMAGE_REFERENCE.matcher(base).matches()) {
            error(out, SpecField.BASE_IMAGE, -1, base, BuilderMessages.baseImageAfterFrom(base));
        }
        if (PlatformRules.isMultiPlatform(spec.platform())) {
            // Several platforms make one manifest list, which holds one image per platform.
            List<String> seen = new java.util.ArrayList<>();
            for (String p : spec.platform().split(",", -1)) {
                String platform = p.trim();
                if (seen.contains(platform)) {
                    error(
                            out,
                            SpecField.PLATFORM,
                            -1,
                            spec.platform(),
                            BuilderMessages.repeatedPlatform(spec.platform(), platform));
                    break;
                }
                seen.add(platform);
            }
        }
        return out.report();
    }

    private static void error(
            ValidationReport.Collector out, SpecField field, int index, String value, String message) {
        out.add(field.member(), index, Severity.ERROR, value, message);
    }

    private static void pythonOnlyFields(ImageSpec spec, ValidationReport.Collector out) {
        if (DockerfileRenderer.needsPython(spec)) {
            return;
        }
        if (nonEmpty(spec.condaChannels())) {
            pythonOnly(out, SpecField.CONDA_CHANNELS);
        }
        if (spec.pipIndex().isPresent()) {
            pythonOnly(out, SpecField.PIP_INDEX);
        }
        if (nonEmpty(spec.pipExtraIndexUrl())) {
            pythonOnly(out, SpecField.PIP_EXTRA_INDEX_URL);
        }
        if (spec.pipExtraArgs().isPresent()) {
            pythonOnly(out, SpecField.PIP_EXTRA_ARGS);
        }
        if (nonEmpty(spec.pipSecretMounts())) {
            pythonOnly(out, SpecField.PIP_SECRET_MOUNTS);
        }
    }

    private static void pythonOnly(ValidationReport.Collector out, SpecField field) {
        error(out, field, -1, "", BuilderMessages.pythonOnly(field.member()));
    }

    private static void pythonExecRules(ImageSpec spec, ValidationReport.Collector out) {
        if (spec.pythonExec().isEmpty()) {
            return;
        }
        if (nonEmpty(spec.condaPackages())) {
            error(out, SpecField.CONDA_PACKAGES, -1, "", BuilderMessages.condaPackagesWithPythonExec());
        }
        if (nonEmpty(spec.condaChannels())) {
            error(out, SpecField.CONDA_CHANNELS, -1, "", BuilderMessages.condaChannelsWithPythonExec());
        }
    }

    private static void lockFileRules(ImageSpec spec, ValidationReport.Collector out) {
        DockerfileRenderer.lockFile(spec).ifPresent(lock -> {
            if (spec.packages().isPresent()) {
                error(out, SpecField.PACKAGES, -1, lock, BuilderMessages.packagesWithLockFile(lock));
            }
            if (DockerfileRenderer.usesPip(spec)) {
                error(out, SpecField.REQUIREMENTS, -1, lock, BuilderMessages.lockFileWithPip(lock));
            }
        });
    }

    private static void envValues(ImageSpec spec, ValidationReport.Collector out) {
        Map<String, String> env = spec.env().orElse(Map.of());
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (InputText.hasControl(e.getValue())) {
                error(out, SpecField.ENV, i, e.getValue(), BuilderMessages.envValueControl(e.getKey()));
            }
            i++;
        }
    }

    private static void copyPaths(ImageSpec spec, ValidationReport.Collector out) {
        List<String> copy = spec.copy().orElse(List.of());
        for (int i = 0; i < copy.size(); i++) {
            String src = copy.get(i);
            Path p = Path.of(src).normalize();
            if (Path.of(src).isAbsolute() || hasParentPart(Path.of(src))) {
                error(out, SpecField.COPY, i, src, BuilderMessages.copyOutside(src));
            } else if (!DockerfileSyntax.OPTION_VALUE
                    .matcher(p.toString().replace(' ', '_'))
                    .matches()) {
                // COPY expands $VAR and globs in sources, so only plain names may reach it.
                error(out, SpecField.COPY, i, src, BuilderMessages.copyExpands(src));
            }
        }
    }

    private static boolean hasParentPart(Path p) {
        for (Path part : p) {
            if (part.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static void secretMounts(ImageSpec spec, ValidationReport.Collector out) {
        List<SecretMount> mounts = spec.pipSecretMounts().orElse(List.of());
        List<String> targets = DockerfileRenderer.secretTargets(spec);
        for (int i = 0; i < mounts.size(); i++) {
            SecretMount m = mounts.get(i);
            if (!DockerfileSyntax.OPTION_VALUE.matcher(m.dst()).matches()
                    || !DockerfileSyntax.OPTION_VALUE
                            .matcher(m.src().replace(' ', '_'))
                            .matches()) {
                error(
                        out,
                        SpecField.PIP_SECRET_MOUNTS,
                        i,
                        m.src(),
                        BuilderMessages.secretMountOptions(m.src(), m.dst()));
            } else if (targets.get(i).equals("/")) {
                // BuildKit: "invalid mount target"; a file cannot be mounted over the root
                error(
                        out,
                        SpecField.PIP_SECRET_MOUNTS,
                        i,
                        m.src(),
                        BuilderMessages.secretMountOnRoot(m.src(), m.dst()));
            }
        }
    }

    private static boolean nonEmpty(java.util.Optional<? extends List<?>> list) {
        return list.isPresent() && !list.get().isEmpty();
    }
}
