package dev.imagespec.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.packaging.PackageConflicts.Labeled;
import dev.imagespec.runtime.packaging.RequirementsFile;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each rule class on one value it accepts and one it refuses: the field, index, severity, value and message. */
class RuleClassesTest {

    private static List<Problem> run(Consumer<ValidationReport.Collector> rule) {
        ValidationReport.Collector out = ValidationReport.collector();
        rule.accept(out);
        return out.report().problems();
    }

    private static Problem only(Consumer<ValidationReport.Collector> rule) {
        List<Problem> problems = run(rule);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void nameRules() {
        assertThat(run(out -> NameRules.check("My-Task", out))).isEmpty();
        assertThat(only(out -> NameRules.check("my task!", out)))
                .isEqualTo(new Problem("name", -1, Severity.STRICT, "my task!", Messages.name("my task!")));
    }

    @Test
    void registryRulesSayWhichPartIsWrong() {
        assertThat(run(out -> RegistryRules.check("GHCR.io/Acme", out))).isEmpty();
        assertThat(RegistryRules.isContainerRegistryName("localhost:30000")).isTrue();
        assertThat(only(out -> RegistryRules.check("https://ghcr.io/acme/", out)))
                .isEqualTo(new Problem(
                        "registry",
                        -1,
                        Severity.ERROR,
                        "https://ghcr.io/acme/",
                        Messages.registryScheme("https://ghcr.io/acme/", "ghcr.io/acme")));
        assertThat(only(out -> RegistryRules.check("ghcr.io/acme/", out)).message())
                .isEqualTo(Messages.registryTrailingSlash("ghcr.io/acme/", "ghcr.io/acme"));
        assertThat(only(out -> RegistryRules.check("ghcr.io/acme:v1", out)).message())
                .contains("must not contain a tag");
        assertThat(only(out -> RegistryRules.check("a b", out)).message()).isEqualTo(Messages.registry("a b"));
    }

    @Test
    void pythonRules() {
        assertThat(run(out -> PythonRules.check("3.12", out))).isEmpty();
        Problem p = only(out -> PythonRules.check("3.1O", out));
        assertThat(p.field()).isEqualTo("pythonVersion");
        assertThat(p.severity()).isEqualTo(Severity.STRICT);
        assertThat(p.message()).contains("write \"3.10\"");
        assertThat(only(out -> PythonRules.check("3.12\n", out)).message()).contains("must not contain NUL");
    }

    @Test
    void packageRulesOnEachEntry() {
        assertThat(run(out ->
                        PackageRules.requirements("packages", List.of("numpy>=1.26", "pkg @ https://x/p.whl"), out)))
                .isEmpty();
        Problem p = only(out -> PackageRules.requirements("runtimePackages", List.of("numpy", "numpy>="), out));
        assertThat(p.field()).isEqualTo("runtimePackages");
        assertThat(p.index()).isEqualTo(1);
        assertThat(p.value()).isEqualTo("numpy>=");
        assertThat(p.message()).startsWith("runtimePackages: requirement \"numpy>=\"");
    }

    /**
     * flytekit's test_create_docker_context_with_git_subfolder: a bare VCS URL is a package, because
     * entries are lines of the requirements file the build writes; so are {@code name @ url}, local
     * paths and per-requirement options. What would break the file stays refused.
     */
    @Test
    void packageEntriesAreRequirementsFileLines() {
        String wandb = "git+https://github.com/flyteorg/flytekit.git@master#subdirectory=plugins/flytekit-wandb";
        assertThat(run(out -> PackageRules.requirements(
                        "packages",
                        List.of(
                                wandb,
                                "flytekitplugins-wandb @ " + wandb,
                                "./plugins/my-plugin",
                                "/wheels/pkg-1.0-py3-none-any.whl",
                                "numpy==1.26.4 --hash=sha256:" + "a".repeat(64),
                                "pandas  # data frames"),
                        out)))
                .isEmpty();

        assertThat(run(out -> PackageRules.requirements(
                        "packages",
                        List.of(
                                "numpy\nRUN x",
                                "numpy\u0000",
                                "numpy\u0085",
                                "numpy \\",
                                "numpy --pre",
                                "-r base.txt",
                                "--bogus",
                                "numpy>=",
                                ""),
                        out)))
                .extracting(Problem::index, Problem::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(1, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(2, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(3, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(4, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(5, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(6, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(7, Severity.STRICT),
                        org.assertj.core.groups.Tuple.tuple(8, Severity.STRICT));
        assertThat(only(out -> PackageRules.requirements("packages", List.of("numpy \\"), out))
                        .message())
                .isEqualTo(Messages.requirementContinues("packages", "numpy \\"));
        assertThat(only(out -> PackageRules.requirements("packages", List.of("numpy --pre"), out))
                        .message())
                .startsWith("packages[0]: option \"--pre\" cannot follow a requirement");
        assertThat(only(out -> PackageRules.requirements("packages", List.of("ok", "-r base.txt"), out))
                        .message())
                .startsWith("packages[1] includes \"base.txt\"");
        Problem index = only(out -> PackageRules.requirements(
                "packages", List.of("--extra-index-url https://pypi.example.com/simple"), out));
        assertThat(index.severity()).isEqualTo(Severity.WARNING);
        assertThat(index.message()).contains("use pipIndex or pipExtraIndexUrl");

        // only PEP 508 lines take part in the comparing rules, without their options
        assertThat(PackageRules.requirementOf("numpy==1.26.4 --hash=sha256:" + "a".repeat(64)))
                .contains("numpy==1.26.4");
        assertThat(PackageRules.requirementOf("pkg @ " + wandb)).contains("pkg @ " + wandb);
        assertThat(PackageRules.requirementOf(wandb)).isEmpty();
        assertThat(PackageRules.requirementOf("-r base.txt")).isEmpty();
        assertThat(PackageRules.requirementOf("numpy\nscipy")).isEmpty();
        assertThat(PackageRules.isComparable("numpy>=")).isFalse();
    }

    @Test
    void packageRulesAcrossValues() {
        assertThat(run(out -> PackageRules.conflicts(
                        List.of(new Labeled("packages[0]", "numpy>=2"), new Labeled("packages[1]", "scipy")), out)))
                .isEmpty();
        Problem conflict = only(out -> PackageRules.conflicts(
                List.of(new Labeled("requirements.txt:3", "numpy<1.5"), new Labeled("packages[2]", "numpy>=2")), out));
        assertThat(conflict.field()).isEqualTo("packages");
        assertThat(conflict.index()).isEqualTo(2);
        assertThat(conflict.severity()).isEqualTo(Severity.STRICT);
        assertThat(conflict.message()).startsWith("packages[2]: package numpy is named twice");
        Problem marker = only(out -> PackageRules.pythonMarkers(
                "3.12", List.of(new Labeled("packages[0]", "tomli; python_version < \"3.11\"")), out));
        assertThat(marker.severity()).isEqualTo(Severity.WARNING);
        assertThat(marker.message()).contains("which pythonVersion \"3.12\" never is");
        assertThat(run(out -> PackageRules.pythonMarkers(
                        "3.10", List.of(new Labeled("packages[0]", "tomli; python_version < \"3.11\"")), out)))
                .isEmpty();
    }

    @Test
    void packageRulesOnARequirementsFile() {
        assertThat(run(out -> PackageRules.requirementsFile("r.txt", RequirementsFile.parse("r.txt", "numpy\n"), out)))
                .isEmpty();
        List<Problem> problems = run(out -> PackageRules.requirementsFile(
                "r.txt",
                RequirementsFile.parse("r.txt", "-r base.txt\n--extra-index-url https://x.example/simple\n"),
                out));
        assertThat(problems).extracting(Problem::severity).containsExactly(Severity.STRICT, Severity.WARNING);
        assertThat(problems.get(0).message()).contains("includes \"base.txt\"");
        assertThat(problems.get(1).message()).contains("sets --extra-index-url https://x.example/simple");
    }

    @Test
    void condaRules() {
        assertThat(run(out -> CondaRules.packages(List.of("conda-forge::numpy>=1.26,<2"), out)))
                .isEmpty();
        assertThat(run(out -> CondaRules.channels(List.of("conda-forge"), out))).isEmpty();
        Problem p = only(out -> CondaRules.packages(List.of("numpy", "numpy>="), out));
        assertThat(p.field()).isEqualTo("condaPackages");
        assertThat(p.index()).isEqualTo(1);
        assertThat(p.message()).startsWith("conda package \"numpy>=\" has an invalid version constraint \">=\"");
        assertThat(only(out -> CondaRules.channels(List.of(""), out)).message())
                .isEqualTo(Messages.emptyValue("condaChannels"));
    }

    @Test
    void aptRules() {
        assertThat(run(out -> AptRules.check(List.of("curl=7.88.1-10+deb12u5"), out)))
                .isEmpty();
        Problem p = only(out -> AptRules.check(List.of("Curl"), out));
        assertThat(p)
                .isEqualTo(new Problem(
                        "aptPackages",
                        0,
                        Severity.STRICT,
                        "Curl",
                        Messages.aptPackage("Curl", dev.imagespec.runtime.packaging.AptPackageName.Flaw.UPPER_CASE)));
    }

    @Test
    void envRules() {
        assertThat(run(out -> EnvRules.check(Map.of("MODEL_DIR", "/m\nx"), out)))
                .isEmpty();
        Problem p = only(out -> EnvRules.check(Map.of("1BAD", "x"), out));
        assertThat(p).isEqualTo(new Problem("env", 0, Severity.STRICT, "1BAD", Messages.envName("1BAD")));
        assertThat(only(out -> EnvRules.check(Map.of("A", "x\0"), out)).message())
                .isEqualTo(Messages.nulCharacter("env", "x\0"));
    }

    @Test
    void pathRules() {
        assertThat(run(out -> PathRules.paths("copy", List.of("conf/app.yaml"), out)))
                .isEmpty();
        assertThat(only(out -> PathRules.paths("copy", List.of("a", ""), out)))
                .isEqualTo(new Problem("copy", 1, Severity.STRICT, "", Messages.emptyValue("copy")));
        assertThat(only(out -> PathRules.path("sourceRoot", -1, "src\r", out)).message())
                .isEqualTo(Messages.controlCharacter("sourceRoot", "src\r"));
    }

    @Test
    void textRules() {
        assertThat(run(out -> TextRules.noNul("commands", List.of("echo a\necho b"), out)))
                .isEmpty();
        assertThat(only(out -> TextRules.noNul("commands", List.of("a", "b\0"), out))
                        .index())
                .isEqualTo(1);
        assertThat(run(out -> TextRules.noControl("pipExtraArgs", -1, "--pre", out)))
                .isEmpty();
        assertThat(only(out -> TextRules.noControl("pipExtraArgs", -1, "--pre\u2028x", out))
                        .severity())
                .isEqualTo(Severity.STRICT);
    }

    @Test
    void cudaRules() {
        assertThat(run(out -> CudaRules.check("cuda", "12.1.1", out))).isEmpty();
        assertThat(only(out -> CudaRules.check("cudnn", "eight", out)))
                .isEqualTo(new Problem("cudnn", -1, Severity.STRICT, "eight", Messages.cudaVersion("cudnn", "eight")));
    }

    @Test
    void baseImageRules() {
        assertThat(run(out -> BaseImageRules.check("python:3.11-slim", out))).isEmpty();
        assertThat(only(out -> BaseImageRules.check("python", out)).severity()).isEqualTo(Severity.WARNING);
        Problem bad = only(out -> BaseImageRules.check("Python:3.11", out));
        assertThat(bad.severity()).isEqualTo(Severity.STRICT);
        assertThat(bad.message()).startsWith("baseImage: image reference \"Python:3.11\"");
    }

    @Test
    void platformRules() {
        assertThat(run(out -> PlatformRules.check("linux/amd64,linux/arm64/v8", out)))
                .isEmpty();
        assertThat(only(out -> PlatformRules.check("linux/amd64,linux/sparc", out)))
                .isEqualTo(new Problem(
                        "platform",
                        -1,
                        Severity.STRICT,
                        "linux/amd64,linux/sparc",
                        Messages.platformInvalid("linux/amd64,linux/sparc", "linux/sparc")));
        assertThat(PlatformRules.isMultiPlatform("linux/amd64,linux/arm64")).isTrue();
        assertThat(PlatformRules.isMultiPlatform("linux/amd64")).isFalse();
    }

    @Test
    void pipOptionRules() {
        assertThat(run(out -> {
                    PipOptionRules.index("https://pypi.example.com/simple", out);
                    PipOptionRules.extraIndexUrls(List.of("http://mirror.local/simple"), out);
                    PipOptionRules.secretMount(0, ".netrc", "/root/.netrc", out);
                    PipOptionRules.extraArgs("--no-cache-dir", out);
                }))
                .isEmpty();
        assertThat(only(out -> PipOptionRules.index("ftp://pypi.example.com", out))
                        .message())
                .isEqualTo(Messages.url("pipIndex", "ftp://pypi.example.com"));
        assertThat(only(out -> PipOptionRules.extraIndexUrls(List.of("https://a", "b"), out))
                        .index())
                .isEqualTo(1);
        // flytekit's test_create_docker_context: ("secret_src_2", "secret_dst_2"), relative to the step's WORKDIR
        assertThat(run(out -> PipOptionRules.secretMount(1, "secret_src_2", "secret_dst_2", out)))
                .isEmpty();
        assertThat(only(out -> PipOptionRules.secretMount(2, ".netrc", "", out)))
                .isEqualTo(new Problem(
                        "pipSecretMounts", 2, Severity.STRICT, ".netrc", Messages.secretMount(".netrc", "")));
        assertThat(only(out -> PipOptionRules.secretMount(0, ".netrc", "/root/.netrc\n", out))
                        .index())
                .isZero();
        assertThat(only(out -> PipOptionRules.extraArgs("--pre\nRUN x", out)).field())
                .isEqualTo("pipExtraArgs");
    }

    @Test
    void tagFormatRules() {
        assertThat(run(out -> TagFormatRules.check("{spec_hash}-dev", out))).isEmpty();
        assertThat(only(out -> TagFormatRules.check("{oops}", out)).severity()).isEqualTo(Severity.ERROR);
        assertThat(only(out -> TagFormatRules.check("latest", out)).message())
                .isEqualTo(Messages.tagFormatNoField("latest"));
        assertThat(only(out -> TagFormatRules.check("{spec_hash}/x", out)).severity())
                .isEqualTo(Severity.STRICT);
    }

    @Test
    void sourceRules() {
        assertThat(run(out -> SourceRules.check(CopyFileDetection.ALL, "src", out)))
                .isEmpty();
        assertThat(run(out -> SourceRules.check(CopyFileDetection.NO_COPY, null, out)))
                .isEmpty();
        assertThat(only(out -> SourceRules.check(CopyFileDetection.ALL, null, out)))
                .isEqualTo(new Problem(
                        "sourceCopyMode", -1, Severity.ERROR, "ALL", Messages.sourceCopyModeNeedsRoot("ALL")));
        Problem warning = only(out -> SourceRules.check(CopyFileDetection.LOADED_MODULES, "py", out));
        assertThat(warning.field()).isEqualTo("sourceRoot");
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aReportSortsProblemsBySeverityWithoutLosingOrder() {
        ValidationReport r = ValidationReport.collector()
                .add(Problem.of("a", Severity.WARNING, "w"))
                .add(Problem.of("b", Severity.STRICT, "s"))
                .add(Problem.of("c", Severity.ERROR, "e"))
                .report();
        assertThat(r.problems()).extracting(Problem::field).containsExactly("a", "b", "c");
        assertThat(r.errors()).extracting(Problem::field).containsExactly("c");
        assertThat(r.blockers()).extracting(Problem::field).containsExactly("b", "c");
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.blocksBuild()).isTrue();
        assertThat(ValidationReport.of(List.of(Problem.of("a", Severity.WARNING, "w")))
                        .blocksBuild())
                .isFalse();
        assertThat(ValidationReport.empty().plus(r)).isEqualTo(r);
        assertThat(r.plus(r).problems()).hasSize(6);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.problems().add(Problem.of("d", Severity.ERROR, "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
