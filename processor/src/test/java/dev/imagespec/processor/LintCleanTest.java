package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Xlint:all -Werror} compiles clean with the processor found as javac finds it in its jar
 * (both halves, through the service file): javac reports an annotation "no processor claimed" unless
 * a processor returns true for it, and the processor claims its own annotations, composed specs
 * (from this compile and from another jar) and {@code @Generated} on what it generated, and nothing
 * else.
 */
class LintCleanTest {
    private static final String PKG =
            "package t;\nimport dev.imagespec.annotations.*;\nimport dev.imagespec.annotations.ImageSpec.*;\n";

    private static final Map<String, String> LIB = Map.of(
            "lib/LibImage.java",
                    "package lib;\nimport java.lang.annotation.*;\n"
                            + "@dev.imagespec.annotations.ImageSpec(constants = true, name = \"lib\", pythonVersion = \"3.11\")\n"
                            + "@Retention(RetentionPolicy.CLASS) @Target(ElementType.TYPE) @Documented\npublic @interface LibImage {}",
            "lib/LibBase.java",
                    "package lib;\n@dev.imagespec.annotations.ImageSpec(constants = true, name = \"libbase\", registry = \"localhost:30000\")\n"
                            + "public class LibBase {}");

    private static final Map<String, String> SOURCES = Map.of(
            "t/Direct.java",
                    PKG
                            + "@ImageSpec(constants = true, name = \"direct\", registry = \"ghcr.io/acme\", packages = {\"numpy==1.26.4\"},\n"
                            + "    env = @Env(name = \"MODE\", value = \"train\"), builderOptions = @Option(name = \"cpu\", intValue = 2))\n"
                            + "public class Direct {\n  @Override public String toString() { return Direct_ImageSpec.IMAGE_NAME; }\n"
                            + "  @ImageSpec(constants = true, name = \"nested\") public static final class Nested {}\n}",
            "t/Gpu.java",
                    PKG
                            + "import java.lang.annotation.*;\n@ImageSpec(constants = true, name = \"gpu\", cuda = \"12.1\", cudnn = \"9\")\n"
                            + "@Retention(RetentionPolicy.CLASS) @Target(ElementType.TYPE)\npublic @interface Gpu {}",
            "t/OnGpu.java", PKG + "@Gpu public class OnGpu {}",
            "t/Deep.java", PKG + "@Gpu public @interface Deep {}",
            "t/OnDeep.java", PKG + "@Deep public final class OnDeep { @Deprecated void old() {} }",
            "t/Child.java",
                    PKG
                            + "@ImageSpec(constants = true, name = \"child\", baseSpec = Direct.class, packages = \"pandas>=2\")\n"
                            + "public record Child(int x) {}",
            "t/FromLib.java", PKG + "@lib.LibImage public class FromLib {}",
            "t/OnLibBase.java",
                    PKG
                            + "@ImageSpec(constants = true, name = \"onlib\", baseSpec = lib.LibBase.class) public class OnLibBase {}",
            "t/Plain.java",
                    "package t;\n/** No spec here. */\npublic interface Plain { @SuppressWarnings(\"unused\") default void m() {} }");

    @Test
    void aSampleOfEveryKindOfSpecCompilesWithoutAWarning(@TempDir Path lib, @TempDir Path dir) throws Exception {
        RealJavac.Result l = RealJavac.discovering(
                lib, LIB, List.of("lib/LibImage.java", "lib/LibBase.java"), List.of(), "-Xlint:all", "-Werror");
        assertThat(l.success()).as(l.diagnostics()).isTrue();
        assertThat(l.diagnostics()).isEmpty();

        List<String> order = List.of(
                "t/Direct.java",
                "t/Gpu.java",
                "t/OnGpu.java",
                "t/Deep.java",
                "t/OnDeep.java",
                "t/Child.java",
                "t/FromLib.java",
                "t/OnLibBase.java",
                "t/Plain.java");
        RealJavac.Result r = RealJavac.discovering(dir, SOURCES, order, List.of(l.classes()), "-Xlint:all", "-Werror");
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(RealJavac.descriptors(r.classes()))
                .containsExactly(
                        "META-INF/imagespec/index.json",
                        "META-INF/imagespec/t.Child.json",
                        "META-INF/imagespec/t.Direct$Nested.json",
                        "META-INF/imagespec/t.Direct.json",
                        "META-INF/imagespec/t.FromLib.json",
                        "META-INF/imagespec/t.OnDeep.json",
                        "META-INF/imagespec/t.OnGpu.json",
                        "META-INF/imagespec/t.OnLibBase.json");
        assertThat(GeneratedSpecTest.descriptor(r.classes(), "t.OnDeep").spec()).containsEntry("name", "gpu");
        assertThat(GeneratedSpecTest.descriptor(r.classes(), "t.FromLib").spec())
                .containsEntry("name", "lib");
        assertThat(GeneratedSpecTest.descriptor(r.classes(), "t.OnLibBase")
                        .spec()
                        .get("base_image")
                        .toString())
                .contains("libbase");
    }

    @Test
    void aComposedSpecFromAnotherJarAloneIsFoundAndClaimed(@TempDir Path lib, @TempDir Path dir) throws Exception {
        RealJavac.Result l =
                RealJavac.discovering(lib, LIB, List.of("lib/LibImage.java", "lib/LibBase.java"), List.of());
        assertThat(l.success()).as(l.diagnostics()).isTrue();
        // no @ImageSpec anywhere in this compile: only the "*" half is called
        RealJavac.Result r = RealJavac.discovering(
                dir,
                Map.of("u/Only.java", "package u; @lib.LibImage public class Only {}"),
                List.of("u/Only.java"),
                List.of(l.classes()),
                "-Xlint:all",
                "-Werror");
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        assertThat(r.diagnostics()).isEmpty();
        assertThat(RealJavac.descriptors(r.classes())).contains("META-INF/imagespec/u.Only.json");
    }

    @Test
    void anotherAnnotationIsLeftUnclaimedForItsOwnProcessor(@TempDir Path dir) throws Exception {
        // the processor must not take what it does not own: javac still reports this one
        Map<String, String> sources = Map.of(
                "t/Other.java",
                PKG + "@interface Mine {}\n" + "@Mine @ImageSpec(constants = true, name = \"other\") class Other {}");
        RealJavac.Result r = RealJavac.discovering(dir, sources, List.of("t/Other.java"), List.of(), "-Xlint:all");
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        assertThat(r.diagnostics())
                .contains("No processor claimed any of these annotations: /t.Mine")
                .doesNotContain("ImageSpec,")
                .doesNotContain("/dev.imagespec");
        assertThat(RealJavac.descriptors(r.classes())).contains("META-INF/imagespec/t.Other.json");
    }
}
