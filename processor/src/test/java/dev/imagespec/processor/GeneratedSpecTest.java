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
 * spec as code) when it is there and from the descriptor when it is not; both give the same spec,
 * id and tag, and a changed file is still detected through the generated class.
 */
class GeneratedSpecTest {
    private static final String ANNOTATIONS = "package t; import dev.imagespec.annotations.*;"
            + " import dev.imagespec.annotations.ImageSpec.*;\n";
    private static final Map<String, String> SOURCES = Map.of(
            "t/Base.java", ANNOTATIONS + "@ImageSpec(name = \"base\", registry = \"localhost:30000\","
                    + " requirements = \"requirements.txt\") public class Base {}",
            "t/Task.java", ANNOTATIONS + "@ImageSpec(name = \"Task\", baseSpec = Base.class, copy = {\"data\"},"
                    + " packages = {\"numpy==1.26.4\", \"pandas>=2\"}, entrypoint = {},"
                    + " env = {@Env(name = \"Z\", value = \"last \\\"q\\\" \\u00e9\\u6f22\"), @Env(name = \"A\", value = \"x\\ny\")},"
                    + " builderOptions = {@Option(name = \"cpu\", intValue = 2), @Option(name = \"mem\", floatValue = 4.5),"
                    + " @Option(name = \"debug\", boolValue = true), @Option(name = \"none\", nullValue = true),"
                    + " @Option(name = \"big\", json = \"123456789012345678901234567890\"),"
                    + " @Option(name = \"nested\", json = \"{\\\"l\\\": [1, null, \\\"two\\\", 2.5e-05], \\\"m\\\": {\\\"k\\\": false}}\")},"
                    + " sourceCopyMode = CopyFileDetection.NO_COPY)"
                    + " public class Task {}",
            "t/Outer.java", ANNOTATIONS + "public class Outer { @ImageSpec(name = \"inner\") public static class Inner {} }");
    private static final List<String> ORDER = List.of("t/Base.java", "t/Task.java", "t/Outer.java");

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
            for (String task : List.of("t.Task", "t.Base", "t.Outer$Inner")) {
                SpecValues fromCode = generatedValues(loader, task, dir);
                SpecValues fromDescriptor = descriptor(r.classes(), task).toValues(dir);
                assertSameSpec(fromCode, fromDescriptor);
                assertThat(fromCode.baseDir()).contains(dir);
                assertThat(fromCode.baseSpec().flatMap(SpecValues::baseDir)).isEqualTo(fromDescriptor.baseSpec().flatMap(SpecValues::baseDir));
            }
            Class<?> generated = Class.forName("t.Task_ImageSpec", true, loader);
            // no descriptor left: whatever ImageSpecs.of answers comes from the generated classes
            deleteDescriptors(r.classes());
            ImageSpec task = withProjectDir(dir, () -> ImageSpecs.of(Class.forName("t.Task", false, loader)));
            assertThat(task.id()).isEqualTo(generated.getField("ID").get(null));
            assertThat(task.tag()).isEqualTo(generated.getField("TAG").get(null));
            assertThat(task.imageName()).isEqualTo(generated.getField("IMAGE_NAME").get(null));
            assertThat(task.env().orElseThrow()).containsExactly(Map.entry("Z", "last \"q\" \u00e9\u6f22"), Map.entry("A", "x\ny"));
            assertThat(generated.getMethod("spec").invoke(null)).isSameAs(task);
            ImageSpec inner = ImageSpecs.of(Class.forName("t.Outer$Inner", false, loader));
            assertThat(inner.imageName()).isEqualTo(Class.forName("t.Outer_Inner_ImageSpec", true, loader)
                    .getField("IMAGE_NAME").get(null));
        }
    }

    @Test
    void withoutTheGeneratedClassTheDescriptorGivesTheSameSpec(@TempDir Path withCode, @TempDir Path without)
            throws Exception {
        files(withCode);
        files(without);
        RealJavac.Result a = RealJavac.compile(withCode, SOURCES, ORDER);
        // a class by the generated name that was made for another class is not taken for this one's
        Map<String, String> sources = new java.util.HashMap<>(SOURCES);
        sources.put("t/Task_ImageSpec.java", "package t; import dev.imagespec.runtime.spec.*;"
                + " public final class Task_ImageSpec { public static SpecValues values(java.nio.file.Path baseDir) {"
                + " return SpecValues.builder().set(SpecField.NAME, \"impostor\").origin(\"t.Other\").build(); } }");
        RealJavac.Result b = RealJavac.compile(without, sources,
                Stream.concat(ORDER.stream(), Stream.of("t/Task_ImageSpec.java")).toList(), "-Aimagespec.constants=false");
        assertThat(a.success()).as(a.diagnostics()).isTrue();
        assertThat(b.success()).as(b.diagnostics()).isTrue();
        assertThat(b.classes().resolve("t/Base_ImageSpec.class")).doesNotExist();
        try (URLClassLoader code = loader(a.classes()); URLClassLoader descriptors = loader(b.classes())) {
            for (String task : List.of("t.Task", "t.Base", "t.Outer$Inner")) {
                ImageSpec fromCode = withProjectDir(withCode, () -> ImageSpecs.of(Class.forName(task, false, code)));
                ImageSpec fromDescriptor = withProjectDir(without, () -> ImageSpecs.of(Class.forName(task, false, descriptors)));
                assertThat(fromDescriptor.name()).isNotEqualTo("impostor");
                assertSameSpec(fromCode.values(), fromDescriptor.values());
                assertThat(fromCode.imageName()).isEqualTo(fromDescriptor.imageName());
            }
        }
    }

    @Test
    void aChangedFileIsStaleThroughTheGeneratedClass(@TempDir Path dir) throws Exception {
        files(dir);
        RealJavac.Result r = RealJavac.compile(dir, SOURCES, ORDER);
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        deleteDescriptors(r.classes());
        try (URLClassLoader loader = loader(r.classes())) {
            Object tag = Class.forName("t.Task_ImageSpec", true, loader).getField("TAG").get(null);
            // in a container the files are not there: the recorded digests name the image
            assertThat(generatedValues(loader, "t.Task", dir.resolve("elsewhere")).tag()).isEqualTo(tag);
            Files.writeString(dir.resolve("data/x.csv"), "1,2,3\n");
            assertThatThrownBy(() -> generatedValues(loader, "t.Task", dir).tag())
                    .isInstanceOf(StaleDescriptorException.class).hasMessageContaining("copy").hasMessageContaining("t.Task");
            Files.writeString(dir.resolve("data/x.csv"), "1,2\n");
            Files.writeString(dir.resolve("requirements.txt"), "scipy\nsympy\n");
            // the base spec's file changed: the base and the task built on it are both stale
            assertThatThrownBy(() -> withProjectDir(dir, () -> ImageSpecs.of(Class.forName("t.Base", false, loader))).tag())
                    .isInstanceOf(StaleDescriptorException.class).hasMessageContaining("requirements.txt");
            assertThatThrownBy(() -> generatedValues(loader, "t.Task", dir).tag())
                    .isInstanceOf(StaleDescriptorException.class).hasMessageContaining("requirements.txt");
        }
    }

    /** Equal fields, id, tag, recorded digests and origin, down the base chain. */
    static void assertSameSpec(SpecValues actual, SpecValues expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.tag()).isEqualTo(expected.tag());
        for (SpecValues a = actual, e = expected; a != null; a = a.baseSpec().orElse(null), e = e.baseSpec().orElse(null)) {
            assertThat(a.origin()).isEqualTo(e.origin());
            assertThat(a.recordedDigests()).isEqualTo(e.recordedDigests());
            assertThat(a.id()).isEqualTo(e.id());
            assertThat(a.tag()).isEqualTo(e.tag());
        }
    }

    /** {@code <Task>_ImageSpec.values(baseDir)} of the class {@code task} compiled into {@code loader}. */
    static SpecValues generatedValues(ClassLoader loader, String task, Path baseDir) throws Exception {
        String simple = task.substring(task.lastIndexOf('.') + 1).replace('$', '_');
        String generated = task.substring(0, task.lastIndexOf('.') + 1) + simple + "_ImageSpec";
        try {
            return (SpecValues) Class.forName(generated, true, loader).getMethod("values", Path.class).invoke(null, baseDir);
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

    private static void deleteDescriptors(Path classes) throws IOException {
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
    private static <T> T withProjectDir(Path dir, Call<T> call) throws Exception {
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
