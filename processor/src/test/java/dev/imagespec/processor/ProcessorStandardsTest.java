package dev.imagespec.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standards rules (PEP 440/508, the reference grammar, conda, Debian), good and bad, on the exact member. */
class ProcessorStandardsTest {
    @TempDir
    Path project;

    private Compilation compile(JavaFileObject... sources) {
        return TaskSource.compile(project, sources);
    }

    private static JavaFileObject task(String... members) {
        return TaskSource.task(members);
    }

    @Test
    void goodStandardsCompileWithoutWarnings() throws IOException {
        Files.writeString(
                project.resolve("requirements.txt"),
                "# pinned\nscipy>=1.11 ; python_version >= \"3.9\"\n\nrequests[socks]==2.31.0\n");
        assertThat(
                        compile(
                                task(
                                        "pythonVersion = \"3.11\",",
                                        "packages = {\"numpy>=1.26,<2\", \"torch==2.1.0+cpu\"},",
                                        "requirements = \"requirements.txt\",",
                                        "condaPackages = {\"pytorch::pytorch=2.1\", \"cudatoolkit>=11.8,<12\"},",
                                        "aptPackages = {\"git\", \"libssl-dev\", \"curl=7.88.1-10+deb12u5\"},",
                                        "baseImage = \"ghcr.io/acme/base:1.0@sha256:26c68657ccce2cb0a31b330cb0be2b5e108d467f641c62e13ab40cbec258c68d\"")))
                .succeededWithoutWarnings();
    }

    @Test
    void invalidRequirementIsOnItsElement() {
        JavaFileObject src = task("packages = {\"numpy\",", "\"pandas>=\"}");
        assertThat(compile(src))
                .hadErrorContaining("requirement \"pandas>=\" is not valid")
                .inFile(src)
                .onLineContaining("\"pandas>=\"");
    }

    @Test
    void pythonVersionTypoGetsAHint() {
        JavaFileObject src = task("pythonVersion = \"3.1O\"");
        assertThat(compile(src))
                .hadErrorContaining("write \"3.10\"")
                .inFile(src)
                .onLineContaining("pythonVersion =");
        assertThat(compile(task("pythonVersion = \"3.100\""))).hadErrorContaining("3.100");
    }

    @Test
    void baseImageFollowsTheReferenceGrammar() {
        JavaFileObject upper = task("baseImage = \"Ubuntu:22.04\"");
        assertThat(compile(upper))
                .hadErrorContaining("write \"ubuntu:22.04\"")
                .inFile(upper)
                .onLineContaining("baseImage =");
        JavaFileObject digest = task("baseImage = \"python@sha256:abc\"");
        assertThat(compile(digest)).hadErrorContaining("python@sha256:abc");
    }

    @Test
    void unpinnedBaseImageIsAWarning() {
        JavaFileObject src = task("baseImage = \"python\"");
        Compilation c = compile(src);
        assertThat(c).succeeded();
        assertThat(c)
                .hadWarningContaining("has neither tag nor digest")
                .inFile(src)
                .onLineContaining("baseImage =");
    }

    @Test
    void aptAndCondaNames() {
        JavaFileObject apt = task("aptPackages = {\"git\", \"Curl\"}");
        assertThat(compile(apt))
                .hadErrorContaining("apt package \"Curl\" must be lower-case")
                .inFile(apt)
                .onLineContaining("aptPackages =");
        JavaFileObject conda = task("condaPackages = {\"numpy>=>1\"}");
        assertThat(compile(conda)).hadErrorContaining("numpy>=>1");
    }

    @Test
    void conflictingRangesAcrossPackagesAndRequirementsNameBothPlaces() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "pandas\nnumpy<1.5\n");
        JavaFileObject src = task("packages = {\"numpy>=2\"},", "requirements = \"requirements.txt\"");
        assertThat(compile(src))
                .hadErrorContaining("\"numpy>=2\" (packages[0]) and \"numpy<1.5\" (requirements.txt:2)");
    }

    @Test
    void sameMeaningTwiceIsAWarning() {
        Compilation c = compile(task("packages = {\"numpy>=2\", \"NumPy >= 2\"}"));
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("numpy");
    }

    @Test
    void requirementsIncludesCannotBeBuilt() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "-r base.txt\nnumpy\n");
        JavaFileObject src = task("requirements = \"requirements.txt\"");
        assertThat(compile(src))
                .hadErrorContaining("includes \"base.txt\"")
                .inFile(src)
                .onLineContaining("requirements =");
    }

    @Test
    void indexOptionInRequirementsIsReportedNotDropped() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "--index-url https://pypi.example.com/simple\nnumpy\n");
        Compilation c = compile(task("requirements = \"requirements.txt\""));
        assertThat(c).hadWarningContaining("changes where pip installs from");
    }

    @Test
    void markerThePythonNeverMeetsIsAWarning() {
        Compilation c =
                compile(task("pythonVersion = \"3.11\",", "packages = {\"tomli; python_version < \\\"3.11\\\"\"}"));
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("never is");
    }
}
