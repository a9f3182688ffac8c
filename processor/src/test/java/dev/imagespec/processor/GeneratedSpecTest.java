package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecs;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ImageSpecs.of(Task.class)} takes the spec from the generated {@code Task_ImageSpec} (the
 * spec as code) when it is there and from the descriptor when it is not, or when the spec's chain
 * names files; both give the same spec, id and tag, and a changed file is detected.
 */
class GeneratedSpecTest {
    private static final String ANNOTATIONS =
            "package t; import dev.imagespec.annotations.*;" + " import dev.imagespec.annotations.ImageSpec.*;\n";
    private static final Map<String, String> SOURCES = Map.of(
            "t/Base.java",
                    ANNOTATIONS + "@ImageSpec(constants = true, name = \"base\", registry = \"localhost:30000\","
                            + " requirements = \"requirements.txt\") public class Base {}",
            "t/Task.java",
                    ANNOTATIONS
                            + "@ImageSpec(constants = true, name = \"Task\", baseSpec = Base.class, copy = {\"data\"},"
                            + " packages = {\"numpy==1.26.4\", \"pandas>=2\"}, entrypoint = {},"
                            + " env = {@Env(name = \"Z\", value = \"last \\\"q\\\" \\u00e9\\u6f22\"), @Env(name = \"A\", value = \"x\\ny\")},"
                            + " builderOptions = {@Option(name = \"cpu\", intValue = 2), @Option(name = \"mem\", floatValue = 4.5),"
                            + " @Option(name = \"debug\", boolValue = true), @Option(name = \"none\", nullValue = true),"
                            + " @Option(name = \"big\", json = \"123456789012345678901234567890\"),"
                            + " @Option(name = \"nested\", json = \"{\\\"l\\\": [1, null, \\\"two\\\", 2.5e-05], \\\"m\\\": {\\\"k\\\": false}}\")},"
                            + " sourceCopyMode = CopyFileDetection.NO_COPY)"
                            + " public class Task {}",
            "t/Outer.java",
                    ANNOTATIONS
                            + "public class Outer { @ImageSpec(constants = true, name = \"inner\") public static class Inner {} }",
            // Task's values without its files, on a base without files: the spec as code
            "t/Plain.java",
                    ANNOTATIONS
                            + "@ImageSpec(constants = true, name = \"plain\", registry = \"localhost:30000\") public class Plain {}",
            "t/Rich.java",
                    ANNOTATIONS + "@ImageSpec(constants = true, name = \"Rich\", baseSpec = Plain.class,"
                            + " packages = {\"numpy==1.26.4\", \"pandas>=2\"}, entrypoint = {},"
                            + " env = {@Env(name = \"Z\", value = \"last \\\"q\\\" \\u00e9\\u6f22\"), @Env(name = \"A\", value = \"x\\ny\")},"
                            + " builderOptions = {@Option(name = \"cpu\", intValue = 2), @Option(name = \"mem\", floatValue = 4.5),"
                            + " @Option(name = \"debug\", boolValue = true), @Option(name = \"none\", nullValue = true),"
                            + " @Option(name = \"big\", json = \"123456789012345678901234567890\"),"
                            + " @Option(name = \"nested\", json = \"{\\\"l\\\": [1, null, \\\"two\\\", 2.5e-05], \\\"m\\\": {\\\"k\\\": false}}\")},"
                            + " sourceCopyMode = CopyFileDetection.NO_COPY)"
                            + " public class Rich {}");
    private static final List<String> ORDER =
            List.of("t/Base.java", "t/Task.java", "t/Outer.java", "t/Plain.java", "t/Rich.java");
    /** The classes whose chains name no files: their generated classes hold the spec as code. */
    private static final List<String> AS_CODE = List.of("t.Rich", "t.Plain", "t.Outer$Inner");
    /** The classes whose chains name files: read from the descriptor. */
    private static final List<String> FROM_DESCRIPTOR = List.of("t.Task", "t.Base");

    private static void files(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/x.csv"), "1,2\n");
        Files.writeString(dir.resolve("requirements.txt"), "scipy\n");
    }

    @Test
    void theGeneratedClassIsUsedAndEqualsTheDescriptor(@TempDir Path dir) throws Exception {
        files(dir);
        RealJavac.Result r = RealJavac.compile(dir, SOURCES, ORDER);
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        assertThat(r.diagnostics()).doesNotContain("warning");
        try (URLClassLoader loader = loader(r.classes())) {
            for (String task : AS_CODE) {
                SpecValues fromCode = generatedValues(loader, task, dir);
                SpecValues fromDescriptor = descriptor(r.classes(), task).toValues(dir);
                assertSameSpec(fromCode, fromDescriptor);
                assertThat(fromCode.baseDir()).contains(dir);
                assertThat(fromCode.baseSpec().flatMap(SpecValues::baseDir))
                        .isEqualTo(fromDescriptor.baseSpec().flatMap(SpecValues::baseDir));
            }
            for (String task : FROM_DESCRIPTOR) {
                assertThat(Class.forName(generatedName(task), false, loader).getMethods())
                        .as(task)
                        .noneMatch(m -> m.getName().equals("values"));
            }
            Class<?> generated = Class.forName("t.Rich_ImageSpec", true, loader);
            // no descriptor left: whatever ImageSpecs.of answers comes from the generated classes
            deleteDescriptors(r.classes());
            ImageSpec rich = withProjectDir(dir, () -> ImageSpecs.of(Class.forName("t.Rich", false, loader)));
            assertThat(rich.id()).isEqualTo(generated.getField("ID").get(null));
            assertThat(rich.tag()).isEqualTo(generated.getField("TAG").get(null));
            assertThat(rich.imageName())
                    .isEqualTo(generated.getField("IMAGE_NAME").get(null));
            assertThat(rich.env().orElseThrow())
                    .containsExactly(Map.entry("Z", "last \"q\" \u00e9\u6f22"), Map.entry("A", "x\ny"));
            assertThat(generated.getMethod("spec").invoke(null)).isSameAs(rich);
            ImageSpec inner = ImageSpecs.of(Class.forName("t.Outer$Inner", false, loader));
            assertThat(inner.imageName())
                    .isEqualTo(Class.forName("t.Outer_Inner_ImageSpec", true, loader)
                            .getField("IMAGE_NAME")
                            .get(null));
        }
    }

    @Test
    void onlyTheSpecsThatAskGetAGeneratedClass(@TempDir Path dir) throws Exception {
        Map<String, String> sources = Map.of(
                "t/Gpu.java",
                ANNOTATIONS + "@ImageSpec(name = \"gpu\", constants = true)"
                        + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS) public @interface Gpu {}",
                "t/Cpu.java",
                ANNOTATIONS + "@ImageSpec(name = \"cpu\")"
                        + " @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS) public @interface Cpu {}",
                "t/Trainer.java",
                ANNOTATIONS + "@Gpu public class Trainer {}",
                "t/Scorer.java",
                ANNOTATIONS + "@Cpu public class Scorer {}",
                "t/Asks.java",
                ANNOTATIONS + "@ImageSpec(name = \"asks\", constants = true) public class Asks {}",
                "t/Plain.java",
                ANNOTATIONS + "@ImageSpec(name = \"plain\", constants = false) public class Plain {}");
        List<String> order =
                List.of("t/Gpu.java", "t/Cpu.java", "t/Trainer.java", "t/Scorer.java", "t/Asks.java", "t/Plain.java");
        List<String> tasks = List.of("t.Trainer", "t.Scorer", "t.Asks", "t.Plain");
        Map<String, List<String>> generatedByOption = Map.of(
                "", List.of("t.Trainer", "t.Asks"),
                "-Aimagespec.constants=true", tasks,
                "-Aimagespec.constants=false", List.of());
        for (Map.Entry<String, List<String>> c : generatedByOption.entrySet()) {
            Path out = Files.createDirectories(dir.resolve("run" + c.getKey().length()));
            RealJavac.Result r = c.getKey().isEmpty()
                    ? RealJavac.compile(out, sources, order)
                    : RealJavac.compile(out, sources, order, c.getKey());
            assertThat(r.success()).as(r.diagnostics()).isTrue();
            try (URLClassLoader loader = loader(r.classes())) {
                for (String task : tasks) {
                    assertThat(Files.exists(
                                    r.classes().resolve(generatedName(task).replace('.', '/') + ".class")))
                            .as(task + " with options [" + c.getKey() + "]")
                            .isEqualTo(c.getValue().contains(task));
                    // the member is not part of the spec: the same image either way
                    assertThat(descriptor(r.classes(), task).toJson()).doesNotContain("constants");
                    assertThat(ImageSpecs.of(Class.forName(task, false, loader)).imageName())
                            .startsWith(
                                    task.equals("t.Trainer")
                                            ? "gpu:"
                                            : task.equals("t.Scorer")
                                                    ? "cpu:"
                                                    : task.substring(2).toLowerCase(java.util.Locale.ROOT) + ":");
                }
            }
        }
    }

    @Test
    void aConstantsOptionOtherThanTrueOrFalseIsAnError(@TempDir Path dir) throws Exception {
        RealJavac.Result r = RealJavac.compile(
                dir,
                Map.of("t/Plain.java", ANNOTATIONS + "@ImageSpec(name = \"plain\") public class Plain {}"),
                List.of("t/Plain.java"),
                "-Aimagespec.constants=yes");
        assertThat(r.success()).isFalse();
        assertThat(r.diagnostics())
                .containsOnlyOnce("-Aimagespec.constants=\"yes\" must be true (a constants class for every spec) or"
                        + " false (for none)");
        assertThat(RealJavac.descriptors(r.classes())).isEmpty();
    }

    @Test
    void withoutTheGeneratedClassTheDescriptorGivesTheSameSpec(@TempDir Path withCode, @TempDir Path without)
            throws Exception {
        files(withCode);
        files(without);
        RealJavac.Result a = RealJavac.compile(withCode, SOURCES, ORDER);
        // a class by the generated name that was made for another class is not taken for this one's
        Map<String, String> sources = new java.util.HashMap<>(SOURCES);
        sources.put(
                "t/Rich_ImageSpec.java",
                "package t; import dev.imagespec.runtime.spec.*;"
                        + " public final class Rich_ImageSpec { public static SpecValues values(java.nio.file.Path baseDir) {"
                        + " return SpecValues.builder().set(SpecField.NAME, \"impostor\").origin(\"t.Other\").build(); } }");
        RealJavac.Result b = RealJavac.compile(
                without,
                sources,
                Stream.concat(ORDER.stream(), Stream.of("t/Rich_ImageSpec.java"))
                        .toList(),
                "-Aimagespec.constants=false");
        assertThat(a.success()).as(a.diagnostics()).isTrue();
        assertThat(b.success()).as(b.diagnostics()).isTrue();
        assertThat(b.classes().resolve("t/Base_ImageSpec.class")).doesNotExist();
        try (URLClassLoader code = loader(a.classes());
                URLClassLoader descriptors = loader(b.classes())) {
            for (String task : List.of("t.Task", "t.Base", "t.Outer$Inner", "t.Plain", "t.Rich")) {
                ImageSpec fromCode = withProjectDir(withCode, () -> ImageSpecs.of(Class.forName(task, false, code)));
                ImageSpec fromDescriptor =
                        withProjectDir(without, () -> ImageSpecs.of(Class.forName(task, false, descriptors)));
                assertThat(fromDescriptor.name()).isNotEqualTo("impostor");
                assertSameSpec(fromCode.values(), fromDescriptor.values());
                assertThat(fromCode.imageName()).isEqualTo(fromDescriptor.imageName());
            }
        }
    }

    @Test
    void aChangedFileIsStaleThroughTheDescriptor(@TempDir Path dir) throws Exception {
        files(dir);
        RealJavac.Result r = RealJavac.compile(dir, SOURCES, ORDER);
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        String tag = descriptor(r.classes(), "t.Task").tag();
        try (URLClassLoader loader = loader(r.classes())) {
            // in a container the files are not there: the recorded digests name the image
            assertThat(withProjectDir(
                            dir.resolve("elsewhere"),
                            () -> ImageSpecs.of(Class.forName("t.Task", false, loader))
                                    .tag()))
                    .isEqualTo(tag);
        }
        Files.writeString(dir.resolve("data/x.csv"), "1,2,3\n");
        try (URLClassLoader loader = loader(r.classes())) {
            assertThatThrownBy(() -> withProjectDir(dir, () -> ImageSpecs.of(Class.forName("t.Task", false, loader)))
                            .tag())
                    .isInstanceOf(StaleDescriptorException.class)
                    .hasMessageContaining("copy")
                    .hasMessageContaining("t.Task");
        }
        Files.writeString(dir.resolve("data/x.csv"), "1,2\n");
        Files.writeString(dir.resolve("requirements.txt"), "scipy\nsympy\n");
        try (URLClassLoader loader = loader(r.classes())) {
            // the base spec's file changed: the base and the task built on it are both stale
            assertThatThrownBy(() -> withProjectDir(dir, () -> ImageSpecs.of(Class.forName("t.Base", false, loader)))
                            .tag())
                    .isInstanceOf(StaleDescriptorException.class)
                    .hasMessageContaining("requirements.txt");
            assertThatThrownBy(() -> withProjectDir(dir, () -> ImageSpecs.of(Class.forName("t.Task", false, loader)))
                            .tag())
                    .isInstanceOf(StaleDescriptorException.class)
                    .hasMessageContaining("requirements.txt");
        }
    }

    static String generatedName(String task) {
        String simple = task.substring(task.lastIndexOf('.') + 1).replace('$', '_');
        return task.substring(0, task.lastIndexOf('.') + 1) + simple + "_ImageSpec";
    }

    /** Equal fields, id, tag and recorded digests down the base chain, and the same origin. */
    static void assertSameSpec(SpecValues actual, SpecValues expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.tag()).isEqualTo(expected.tag());
        assertThat(actual.origin()).isEqualTo(expected.origin());
        for (SpecValues a = actual, e = expected;
                a != null;
                a = a.baseSpec().orElse(null), e = e.baseSpec().orElse(null)) {
            // a base compiled with its own generated class is built by it and names its class; the
            // descriptor names a nested base by where it sits ("t.Task base_image")
            String expectedOrigin = e.origin().orElseThrow();
            assertThat(a.origin().orElseThrow())
                    .satisfiesAnyOf(
                            o -> assertThat(o).isEqualTo(expectedOrigin),
                            o -> assertThat(o).startsWith("t.").doesNotContain(" "));
            assertThat(a.recordedDigests()).isEqualTo(e.recordedDigests());
            assertThat(a.id()).isEqualTo(e.id());
            assertThat(a.tag()).isEqualTo(e.tag());
        }
    }

    /** {@code <Task>_ImageSpec.values(baseDir)} of the class {@code task} compiled into {@code loader}. */
    static SpecValues generatedValues(ClassLoader loader, String task, Path baseDir) throws Exception {
        try {
            return (SpecValues) Class.forName(generatedName(task), true, loader)
                    .getMethod("values", Path.class)
                    .invoke(null, baseDir);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    static Descriptor descriptor(Path classes, String task) throws IOException {
        String resource = Descriptor.resourceFor(task);
        try (InputStream in = Files.newInputStream(classes.resolve(resource))) {
            return Descriptor.read(in, resource);
        }
    }

    static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedSpecTest.class.getClassLoader());
    }

    static void deleteDescriptors(Path classes) throws IOException {
        try (Stream<Path> files = Files.list(classes.resolve("META-INF/imagespec"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    interface Call<T> {
        T call() throws Exception;
    }

    /** Runs {@code call} with system property {@code imagespec.projectDir} set to {@code dir}. */
    static <T> T withProjectDir(Path dir, Call<T> call) throws Exception {
        String before = System.getProperty("imagespec.projectDir");
        System.setProperty("imagespec.projectDir", dir.toString());
        try {
            return call.call();
        } finally {
            if (before == null) {
                System.clearProperty("imagespec.projectDir");
            } else {
                System.setProperty("imagespec.projectDir", before);
            }
        }
    }
}
