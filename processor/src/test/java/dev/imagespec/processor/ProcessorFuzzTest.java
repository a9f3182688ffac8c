package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.SpecHasher;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.SpecValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The processor under random and hostile {@code @ImageSpec} sources ({@link FuzzCases}), each
 * compiled by real javac (in this JVM, into real directories): javac never crashes, every error is
 * javac's own or the processor's on an annotation member or the annotated element, a failed compile
 * writes no descriptor, and a successful one writes descriptors whose id and tag survive being read
 * back and hashed again, and match the generated constants. 200 cases from a fixed seed, the same
 * in every run (another seed explores others).
 */
class ProcessorFuzzTest {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final StandardJavaFileManager FILES =
            JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger COMPILED = new AtomicInteger();
    private static final AtomicInteger DESCRIPTORS = new AtomicInteger();
    private static final Pattern ID = Pattern.compile("public static final String ID = \"([^\"]*)\";");

    @Provide
    Arbitrary<FuzzCases.Case> cases() {
        return Arbitraries.randomValue(FuzzCases::next);
    }

    @Property(tries = 200, seed = "20261201", shrinking = ShrinkingMode.OFF)
    void theProcessorNeverCrashesAndWritesOnlyWhatReadsBack(@ForAll("cases") FuzzCases.Case c) throws Exception {
        CASES.incrementAndGet();
        Path dir = Files.createTempDirectory("imagespec-fuzz");
        try {
            check(c, dir);
        } finally {
            delete(dir);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf(
                Locale.ROOT,
                "ProcessorFuzzTest: %d cases, %d compiled, %d failed to compile, %d descriptors" + " checked%n",
                CASES.get(),
                COMPILED.get(),
                CASES.get() - COMPILED.get(),
                DESCRIPTORS.get());
    }

    private static void check(FuzzCases.Case c, Path dir) throws IOException {
        project(dir);
        List<Path> files = new ArrayList<>();
        for (String name : c.order()) {
            Path file = dir.resolve("src").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, c.sources().get(name), StandardCharsets.UTF_8);
            files.add(file);
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(dir.resolve("gen"));
        List<String> options = List.of(
                "-d",
                classes.toString(),
                "-s",
                dir.resolve("gen").toString(),
                "-classpath",
                RealJavac.join(RealJavac.userClassPath(List.of())),
                "--release",
                "17",
                "-encoding",
                "UTF-8",
                "-Aimagespec.projectDir=" + dir,
                "-Aimagespec.cacheDir=none",
                "-Xmaxerrs",
                "10000");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        JavaCompiler.CompilationTask task =
                JAVAC.getTask(out, FILES, diagnostics, options, null, FILES.getJavaFileObjectsFromPaths(files));
        task.setProcessors(List.of(new ComposedSpecProcessor(), new ImageSpecProcessor()));
        boolean ok;
        try {
            ok = task.call();
        } catch (RuntimeException e) {
            throw new AssertionError("javac crashed on " + describe(c), e);
        }
        String context = describe(c) + "\n" + diagnostics.getDiagnostics() + out;
        assertThat(out.toString()).as(context).doesNotContain("Exception");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            assertThat(message)
                    .as(context)
                    .doesNotContain("uncaught exception")
                    .doesNotContain("this is a bug")
                    .doesNotContain("Exception");
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            assertThat(d.getSource())
                    .as("an error on no file: " + message + "\n" + context)
                    .isNotNull();
            if ("compiler.err.proc.messager".equals(d.getCode())) {
                String file = dir.resolve("src")
                        .relativize(Path.of(d.getSource().toUri()))
                        .toString();
                long line = d.getLineNumber();
                assertThat(c.specLines().getOrDefault(file, List.of()))
                        .as("the processor's error is not on a spec (%s:%d):" + " %s%n%s", file, line, message, context)
                        .anyMatch(range -> line >= range[0] && line <= range[1]);
            }
        }
        List<String> written = RealJavac.descriptors(classes);
        if (!ok) {
            assertThat(written)
                    .as("a failed compile wrote descriptors\n" + context)
                    .isEmpty();
            return;
        }
        COMPILED.incrementAndGet();
        for (String resource : written) {
            if (resource.endsWith("index.json")) {
                continue;
            }
            DESCRIPTORS.incrementAndGet();
            byte[] bytes = Files.readAllBytes(classes.resolve(resource));
            Descriptor d = Descriptor.read(new ByteArrayInputStream(bytes), resource);
            assertThat(d.toJson())
                    .as(resource + " rewritten\n" + context)
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
            SpecValues read = d.toValues(dir);
            assertThat(read.id()).as(context).isEqualTo(d.id());
            assertThat(read.tag()).as(context).isEqualTo(d.tag());
            // hashed again, without what the descriptor recorded
            SpecValues again = SpecMapper.fromDescriptorMap(d.spec(), dir, d.className(), null, null);
            assertThat(SpecHasher.id(again))
                    .as("re-hashed id of " + resource + "\n" + context)
                    .isEqualTo(d.id());
            assertThat(again.tag())
                    .as("re-hashed tag of " + resource + "\n" + context)
                    .isEqualTo(d.tag());
            assertThat(again.computedImageName()).as(context).isEqualTo(d.imageName());
            String generated = generatedSource(dir, d.className());
            if (generated != null) {
                Matcher m = ID.matcher(generated);
                assertThat(m.find()).as(context).isTrue();
                assertThat(m.group(1))
                        .as("the generated ID of " + d.className() + "\n" + context)
                        .isEqualTo(d.id());
            }
        }
    }

    /** The generated {@code <Task>_ImageSpec.java} of a binary class name, or null. */
    private static String generatedSource(Path dir, String className) throws IOException {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '_');
        Path file = dir.resolve("gen").resolve(pkg.replace('.', '/')).resolve(simple + "_ImageSpec.java");
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    /** The files the cases' paths name. */
    private static void project(Path dir) throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), "numpy==1.26.4\npandas>=2\n");
        Files.createDirectories(dir.resolve("data/sub"));
        Files.writeString(dir.resolve("data/x.csv"), "1,2\n");
        Files.writeString(dir.resolve("data/sub/y.txt"), "y\n");
        Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("with space.txt"), "s\n");
        Files.createDirectories(dir.resolve("src/py"));
        Files.writeString(dir.resolve("src/py/app.py"), "print('hi')\n");
        try {
            Files.writeString(dir.resolve("caf\u00e9.txt"), "c\n");
        } catch (java.nio.file.InvalidPathException e) {
            // a JVM whose file names cannot hold it: the cases that name it get an error instead
        }
    }

    private static String describe(FuzzCases.Case c) {
        StringBuilder s = new StringBuilder("case (" + c.description() + "):\n");
        c.sources()
                .forEach((name, text) ->
                        s.append("--- ").append(name).append('\n').append(text));
        return s.toString();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
