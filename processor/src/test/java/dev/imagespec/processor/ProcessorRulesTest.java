package dev.imagespec.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.imagespec.runtime.validate.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per rule: the error is on the right line (the member), and names the value. */
class ProcessorRulesTest {
    @TempDir
    Path project;

    private Compilation compile(JavaFileObject... sources) {
        return TaskSource.compile(project, sources);
    }

    private static JavaFileObject task(String... members) {
        return TaskSource.task(members);
    }

    @Test
    void validSpecCompilesCleanlyWithDescriptorIndexAndConstants() {
        JavaFileObject src = task(
                "constants = true, name = \"trainer\",",
                "registry = \"ghcr.io/acme\",",
                "packages = {\"numpy==1.26.4\"}");
        Compilation c = compile(src);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Task.json")
                .contentsAsUtf8String()
                .contains("\"image_name\" : \"ghcr.io/acme/trainer:");
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/index.json")
                .contentsAsUtf8String()
                .contains("\"t.Task\"");
        assertThat(c)
                .generatedSourceFile("t.Task_ImageSpec")
                .contentsAsUtf8String()
                .contains("public static final String IMAGE_NAME = \"ghcr.io/acme/trainer:");
    }

    @Test
    void registryWithSchemeIsAnErrorOnTheRegistryMember() {
        JavaFileObject src = task("name = \"x\",", "registry = \"https://ghcr.io/acme\"");
        Compilation c = compile(src);
        assertThat(c).failed();
        assertThat(c)
                .hadErrorContaining(Messages.registryScheme("https://ghcr.io/acme", "ghcr.io/acme"))
                .inFile(src)
                .onLineContaining("registry =");
    }

    @Test
    void registryWithTagOrTrailingSlash() {
        JavaFileObject tagged = task("registry = \"ghcr.io/acme:tag\"");
        assertThat(compile(tagged))
                .hadErrorContaining("must not contain a tag")
                .inFile(tagged)
                .onLineContaining("registry =");
        JavaFileObject slash = task("registry = \"ghcr.io/acme/\"");
        assertThat(compile(slash)).hadErrorContaining(Messages.registryTrailingSlash("ghcr.io/acme/", "ghcr.io/acme"));
    }

    @Test
    void invalidNameNamesTheValue() {
        JavaFileObject src = task("name = \"my task!\"");
        assertThat(compile(src))
                .hadErrorContaining(Messages.name("my task!"))
                .inFile(src)
                .onLineContaining("name =");
    }

    @Test
    void platformMustBeKnownOsArch() {
        JavaFileObject src = task("platform = \"linux/amd64,linux/sparc\"");
        assertThat(compile(src))
                .hadErrorContaining("\"linux/sparc\", which is not os/arch")
                .inFile(src)
                .onLineContaining("platform =");
    }

    @Test
    void tagFormatRules() {
        JavaFileObject noField = task("tagFormat = \"latest\"");
        assertThat(compile(noField))
                .hadErrorContaining(Messages.tagFormatNoField("latest"))
                .inFile(noField)
                .onLineContaining("tagFormat =");
        JavaFileObject badBrace = task("tagFormat = \"{hash}\"");
        assertThat(compile(badBrace)).hadErrorContaining("is not part of {spec_hash}");
        JavaFileObject badTag = task("tagFormat = \"{spec_hash}/x\"");
        assertThat(compile(badTag)).hadErrorContaining("which is not a valid image tag");
    }

    @Test
    void envNameErrorPointsAtThatEntry() {
        JavaFileObject src =
                task("env = {", "@Env(name = \"GOOD\", value = \"1\"),", "@Env(name = \"1BAD\", value = \"2\")", "}");
        assertThat(compile(src))
                .hadErrorContaining(Messages.envName("1BAD"))
                .inFile(src)
                .onLineContaining("1BAD");
    }

    @Test
    void envGivenTwice() {
        JavaFileObject src = task("env = {@Env(name = \"A\", value = \"1\"),", "@Env(name = \"A\", value = \"2\")}");
        assertThat(compile(src)).hadErrorContaining("env name \"A\" is given twice");
    }

    @Test
    void pipIndexMustBeHttpUrl() {
        JavaFileObject src = task("pipIndex = \"ftp://pypi.example.com\"");
        assertThat(compile(src))
                .hadErrorContaining(Messages.url("pipIndex", "ftp://pypi.example.com"))
                .inFile(src)
                .onLineContaining("pipIndex =");
    }

    @Test
    void pipSecretMountsNeverEnterTheDescriptor() {
        Compilation c = compile(task(
                "packages = \"private-pkg\",",
                "pipSecretMounts = @SecretMount(src = \".netrc\", dst = \"/root/.netrc\")"));
        assertThat(c).succeededWithoutWarnings();
        // same tag as without the mount: the "pip-secret-mounts" vector
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Task.json")
                .contentsAsUtf8String()
                .contains("\"tag\" : \"qNoPA9fXU_xYmCDlyelVJA\"");
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Task.json")
                .contentsAsUtf8String()
                .doesNotContain("netrc");
    }

    @Test
    void pipSecretMountNeedsADestinationWhichMayBeRelative() {
        // flytekit's test_create_docker_context: ("secret_src_2", "secret_dst_2"), resolved against the step's WORKDIR
        assertThat(compile(task(
                        "packages = \"private-pkg\",",
                        "pipSecretMounts = @SecretMount(src = \"secret_src_2\", dst = \"secret_dst_2\")")))
                .succeededWithoutWarnings();
        JavaFileObject src = task("pipSecretMounts = @SecretMount(src = \".netrc\", dst = \"\")");
        assertThat(compile(src)).hadErrorContaining(Messages.secretMount(".netrc", ""));
    }

    @Test
    void aVcsUrlIsAPackage() {
        // flytekit's test_create_docker_context_with_git_subfolder
        assertThat(compile(task("packages = {\"git+https://github.com/flyteorg/flytekit.git@master"
                        + "#subdirectory=plugins/flytekit-wandb\"}")))
                .succeededWithoutWarnings();
    }

    @Test
    void newlineInAPackageCannotReachADockerfile() {
        JavaFileObject src = task("packages = {\"numpy\", \"pandas\\nRUN curl evil\"}");
        assertThat(compile(src))
                .hadErrorContaining("must not contain NUL, newline or carriage return")
                .inFile(src)
                .onLineContaining("packages =");
    }

    @Test
    void missingFilesAreReportedWithWhereTheyWereLookedFor() {
        JavaFileObject src = task("requirements = \"reqs.txt\",", "copy = {\"conf\"}");
        Compilation c = compile(src);
        assertThat(c)
                .hadErrorContaining("requirements \"reqs.txt\" does not exist")
                .inFile(src)
                .onLineContaining("requirements =");
        assertThat(c)
                .hadErrorContaining("copy \"conf\" does not exist")
                .inFile(src)
                .onLineContaining("copy =");
    }

    @Test
    void filesAreHashedIntoTheDescriptor() throws IOException {
        Files.writeString(project.resolve("requirements.txt"), "numpy==1.26.4\npandas\n");
        Compilation c = compile(task("requirements = \"requirements.txt\""));
        assertThat(c).succeeded();
        // the same digest flytekit computes: the "requirements" vector case's tag
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Task.json")
                .contentsAsUtf8String()
                .contains("\"tag\" : \"oTRs3JW7SheI_7g_AUuKPw\"");
    }

    @Test
    void copyModeAllNeedsSourceRoot() {
        JavaFileObject src = task("sourceCopyMode = CopyFileDetection.ALL");
        assertThat(compile(src))
                .hadErrorContaining(Messages.sourceCopyModeNeedsRoot("ALL"))
                .inFile(src)
                .onLineContaining("sourceCopyMode =");
    }

    @Test
    void sourceRootWithoutModeWarnsThatAJvmLoadsNoModules() throws IOException {
        Files.createDirectories(project.resolve("py"));
        JavaFileObject src = task("sourceRoot = \"py\"");
        Compilation c = compile(src);
        assertThat(c).succeeded();
        assertThat(c)
                .hadWarningContaining("set sourceCopyMode = CopyFileDetection.ALL")
                .inFile(src)
                .onLineContaining("sourceRoot =");
    }

    @Test
    void optionMustSetExactlyOneValue() {
        JavaFileObject src = task("builderOptions = @Option(name = \"cpu\", intValue = 2, value = \"2\")");
        assertThat(compile(src))
                .hadErrorContaining("option \"cpu\" sets values")
                .inFile(src)
                .onLineContaining("builderOptions =");
        JavaFileObject json = task("builderOptions = @Option(name = \"l\", json = \"[1,\")");
        assertThat(compile(json)).hadErrorContaining("is not valid JSON");
    }

    @Test
    void everyProblemOfAClassInOneCompile() {
        JavaFileObject src = task(
                "name = \"Bad Name\",",
                "registry = \"https://x.io\",",
                "platform = \"plan10/z80\",",
                "tagFormat = \"static\"");
        Compilation c = compile(src);
        assertThat(c.errors()).hasSize(4);
    }

    @Test
    void baseSpecMustCarryAnImageSpec() {
        JavaFileObject src = JavaFileObjects.forSourceLines(
                "t.Task",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(",
                "baseSpec = String.class",
                ")",
                "public class Task {}");
        assertThat(compile(src))
                .hadErrorContaining("baseSpec java.lang.String carries no @ImageSpec")
                .inFile(src)
                .onLineContaining("baseSpec =");
    }

    @Test
    void baseSpecCycleIsNamed() {
        JavaFileObject a = JavaFileObjects.forSourceLines(
                "t.A",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(name = \"a\", baseSpec = B.class)",
                "public class A {}");
        JavaFileObject b = JavaFileObjects.forSourceLines(
                "t.B",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(name = \"b\", baseSpec = A.class)",
                "public class B {}");
        Compilation c = compile(a, b);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("baseSpec forms a cycle: A -> B -> A");
    }

    @Test
    void baseImageAndBaseSpecTogether() {
        JavaFileObject src = JavaFileObjects.forSourceLines(
                "t.Task",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(baseImage = \"python:3.11\",",
                "baseSpec = Task.Base.class)",
                "public class Task {",
                "  @ImageSpec(name = \"base\") public static class Base {}",
                "}");
        assertThat(compile(src)).hadErrorContaining(Messages.baseImageAndSpec());
    }

    @Test
    void composedAnnotationErrorsAreReportedOnTheAnnotationOnce() {
        JavaFileObject gpu = JavaFileObjects.forSourceLines(
                "t.Gpu",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(",
                "registry = \"https://ghcr.io/acme\"",
                ")",
                "public @interface Gpu {}");
        JavaFileObject a = JavaFileObjects.forSourceLines("t.A", "package t;", "@Gpu public class A {}");
        JavaFileObject b = JavaFileObjects.forSourceLines("t.B", "package t;", "@Gpu public class B {}");
        Compilation c = compile(gpu, a, b);
        assertThat(c)
                .hadErrorContaining("must not contain a scheme")
                .inFile(gpu)
                .onLineContaining("registry =");
        assertThat(c.errors().stream().filter(e -> e.getMessage(null).contains("must not contain a scheme")))
                .hasSize(1);
    }

    @Test
    void composedAnnotationGivesEachClassADescriptor() {
        JavaFileObject gpu = JavaFileObjects.forSourceLines(
                "t.Gpu",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(cuda = \"11.2.2\", cudnn = \"8\", pythonVersion = \"3.10\")",
                "public @interface Gpu {}");
        JavaFileObject a = JavaFileObjects.forSourceLines("t.A", "package t;", "@Gpu public class A {}");
        Compilation c = compile(gpu, a);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.A.json")
                .contentsAsUtf8String()
                .contains("\"tag\" : \"wcJkTzKYUBmxQldLpdZi2w\"");
        assertThat(c.generatedFiles()).noneMatch(f -> f.getName().endsWith("t.Gpu.json"));
    }

    @Test
    void twoSpecsOnOneClass() {
        JavaFileObject gpu = JavaFileObjects.forSourceLines(
                "t.Gpu",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(cuda = \"12.1\")",
                "public @interface Gpu {}");
        JavaFileObject a = JavaFileObjects.forSourceLines(
                "t.A",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@Gpu @ImageSpec(name = \"a\") public class A {}");
        assertThat(compile(gpu, a)).hadErrorContaining("carries 2 image specs");
    }

    @Test
    void anErrorAnywhereMeansNoDescriptorAtAll() throws IOException {
        Map<String, String> sources = Map.of(
                "t/Good.java", "package t; @dev.imagespec.annotations.ImageSpec(name = \"good\") public class Good {}",
                "t/Bad.java",
                        "package t; @dev.imagespec.annotations.ImageSpec(registry = \"https://x\") public class Bad {}");
        RealJavac.Result r = RealJavac.compile(project, sources, List.of("t/Good.java", "t/Bad.java"));
        assertThat(r.success()).isFalse();
        assertThat(r.diagnostics()).contains("must not contain a scheme");
        try (Stream<Path> files = Files.walk(r.classes())) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".json"));
        }
    }

    @Test
    void typedOptionsHashLikePython() {
        // the "builder-options" vector: {"imagepull_secret_name": "regcred", "cpu": 2, "mem": 4.5, "debug": true,
        // "none": null}
        JavaFileObject src = task(
                "builderOptions = {",
                "@Option(name = \"imagepull_secret_name\", value = \"regcred\"),",
                "@Option(name = \"cpu\", intValue = 2),",
                "@Option(name = \"mem\", floatValue = 4.5),",
                "@Option(name = \"debug\", boolValue = true),",
                "@Option(name = \"none\", nullValue = true)}");
        Compilation c = compile(src);
        assertThat(c).succeeded();
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Task.json")
                .contentsAsUtf8String()
                .contains("\"id\" : \"93oGv3BdjXZhf2BJryNoOQ\"");
    }
}
