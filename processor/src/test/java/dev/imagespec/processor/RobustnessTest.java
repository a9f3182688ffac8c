package dev.imagespec.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and unlucky input never crashes javac: each problem is an error on the member (or the
 * annotation) that causes it, and a compile that fails for any reason writes no descriptor.
 */
class RobustnessTest {
    @TempDir
    Path project;

    private Compilation compile(JavaFileObject... sources) {
        return TaskSource.compile(project, sources);
    }

    private static JavaFileObject task(String... members) {
        return TaskSource.task(members);
    }

    private static void noCrash(Compilation c) {
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            assertThat(d.getMessage(null)).doesNotContain("Exception").doesNotContain("this is a bug");
        }
    }

    // ---- a failure outside the annotations: nothing written -----------------------------------

    private static final String GOOD =
            "package t; @dev.imagespec.annotations.ImageSpec(constants = true, name = \"good\") public class Good {}";

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "type error|package t; class Other { int x = \"s\"; }",
                "unresolved in a body|package t; class Other { void m() { Missing.call(); } }",
                "unresolved field type|package t; class Other { Missing m; }",
                "unresolved import|package t; import nowhere.Missing; class Other {}",
                "flow error|package t; class Other { int m() { } }",
                "constant too long for a class file|LONG"
            })
    void aCompileThatFailsElsewhereWritesNoDescriptor(String c, @TempDir Path a, @TempDir Path b) throws IOException {
        String[] parts = c.split("\\|", 2);
        String other = parts[1].equals("LONG")
                ? "package t; class Other { static final String S = \"" + "x".repeat(70_000) + "\"; }"
                : parts[1];
        Map<String, String> sources = Map.of("t/Good.java", GOOD, "t/Other.java", other);
        // both orders, and Error Prone's compile policy (the whole compile attributed before anything is generated)
        for (Path dir : List.of(a, b)) {
            List<String> order =
                    dir == a ? List.of("t/Good.java", "t/Other.java") : List.of("t/Other.java", "t/Good.java");
            for (String[] options : List.of(new String[0], new String[] {"-XDcompilePolicy=simple"})) {
                RealJavac.Result r = RealJavac.compile(dir, sources, order, options);
                assertThat(r.success()).as(parts[0] + ": " + r.diagnostics()).isFalse();
                assertThat(r.diagnostics()).doesNotContain("Exception");
                assertThat(RealJavac.descriptors(r.classes()))
                        .as(parts[0] + " " + order + " " + List.of(options))
                        .isEmpty();
            }
        }
    }

    @Test
    void theSameSourcesFixedWriteTheDescriptors(@TempDir Path dir) throws IOException {
        RealJavac.Result bad = RealJavac.compile(
                dir,
                Map.of("t/Good.java", GOOD, "t/Other.java", "package t; class Other { int x = \"s\"; }"),
                List.of("t/Good.java", "t/Other.java"));
        assertThat(bad.success()).isFalse();
        RealJavac.Result good = RealJavac.compile(
                dir,
                Map.of("t/Good.java", GOOD, "t/Other.java", "package t; class Other { int x = 1; }"),
                List.of("t/Good.java", "t/Other.java"));
        assertThat(good.success()).as(good.diagnostics()).isTrue();
        assertThat(RealJavac.descriptors(good.classes()))
                .containsExactly("META-INF/imagespec/index.json", "META-INF/imagespec/t.Good.json");
    }

    // ---- nesting: one limit for option JSON, base chains and composition ----------------------

    @Test
    void deepOptionJsonIsAnErrorOnTheMember() {
        String deep = "[".repeat(998) + "]".repeat(998);
        JavaFileObject src = task("name = \"o\",", "builderOptions = @Option(name = \"o\", json = \"" + deep + "\")");
        Compilation c = compile(src);
        noCrash(c);
        assertThat(c)
                .hadErrorContaining("json nests 998 levels deep; at most 100")
                .inFile(src)
                .onLineContaining("builderOptions");
        assertThat(c.errors()).hasSize(1);

        assertThat(compile(task("builderOptions = @Option(name = \"o\", json = \"" + "[".repeat(101) + "]".repeat(101)
                        + "\")")))
                .hadErrorContaining("json nests 101 levels deep");
        String ok = "{\\\"a\\\": " + "[".repeat(99) + "1" + "]".repeat(99) + "}";
        Compilation fine = compile(task("builderConfig = @Option(name = \"o\", json = \"" + ok + "\")"));
        assertThat(fine).succeededWithoutWarnings();
    }

    @Test
    void theDeepestAcceptedSpecIsADescriptorThatReadsBack() throws IOException {
        // Limits.MAX_DEPTH base specs, the innermost holding MAX_DEPTH levels of option JSON
        Object json = 1L;
        for (int i = 1; i < Limits.MAX_DEPTH; i++) {
            json = List.of(json);
        }
        dev.imagespec.runtime.spec.SpecValues spec = dev.imagespec.runtime.spec.SpecValues.builder()
                .set(dev.imagespec.runtime.spec.SpecField.BUILDER_OPTIONS, Map.of("o", Map.of("k", json)))
                .build();
        for (int i = 1; i < Limits.MAX_DEPTH; i++) {
            spec = dev.imagespec.runtime.spec.SpecValues.builder()
                    .set(dev.imagespec.runtime.spec.SpecField.NAME, "n" + i)
                    .set(dev.imagespec.runtime.spec.SpecField.BASE_IMAGE, spec)
                    .build();
        }
        dev.imagespec.runtime.descriptor.Descriptor d = dev.imagespec.runtime.descriptor.Descriptor.of("t.Deep", spec);
        String text = d.toJson();
        dev.imagespec.runtime.descriptor.Descriptor back = dev.imagespec.runtime.descriptor.Descriptor.read(
                new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "t.Deep");
        assertThat(back.toValues(null).id()).isEqualTo(spec.id());
        assertThat(dev.imagespec.runtime.spec.SpecHasher.id(
                        back.toValues(null).toBuilder().build()))
                .isEqualTo(spec.id());
    }

    private static JavaFileObject chain(int length) {
        List<String> lines = new ArrayList<>(
                List.of("package t;", "import dev.imagespec.annotations.ImageSpec;", "public class Chain {"));
        for (int i = 0; i < length; i++) {
            lines.add(
                    i + 1 < length
                            ? "  @ImageSpec(name = \"c" + i + "\", baseSpec = C" + (i + 1)
                                    + ".class) public static class C" + i + " {}"
                            : "  @ImageSpec(name = \"c" + i + "\") public static class C" + i + " {}");
        }
        lines.add("}");
        return JavaFileObjects.forSourceLines("t.Chain", lines);
    }

    @Test
    void aLongBaseChainIsRefusedQuickly() {
        long start = System.nanoTime();
        JavaFileObject src = chain(600);
        Compilation c = compile(src);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        noCrash(c);
        assertThat(c)
                .hadErrorContaining("baseSpec chain of C0 holds 600 specs (C0 -> C1 -> C2 -> ... -> C598 -> C599);"
                        + " at most 100 are supported")
                .inFile(src)
                .onLineContaining("class C0 ");
        // every spec is resolved once: the chain costs its length, not its square
        assertThat(seconds).isLessThan(60);
        Compilation longer = compile(chain(1_500));
        noCrash(longer);
        assertThat(longer).hadErrorContaining("baseSpec chain of C0 holds 1500 specs");
    }

    @Test
    void aChainOfTheLimitCompiles() {
        Compilation c = compile(chain(Limits.MAX_DEPTH));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Chain$C0.json");
    }

    @Test
    void composedAnnotationsThroughAnyDepth() {
        JavaFileObject gpu = JavaFileObjects.forSourceLines(
                "t.Gpu",
                "package t;",
                "@dev.imagespec.annotations.ImageSpec(name = \"gpu\", cuda = \"12.1\") public @interface Gpu {}");
        JavaFileObject onAnn =
                JavaFileObjects.forSourceLines("t.OnAnn", "package t;", "@Gpu public @interface OnAnn {}");
        JavaFileObject third =
                JavaFileObjects.forSourceLines("t.Third", "package t;", "@OnAnn public @interface Third {}");
        JavaFileObject uses =
                JavaFileObjects.forSourceLines("t.UsesOnAnn", "package t;", "@OnAnn public class UsesOnAnn {}");
        JavaFileObject deeper =
                JavaFileObjects.forSourceLines("t.UsesThird", "package t;", "@Third public class UsesThird {}");
        Compilation c = compile(gpu, onAnn, third, uses, deeper);
        assertThat(c).succeededWithoutWarnings();
        String one = UnresolvedTypesTest.descriptor(c, "t.UsesOnAnn");
        String two = UnresolvedTypesTest.descriptor(c, "t.UsesThird");
        assertThat(one).contains("\"name\" : \"gpu\"", "\"cuda\" : \"12.1\"");
        assertThat(two.replace("t.UsesThird", "t.UsesOnAnn")).isEqualTo(one);
        assertThat(c.generatedFiles())
                .noneMatch(
                        f -> f.getName().endsWith("t.OnAnn.json") || f.getName().endsWith("t.Gpu.json"));
    }

    @Test
    void cyclesOfComposedAnnotations() {
        // a cycle with no spec in it is no spec
        Compilation none = compile(
                JavaFileObjects.forSourceLines("t.A", "package t;", "@B public @interface A {}"),
                JavaFileObjects.forSourceLines("t.B", "package t;", "@A public @interface B {}"),
                JavaFileObjects.forSourceLines("t.U", "package t;", "@A public class U {}"));
        assertThat(none).succeededWithoutWarnings();
        assertThat(none.generatedFiles()).noneMatch(f -> f.getName().contains("META-INF/imagespec"));
        // a cycle through a spec: an error on the annotation types, none on their users
        JavaFileObject a = JavaFileObjects.forSourceLines(
                "t.A", "package t;", "@dev.imagespec.annotations.ImageSpec(name = \"a\") @B public @interface A {}");
        JavaFileObject b = JavaFileObjects.forSourceLines("t.B", "package t;", "@A public @interface B {}");
        Compilation c = compile(a, b, JavaFileObjects.forSourceLines("t.U", "package t;", "@B public class U {}"));
        noCrash(c);
        assertThat(c).failed();
        assertThat(c)
                .hadErrorContaining("A carries 2 image specs [@ImageSpec, @B]")
                .inFile(a);
    }

    // ---- the UNSET marker can never be a value ------------------------------------------------

    @Test
    void aNulNameNextToRealEntriesIsAnErrorNotUnset() {
        JavaFileObject env =
                task("env = {", "@Env(name = \"A\", value = \"1\"),", "@Env(name = \"\\0\", value = \"2\")", "}");
        Compilation c = compile(env);
        noCrash(c);
        assertThat(c)
                .hadErrorContaining("env name \"\\u0000\" contains NUL")
                .inFile(env)
                .onLineContaining("name = \"\\0\"");
        JavaFileObject option = task(
                "builderOptions = {",
                "@Option(name = \"cpu\", intValue = 2),",
                "@Option(name = ImageSpec.UNSET, value = \"x\")",
                "}");
        assertThat(compile(option))
                .hadErrorContaining("builderOptions option name \"\\u0000\" contains NUL")
                .inFile(option)
                .onLineContaining("ImageSpec.UNSET");
        JavaFileObject unset = task("name = \"n\",", "registry = ImageSpec.UNSET");
        assertThat(compile(unset))
                .hadErrorContaining("registry \"\\u0000\" contains NUL (\\u0000 at index 0), which marks an"
                        + " unset member (ImageSpec.UNSET): leave the member out")
                .inFile(unset)
                .onLineContaining("registry =");
        JavaFileObject list = task("packages = {\"numpy\", ImageSpec.UNSET}");
        assertThat(compile(list)).hadErrorContaining("packages[1] \"\\u0000\" contains NUL");
    }

    // ---- values a descriptor cannot hold ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Double.NaN|nan", "Double.POSITIVE_INFINITY|inf", "-1.0 / 0|-inf"})
    void nonFiniteFloatsAreRefused(String c) {
        String[] parts = c.split("\\|");
        JavaFileObject src =
                task("name = \"f\",", "builderOptions = @Option(name = \"x\", floatValue = " + parts[0] + ")");
        Compilation compiled = compile(src);
        noCrash(compiled);
        assertThat(compiled)
                .hadErrorContaining("builderOptions option \"x\" floatValue is " + parts[1] + " (Python's float('"
                        + parts[1] + "')), which JSON cannot hold")
                .inFile(src)
                .onLineContaining("floatValue");
    }

    @Test
    void overflowingJsonNumbersAndLoneSurrogatesAreRefused() {
        JavaFileObject big = task("builderConfig = @Option(name = \"x\", json = \"[1e999]\")");
        assertThat(compile(big))
                .hadErrorContaining("json number is inf")
                .inFile(big)
                .onLineContaining("builderConfig");
        JavaFileObject value = task("builderOptions = @Option(name = \"x\", value = \"a\\ud800b\")");
        assertThat(compile(value))
                .hadErrorContaining("builderOptions option \"x\" value \"a\\ud800b\" contains a lone surrogate"
                        + " (\\ud800 at index 1)")
                .inFile(value)
                .onLineContaining("value =");
        JavaFileObject escaped = task("builderOptions = @Option(name = \"x\", json = \"[\\\"\\\\udc00\\\"]\")");
        assertThat(compile(escaped)).hadErrorContaining("contains a lone surrogate (\\udc00 at index 0)");
        JavaFileObject env = task("env = @Env(name = \"A\", value = \"\\udbff\")");
        assertThat(compile(env))
                .hadErrorContaining("env A value \"\\udbff\" contains a lone surrogate")
                .inFile(env)
                .onLineContaining("env =");
        // a whole pair is a character like any other
        Compilation pair = compile(task("builderOptions = @Option(name = \"x\", value = \"\\ud83d\\ude00\")"));
        assertThat(pair).succeededWithoutWarnings();
    }

    // ---- paths this machine cannot name -------------------------------------------------------

    @Test
    void aLoneSurrogateInAPathIsAnErrorOnTheMember() {
        JavaFileObject src =
                task("name = \"p\",", "requirements = \"req\\ud800.txt\",", "copy = {\"ok\", \"x\\udfff\"}");
        Compilation c = compile(src);
        noCrash(c);
        assertThat(c)
                .hadErrorContaining("requirements \"req\\ud800.txt\" contains a lone surrogate")
                .inFile(src)
                .onLineContaining("requirements =");
        assertThat(c)
                .hadErrorContaining("copy[1] \"x\\udfff\" contains a lone surrogate")
                .inFile(src)
                .onLineContaining("copy =");
    }

    private static final Map<String, String> NON_ASCII = Map.of(
            "t/Task.java",
            "package t;\n"
                    + "@dev.imagespec.annotations.ImageSpec(name = \"p\",\n    copy = {\"donn\u00e9es\"})\npublic class Task {}\n");

    @Test
    void nonAsciiPathsUnderThePosixLocaleAreAnErrorOnTheMember(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("donn\u00e9es"));
        Files.writeString(dir.resolve("donn\u00e9es/x.csv"), "1\n");
        RealJavac.Result r = RealJavac.forked(
                Path.of(System.getProperty("java.home")),
                Map.of("LC_ALL", "C", "LANG", "C"),
                dir,
                NON_ASCII,
                List.of("t/Task.java"));
        assertThat(r.success()).as(r.diagnostics()).isFalse();
        assertThat(r.diagnostics())
                .contains("Task.java:3: error: copy[0] \"donn\\u00e9es\" cannot be a path on this machine")
                .contains("encoded in ANSI_X3.4-1968")
                .doesNotContain("Exception");
        assertThat(RealJavac.descriptors(r.classes())).isEmpty();
    }

    @Test
    void nonAsciiPathsUnderAUtf8LocaleWork(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("donn\u00e9es"));
        Files.writeString(dir.resolve("donn\u00e9es/x.csv"), "1\n");
        RealJavac.Result r = RealJavac.forked(
                Path.of(System.getProperty("java.home")),
                Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8"),
                dir,
                NON_ASCII,
                List.of("t/Task.java"));
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        assertThat(RealJavac.descriptors(r.classes())).contains("META-INF/imagespec/t.Task.json");
    }

    // ---- generated names that are taken -------------------------------------------------------

    @Test
    void twoClassesWithTheSameGeneratedName() {
        JavaFileObject nested = JavaFileObjects.forSourceLines(
                "t.Outer2",
                "package t;",
                "public class Outer2 { @dev.imagespec.annotations.ImageSpec(constants = true, name = \"inner\") public static class Inner {} }");
        JavaFileObject flat = JavaFileObjects.forSourceLines(
                "t.Outer2_Inner",
                "package t;",
                "@dev.imagespec.annotations.ImageSpec(constants = true, name = \"flat\")",
                "public class Outer2_Inner {}");
        Compilation c = compile(nested, flat);
        noCrash(c);
        assertThat(c)
                .hadErrorContaining("the class generated for t.Outer2_Inner would be t.Outer2_Inner_ImageSpec, which is"
                        + " already the one generated for t.Outer2.Inner")
                .inFile(flat)
                .onLineContaining("@dev.imagespec");
        assertThat(c.errors()).hasSize(1);
    }

    @Test
    void aHandWrittenClassByTheGeneratedName() {
        JavaFileObject taken = JavaFileObjects.forSourceLines(
                "t.Taken",
                "package t;",
                "@dev.imagespec.annotations.ImageSpec(constants = true, name = \"taken\")",
                "public class Taken {}");
        JavaFileObject mine =
                JavaFileObjects.forSourceLines("t.Taken_ImageSpec", "package t;", "public class Taken_ImageSpec {}");
        Compilation c = compile(taken, mine);
        noCrash(c);
        assertThat(c)
                .hadErrorContaining("the class generated for t.Taken would be t.Taken_ImageSpec, which a class of this"
                        + " compile already declares")
                .inFile(taken)
                .onLineContaining("@dev.imagespec");
        // with constants off, the name is free
        assertThat(TaskSource.compile(project, List.of("-Aimagespec.constants=false"), taken, mine))
                .succeededWithoutWarnings();
    }

    @Test
    void aStaleGeneratedSourceAmongTheSources(@TempDir Path dir) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>(Map.of("t/Good.java", GOOD));
        RealJavac.Result first = RealJavac.compile(dir, sources, List.of("t/Good.java"));
        assertThat(first.success()).as(first.diagnostics()).isTrue();
        // a build that hands javac its own generated-sources directory as sources
        sources.put("t/Good_ImageSpec.java", Files.readString(dir.resolve("gen/t/Good_ImageSpec.java")));
        Files.delete(dir.resolve("gen/t/Good_ImageSpec.java"));
        RealJavac.Result second = RealJavac.compile(dir, sources, List.of("t/Good.java", "t/Good_ImageSpec.java"));
        assertThat(second.success()).isFalse();
        assertThat(second.diagnostics())
                .contains("t.Good_ImageSpec.java, generated for t.Good by an earlier compile, is among"
                        + " this compile's sources: delete the generated-sources directory")
                .doesNotContain("Exception");
    }

    // ---- the descriptors' staging directory ----------------------------------------------------

    @Test
    void descriptorsAreStagedBesideTheClassOutputAndNothingOfTheStageIsLeft(@TempDir Path dir) throws IOException {
        // a stage left by a javac that was killed (no such process): swept by the next compile
        Path dead = dir.resolve("imagespec-staging/2147483646-1/META-INF/imagespec/t.Old.json");
        Files.createDirectories(dead.getParent());
        Files.writeString(dead, "{}");
        RealJavac.Result bad = RealJavac.compile(
                dir,
                Map.of("t/Good.java", GOOD, "t/Other.java", "package t; class Other { int x = \"s\"; }"),
                List.of("t/Good.java", "t/Other.java"));
        assertThat(bad.success()).isFalse();
        assertThat(RealJavac.descriptors(bad.classes())).isEmpty();
        assertThat(dir.resolve("imagespec-staging")).doesNotExist();

        Files.createDirectories(dead.getParent());
        Files.writeString(dead, "{}");
        RealJavac.Result good = RealJavac.compile(dir, Map.of("t/Good.java", GOOD), List.of("t/Good.java"));
        assertThat(good.success()).as(good.diagnostics()).isTrue();
        assertThat(RealJavac.descriptors(good.classes()))
                .containsExactlyInAnyOrder("META-INF/imagespec/t.Good.json", "META-INF/imagespec/index.json");
        assertThat(dir.resolve("imagespec-staging")).doesNotExist();
        assertThat(good.classes().getParent()).isEqualTo(dir);

        // no room to stage beside the class output (a file where the staging directory would be):
        // the descriptors are written straight into the class output instead
        Files.writeString(dir.resolve("imagespec-staging"), "not a directory");
        RealJavac.Result blocked = RealJavac.compile(dir, Map.of("t/Good.java", GOOD), List.of("t/Good.java"));
        assertThat(blocked.success()).as(blocked.diagnostics()).isTrue();
        assertThat(RealJavac.descriptors(blocked.classes())).contains("META-INF/imagespec/t.Good.json");
        assertThat(dir.resolve("imagespec-staging")).hasContent("not a directory");
    }

    // ---- a failed compile's generated sources -------------------------------------------------

    @Test
    void aFailedCompileLeavesGeneratedSourcesThatTheNextCompileReplaces(@TempDir Path dir) throws IOException {
        String v1 =
                "package t; @dev.imagespec.annotations.ImageSpec(constants = true, name = \"first\") public class Good {}";
        String v2 =
                "package t; @dev.imagespec.annotations.ImageSpec(constants = true, name = \"second\") public class Good {}";
        RealJavac.Result bad = RealJavac.compile(
                dir,
                Map.of("t/Good.java", v1, "t/Other.java", "package t; class Other { int x = \"s\"; }"),
                List.of("t/Good.java", "t/Other.java"));
        assertThat(bad.success()).isFalse();
        // javac wrote the round's sources before the error: kept in -s, but no descriptor
        assertThat(dir.resolve("gen/t/Good_ImageSpec.java")).content().contains("\"first:");
        assertThat(RealJavac.descriptors(bad.classes())).isEmpty();
        RealJavac.Result fixed = RealJavac.compile(
                dir,
                Map.of("t/Good.java", v2, "t/Other.java", "package t; class Other { int x = 1; }"),
                List.of("t/Good.java", "t/Other.java"));
        assertThat(fixed.success()).as(fixed.diagnostics()).isTrue();
        assertThat(fixed.diagnostics()).doesNotContain("warning");
        assertThat(dir.resolve("gen/t/Good_ImageSpec.java"))
                .content()
                .contains("\"second:")
                .doesNotContain("first");
        assertThat(GeneratedSpecTest.descriptor(fixed.classes(), "t.Good").imageName())
                .startsWith("second:");
        try (java.net.URLClassLoader loader = GeneratedSpecTest.loader(fixed.classes())) {
            assertThat((String) Class.forName("t.Good_ImageSpec", true, loader)
                            .getField("IMAGE_NAME")
                            .get(null))
                    .startsWith("second:");
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
