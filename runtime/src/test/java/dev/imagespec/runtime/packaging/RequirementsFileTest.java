package dev.imagespec.runtime.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.packaging.RequirementsFile.Include;
import dev.imagespec.runtime.validate.Messages;
import dev.imagespec.runtime.validate.PackageRules;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.ValidationReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequirementsFileTest {

    @Test
    void commentsBlankLinesAndContinuationsKeepFirstLineNumber() {
        RequirementsFile file = RequirementsFile.parse(
                "requirements.txt",
                String.join(
                        "\n",
                        "# tools",
                        "",
                        "numpy>=1.26  # math",
                        "pandas==2.1 \\",
                        "  ; python_version >= '3.9'",
                        "pkg @ https://x.example/p.whl#sha256=abc",
                        "   # indented comment"));
        assertThat(file.findings()).isEmpty();
        assertThat(file.entries()).hasSize(3);
        assertThat(file.entries().get(0).line()).isEqualTo(3);
        assertThat(file.entries().get(0).requirement().orElseThrow().toString()).isEqualTo("numpy>=1.26");
        assertThat(file.entries().get(1).line()).isEqualTo(4);
        assertThat(file.entries().get(1).requirement().orElseThrow().marker()).contains("python_version >= \"3.9\"");
        assertThat(file.entries().get(2).requirement().orElseThrow().url())
                .contains("https://x.example/p.whl#sha256=abc");
    }

    @Test
    void includesAndSourceChangingOptionsAreReported() {
        RequirementsFile file = RequirementsFile.parse(
                "req.txt",
                String.join(
                        "\r\n",
                        "-r base.txt",
                        "--constraint=constraints.txt",
                        "-i https://mirror.example/simple",
                        "--extra-index-url https://extra.example/simple",
                        "-fhttps://wheels.example/",
                        "--no-index",
                        "--trusted-host mirror.example",
                        "--prefer-binary",
                        "requests"));
        assertThat(file.findings()).isEmpty();
        assertThat(file.includes())
                .containsExactly(
                        new Include(1, Include.Kind.REQUIREMENTS, "base.txt"),
                        new Include(2, Include.Kind.CONSTRAINTS, "constraints.txt"));
        assertThat(file.options())
                .extracting(RequirementsFile.Option::name)
                .containsExactly(
                        "--index-url",
                        "--extra-index-url",
                        "--find-links",
                        "--no-index",
                        "--trusted-host",
                        "--prefer-binary");
        assertThat(file.options().get(2).value()).isEqualTo(Optional.of("https://wheels.example/"));
        assertThat(file.options().get(5).changesPackageSource()).isFalse();
        assertThat(file.changesPackageSource()).isTrue();
        assertThat(file.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(9));
    }

    @Test
    void onlyIndexOptionsAreSourceChanging() {
        assertThat(RequirementsFile.parse("r.txt", "--pre\nnumpy\n").changesPackageSource())
                .isFalse();
    }

    @Test
    void badLinesBecomeProblemsAtTheirLine() {
        RequirementsFile file = RequirementsFile.parse(
                "requirements.txt",
                String.join(
                        "\n",
                        "numpy",
                        "pkg>=1.0 <2",
                        "--no-such-option",
                        "-r",
                        "numpy==1.26.4 --hash=sha256:abc --pre",
                        "./local/pkg",
                        "torch ${TORCH_VERSION}"));
        List<RequirementsFile.Finding> found = file.findings();
        assertThat(found)
                .extracting(RequirementsFile.Finding::where)
                .containsExactly(
                        "requirements.txt:2",
                        "requirements.txt:3",
                        "requirements.txt:4",
                        "requirements.txt:5",
                        "requirements.txt:6",
                        "requirements.txt:7",
                        "requirements.txt:7");
        assertThat(found.get(0).kind()).isEqualTo(RequirementsFile.Finding.Kind.INVALID_REQUIREMENT);
        assertThat(Messages.requirementsLine(found.get(0)))
                .contains("\"pkg>=1.0 <2\"")
                .contains("write e.g.");
        assertThat(Messages.requirementsLine(found.get(1))).contains("\"--no-such-option\"");
        assertThat(Messages.requirementsLine(found.get(2)))
                .contains("needs a value")
                .contains("-r")
                .contains("--requirement base.txt");
        assertThat(Messages.requirementsLine(found.get(3))).contains("\"--pre\"");
        assertThat(found.get(4).kind()).isEqualTo(RequirementsFile.Finding.Kind.PATH_OR_URL);
        ValidationReport.Collector out = ValidationReport.collector();
        PackageRules.requirementsFile("requirements.txt", file, out);
        assertThat(out.report().problems().get(4).severity()).isEqualTo(Problem.Severity.WARNING);
        assertThat(out.report().problems().get(0).severity()).isEqualTo(Problem.Severity.STRICT);
        assertThat(Messages.requirementsLine(found.get(5))).contains("${TORCH_VERSION}");
        assertThat(file.entries().get(1).options()).containsExactly("--hash=sha256:abc", "--pre");
    }

    @Test
    void pythonLineBreaksSplitLinesAsPipDoes() {
        RequirementsFile file = RequirementsFile.parse("r.txt", "numpy\u2028pandas\u000bscipy");
        assertThat(file.entries()).extracting(RequirementsFile.Entry::line).containsExactly(1, 2, 3);
    }

    @Test
    void labeledEntriesFeedConflicts() {
        RequirementsFile file = RequirementsFile.parse("requirements.txt", "numpy>=2\nscipy\nnumpy<1.5\n");
        assertThat(PackageConflicts.find(file.labeled())).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(PackageConflicts.Conflict.Kind.UNSATISFIABLE);
            assertThat(Messages.packageConflict(p))
                    .contains("requirements.txt:1")
                    .contains("requirements.txt:3");
        });
    }

    @Test
    void oneLineIsReadAsPipReadsAnEntryAndOnlyPep508EntriesAreLabeled() {
        String wandb = "git+https://github.com/flyteorg/flytekit.git@master#subdirectory=plugins/flytekit-wandb";
        RequirementsFile line = RequirementsFile.parseLine("packages[0]", wandb);
        assertThat(line.entries()).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo(wandb); // the '#' follows no space: a fragment, not a comment
            assertThat(e.requirement()).isEmpty();
        });
        assertThat(line.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(RequirementsFile.Finding.Kind.PATH_OR_URL);
            assertThat(f.where()).isEqualTo("packages[0]");
        });
        assertThat(line.labeled()).isEmpty();
        RequirementsFile hashed = RequirementsFile.parseLine("packages[1]", "numpy==1.26.4 --hash=sha256:abc");
        assertThat(hashed.findings()).isEmpty();
        assertThat(hashed.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.options()).containsExactly("--hash=sha256:abc"));

        RequirementsFile file =
                RequirementsFile.parse("r.txt", "./local/pkg\n" + wandb + "\nnumpy>=2 --hash=sha256:abc\n");
        assertThat(file.labeled())
                .extracting(PackageConflicts.Labeled::label, PackageConflicts.Labeled::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r.txt:3", "numpy>=2"));
    }
}
