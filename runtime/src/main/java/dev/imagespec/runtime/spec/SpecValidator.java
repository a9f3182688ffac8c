package dev.imagespec.runtime.spec;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.packaging.PackageConflicts;
import dev.imagespec.runtime.packaging.RequirementsFile;
import dev.imagespec.runtime.validate.AptRules;
import dev.imagespec.runtime.validate.BaseImageRules;
import dev.imagespec.runtime.validate.CondaRules;
import dev.imagespec.runtime.validate.CudaRules;
import dev.imagespec.runtime.validate.EnvRules;
import dev.imagespec.runtime.validate.NameRules;
import dev.imagespec.runtime.validate.PackageRules;
import dev.imagespec.runtime.validate.PathRules;
import dev.imagespec.runtime.validate.PipOptionRules;
import dev.imagespec.runtime.validate.PlatformRules;
import dev.imagespec.runtime.validate.Problem.Severity;
import dev.imagespec.runtime.validate.PythonRules;
import dev.imagespec.runtime.validate.RegistryRules;
import dev.imagespec.runtime.validate.SourceRules;
import dev.imagespec.runtime.validate.TagFormatRules;
import dev.imagespec.runtime.validate.TextRules;
import dev.imagespec.runtime.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one entry point of validation: reads a spec's values and hands them to the rule classes of
 * {@code validate}, the same code for the runtime (each spec it makes) and the processor (each
 * {@code @ImageSpec} it reads), so both say the same thing. {@link #packages} also reads the
 * requirements file and walks the base specs; {@link FileChecks} needs the file system. Never
 * throws and never prints: it returns a {@link ValidationReport}.
 *
 * <p>Example: {@code SpecValidator.validate(spec).problems()} → {@code [Problem[field=registry, ...]]}.
 */
public final class SpecValidator {
    private SpecValidator() {}

    /**
     * Each rule step in field order: which rule class reads which values, and the worst severity
     * that class can give (its {@code WORST}). {@link #errors} runs the steps whose worst is ERROR,
     * so a rule that starts to say ERROR is run by {@code build()} as soon as its class says so
     * ({@code SpecValidatorTest} checks every class's {@code WORST} against what it says).
     *
     * <p>The steps read values with {@code orElse(null)} rather than {@code ifPresent} lambdas:
     * {@code build()} runs for every spec a program makes (see the README's Performance section).
     */
    enum Rule {
        NAME(NameRules.WORST),
        REGISTRY(RegistryRules.WORST),
        PYTHON_VERSION(PythonRules.WORST),
        SOURCE_ROOT(PathRules.WORST),
        ENV(EnvRules.WORST),
        PACKAGES(PackageRules.WORST),
        CONDA_PACKAGES(CondaRules.WORST),
        CONDA_CHANNELS(CondaRules.WORST),
        REQUIREMENTS(PathRules.WORST),
        APT_PACKAGES(AptRules.WORST),
        CUDA(CudaRules.WORST),
        BASE_IMAGE(BaseImageRules.WORST),
        PLATFORM(PlatformRules.WORST),
        PIP_OPTIONS(PipOptionRules.WORST),
        REGISTRY_CONFIG(PathRules.WORST),
        COMMANDS(TextRules.WORST),
        TAG_FORMAT(TagFormatRules.WORST),
        SOURCE_COPY_MODE(SourceRules.WORST),
        COPY(PathRules.WORST),
        PYTHON_EXEC(PathRules.WORST),
        RUNTIME_PACKAGES(PackageRules.WORST);

        private final Severity worst;

        Rule(Severity worst) {
            this.worst = worst;
        }

        /** The worst severity this step can add. */
        Severity worst() {
            return worst;
        }

        /** Adds this step's problems of {@code s}. */
        void check(SpecValues s, ValidationReport.Collector out) {
            // one switch rather than a body per constant: 21 classes fewer to load in javac and at build()
            switch (this) {
                case NAME -> {
                    NameRules.check(s.name(), out);
                }
                case REGISTRY -> {
                    String v = s.string(SpecField.REGISTRY).orElse(null);
                    if (v != null) {
                        RegistryRules.check(v, out);
                    }
                }
                case PYTHON_VERSION -> {
                    String v = s.string(SpecField.PYTHON_VERSION).orElse(null);
                    if (v != null) {
                        PythonRules.check(v, out);
                    }
                }
                case SOURCE_ROOT -> {
                    path(s, SpecField.SOURCE_ROOT, out);
                }
                case ENV -> {
                    Map<String, String> v = s.env().orElse(null);
                    if (v != null) {
                        EnvRules.check(v, out);
                    }
                }
                case PACKAGES -> {
                    List<String> v = s.list(SpecField.PACKAGES).orElse(null);
                    if (v != null) {
                        PackageRules.requirements(SpecField.PACKAGES.member(), v, out);
                    }
                }
                case CONDA_PACKAGES -> {
                    List<String> v = s.list(SpecField.CONDA_PACKAGES).orElse(null);
                    if (v != null) {
                        CondaRules.packages(v, out);
                    }
                }
                case CONDA_CHANNELS -> {
                    List<String> v = s.list(SpecField.CONDA_CHANNELS).orElse(null);
                    if (v != null) {
                        CondaRules.channels(v, out);
                    }
                }
                case REQUIREMENTS -> {
                    path(s, SpecField.REQUIREMENTS, out);
                }
                case APT_PACKAGES -> {
                    List<String> v = s.list(SpecField.APT_PACKAGES).orElse(null);
                    if (v != null) {
                        AptRules.check(v, out);
                    }
                }
                case CUDA -> {
                    String cuda = s.string(SpecField.CUDA).orElse(null);
                    if (cuda != null) {
                        CudaRules.check(SpecField.CUDA.member(), cuda, out);
                    }
                    String cudnn = s.string(SpecField.CUDNN).orElse(null);
                    if (cudnn != null) {
                        CudaRules.check(SpecField.CUDNN.member(), cudnn, out);
                    }
                }
                case BASE_IMAGE -> {
                    String v = s.baseImage().orElse(null);
                    if (v != null) {
                        BaseImageRules.check(v, out);
                    }
                }
                case PLATFORM -> {
                    PlatformRules.check(s.platform(), out);
                }
                case PIP_OPTIONS -> {
                    String index = s.string(SpecField.PIP_INDEX).orElse(null);
                    if (index != null) {
                        PipOptionRules.index(index, out);
                    }
                    List<String> extra = s.list(SpecField.PIP_EXTRA_INDEX_URL).orElse(null);
                    if (extra != null) {
                        PipOptionRules.extraIndexUrls(extra, out);
                    }
                    List<SecretMount> mounts = s.secretMounts().orElse(List.of());
                    for (int i = 0; i < mounts.size(); i++) {
                        PipOptionRules.secretMount(
                                i, mounts.get(i).src(), mounts.get(i).dst(), out);
                    }
                    String args = s.string(SpecField.PIP_EXTRA_ARGS).orElse(null);
                    if (args != null) {
                        PipOptionRules.extraArgs(args, out);
                    }
                }
                case REGISTRY_CONFIG -> {
                    path(s, SpecField.REGISTRY_CONFIG, out);
                }
                case COMMANDS -> {
                    TextRules.noNul(
                            SpecField.ENTRYPOINT.member(),
                            s.list(SpecField.ENTRYPOINT).orElse(List.of()),
                            out);
                    TextRules.noNul(
                            SpecField.COMMANDS.member(),
                            s.list(SpecField.COMMANDS).orElse(List.of()),
                            out);
                }
                case TAG_FORMAT -> {
                    String v = s.string(SpecField.TAG_FORMAT).orElse(null);
                    if (v != null) {
                        TagFormatRules.check(v, out);
                    }
                }
                case SOURCE_COPY_MODE -> {
                    CopyFileDetection mode = s.sourceCopyMode().orElse(null);
                    if (mode != null) {
                        SourceRules.check(mode, s.string(SpecField.SOURCE_ROOT).orElse(null), out);
                    }
                }
                case COPY -> {
                    List<String> v = s.list(SpecField.COPY).orElse(null);
                    if (v != null) {
                        PathRules.paths(SpecField.COPY.member(), v, out);
                    }
                }
                case PYTHON_EXEC -> {
                    path(s, SpecField.PYTHON_EXEC, out);
                }
                case RUNTIME_PACKAGES -> {
                    List<String> v = s.list(SpecField.RUNTIME_PACKAGES).orElse(null);
                    if (v != null) {
                        PackageRules.requirements(SpecField.RUNTIME_PACKAGES.member(), v, out);
                    }
                }
            }
        }

        private static void path(SpecValues s, SpecField field, ValidationReport.Collector out) {
            String v = s.string(field).orElse(null);
            if (v != null) {
                PathRules.path(field.member(), -1, v, out);
            }
        }
    }

    private static final Rule[] ALL = Rule.values();
    /** The steps that can say ERROR, derived from each rule class's {@code WORST}. */
    private static final Rule[] CAN_ERROR = canError();

    private static Rule[] canError() {
        List<Rule> out = new ArrayList<>();
        for (Rule r : ALL) {
            if (r.worst() == Severity.ERROR) {
                out.add(r);
            }
        }
        return out.toArray(new Rule[0]);
    }

    private static ValidationReport run(SpecValues spec, Rule[] rules) {
        ValidationReport.Collector out = ValidationReport.collector();
        for (Rule r : rules) {
            r.check(spec, out);
        }
        return out.report();
    }

    /** Every problem of the spec (not of its base spec), of every severity, in field order. */
    public static ValidationReport validate(SpecValues spec) {
        return run(spec, ALL);
    }

    /**
     * Only the problems that stop a spec from being made ({@link Severity#ERROR}), from every rule
     * that can say ERROR; what {@code ImageSpec.Builder.build()} and {@code SpecMapper.fromMap} refuse.
     * Equal to {@code validate(spec).errors()}, at the cost of the few rules that can say ERROR.
     */
    public static ValidationReport errors(SpecValues spec) {
        ValidationReport found = run(spec, CAN_ERROR);
        return found.isEmpty() ? found : ValidationReport.of(found.errors());
    }

    /** The problems that stop a build, of the spec and its base specs: {@link Severity#ERROR} and {@link Severity#STRICT}. */
    public static ValidationReport buildBlockers(SpecValues spec) {
        ValidationReport.Collector out = ValidationReport.collector();
        for (SpecValues s = spec; s != null; s = s.baseSpec().orElse(null)) {
            validate(s).blockers().forEach(out::add);
        }
        return out.report();
    }

    /** The file rules: what the spec names exists and can be read ({@link FileChecks}). */
    public static ValidationReport files(SpecValues spec) {
        return FileChecks.check(spec);
    }

    /**
     * The package rules that look at more than one value: the requirements file's lines (as pip
     * reads them), the same package named twice across {@code packages}, the requirements file and
     * the base specs, and {@code python_version} markers the spec's Python never meets. Reads the
     * requirements file, so it runs where files are: the processor and the CLI.
     *
     * <p>Example: reports {@code numpy>=2} (packages[0]) against {@code numpy<1.5} (requirements.txt:3).
     */
    public static ValidationReport packages(SpecValues spec) {
        ValidationReport.Collector out = ValidationReport.collector();
        List<PackageConflicts.Labeled> labeled = new ArrayList<>();
        collect(spec, "", labeled, out);
        PackageRules.conflicts(labeled, out);
        String python = spec.string(SpecField.PYTHON_VERSION).orElse(null);
        if (python != null) {
            PackageRules.pythonMarkers(python, labeled, out);
        }
        return out.report();
    }

    private static void collect(
            SpecValues spec, String prefix, List<PackageConflicts.Labeled> labeled, ValidationReport.Collector out) {
        List<String> packages = spec.list(SpecField.PACKAGES).orElse(List.of());
        for (int i = 0; i < packages.size(); i++) {
            String label = prefix + "packages[" + i + "]";
            PackageRules.requirementOf(packages.get(i))
                    .ifPresent(r -> labeled.add(new PackageConflicts.Labeled(label, r)));
        }
        String requirements = spec.string(SpecField.REQUIREMENTS).orElse("");
        if (!requirements.isEmpty()) {
            requirementsFile(spec, requirements, prefix, labeled, out);
        }
        SpecValues base = spec.baseSpec().orElse(null);
        if (base != null) {
            collect(base, prefix + "baseSpec " + base.name() + " ", labeled, out);
        }
    }

    private static void requirementsFile(
            SpecValues spec,
            String name,
            String prefix,
            List<PackageConflicts.Labeled> labeled,
            ValidationReport.Collector out) {
        if (name.indexOf('\0') >= 0) {
            return; // the value rules report it; Path.of would throw
        }
        Path file = spec.resolve(name);
        if (!Files.isRegularFile(file)) {
            return; // FileChecks reports it
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return; // FileChecks reports unreadable files
        }
        RequirementsFile parsed = RequirementsFile.parse(prefix + name, text);
        if (prefix.isEmpty()) { // a base spec's file is reported where that spec is compiled
            PackageRules.requirementsFile(name, parsed, out);
        }
        labeled.addAll(parsed.labeled());
    }
}
