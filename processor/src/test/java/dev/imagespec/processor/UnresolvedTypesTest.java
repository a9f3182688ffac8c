package dev.imagespec.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A type javac cannot resolve yet is waited for, and one it never resolves is javac's own error:
 * no exception from the processor, no error of its own beside javac's, nothing written. A base
 * spec, a composed annotation or a constant that another processor generates, in the first round
 * or a later one, works.
 */
class UnresolvedTypesTest {
    @TempDir
    Path project;

    /** Generates each class named in {@code plan}, one per round, from the round after it sees trigger {@code t.Go}. */
    static final class Generator extends AbstractProcessor {
        private final List<String[]> plan;
        private int step = -1;

        /** {@code plan}: pairs of a qualified name and its source. */
        Generator(String... plan) {
            this.plan = new ArrayList<>();
            for (int i = 0; i < plan.length; i += 2) {
                this.plan.add(new String[] {plan[i], plan[i + 1]});
            }
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (step < 0 && processingEnv.getElementUtils().getTypeElement("t.Go") != null) {
                step = 0;
            }
            if (step >= 0 && step < plan.size() && !round.processingOver()) {
                String[] next = plan.get(step++);
                try (Writer w =
                        processingEnv.getFiler().createSourceFile(next[0]).openWriter()) {
                    w.write(next[1]);
                } catch (IOException e) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.toString());
                }
            }
            return false;
        }
    }

    private Compilation compile(Processor extra, JavaFileObject... sources) {
        List<Processor> processors = new ArrayList<>(List.of(TaskSource.processors()));
        if (extra != null) {
            processors.add(0, extra);
        }
        return javac().withProcessors(processors)
                .withOptions("-Aimagespec.projectDir=" + project)
                .compile(sources);
    }

    static String descriptor(Compilation c, String className) {
        try {
            return c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/" + className + ".json")
                    .orElseThrow()
                    .getCharContent(true)
                    .toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines(name, lines);
    }

    private static void onlyJavacsErrors(Compilation c, String javacSays) {
        assertThat(c).failed();
        assertThat(c).hadErrorContaining(javacSays);
        assertThat(c.errors())
                .allSatisfy(e -> assertThat(e.getMessage(null))
                        .doesNotContain("imagespec-processor")
                        .doesNotContain("Exception"));
        // compile-testing shows no files of a failed compile: RealJavac does (aTypoWritesNothing)
    }

    @Test
    void aTypoWritesNothing(@TempDir Path dir) throws IOException {
        RealJavac.Result r = RealJavac.compile(
                dir,
                java.util.Map.of(
                        "t/Task.java",
                                "package t; @dev.imagespec.annotations.ImageSpec(baseSpec = Typo.class) public class Task {}",
                        "t/Good.java", "package t; @dev.imagespec.annotations.ImageSpec(name = \"g\") class Good {}"),
                List.of("t/Task.java", "t/Good.java"));
        assertThat(r.success()).isFalse();
        assertThat(r.diagnostics())
                .contains("cannot find symbol", "1 error")
                .doesNotContain("imagespec-processor")
                .doesNotContain("Exception");
        assertThat(RealJavac.descriptors(r.classes())).isEmpty();
    }

    @Test
    void aTypoInBaseSpecIsJavacsError() {
        JavaFileObject task = source(
                "t.Task",
                "package t;",
                "import dev.imagespec.annotations.*;",
                "@ImageSpec(name = \"a\", baseSpec = Typo.class)",
                "public class Task {}");
        JavaFileObject good =
                source("t.Good", "package t;", "@dev.imagespec.annotations.ImageSpec(name = \"g\") class Good {}");
        Compilation c = compile(null, task, good);
        onlyJavacsErrors(c, "cannot find symbol");
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(task).onLineContaining("Typo.class");
    }

    @Test
    void otherUnresolvedValuesAreJavacsErrors() {
        onlyJavacsErrors(
                compile(
                        null,
                        source(
                                "t.Task",
                                "package t;",
                                "import dev.imagespec.annotations.*;",
                                "@ImageSpec(name = Names.MISSING)",
                                "public class Task {}")),
                "cannot find symbol");
        onlyJavacsErrors(
                compile(
                        null,
                        source(
                                "t.Task",
                                "package t;",
                                "import dev.imagespec.annotations.*;",
                                "@ImageSpec(sourceCopyMode = CopyFileDetection.SOMETIMES, sourceRoot = \"x\")",
                                "public class Task {}")),
                "cannot find symbol");
        onlyJavacsErrors(
                compile(null, source("t.Task", "package t;", "@Gpuu public class Task {}")), "cannot find symbol");
        onlyJavacsErrors(
                compile(
                        null,
                        source(
                                "t.Task",
                                "package t;",
                                "import dev.imagespec.annotations.*;",
                                "@ImageSpec(name = 5, env = @ImageSpec.Env(name = \"A\"))",
                                "public class Task {}")),
                "incompatible types");
        onlyJavacsErrors(
                compile(
                        null,
                        source(
                                "t.Task",
                                "package t;",
                                "import dev.imagespec.annotations.*;",
                                "@ImageSpec(name = Task.NOT_CONSTANT)",
                                "public class Task { static String NOT_CONSTANT = \"x\"; }")),
                "must be a constant");
        onlyJavacsErrors(
                compile(
                        null,
                        source(
                                "t.Task",
                                "package t;",
                                "import dev.imagespec.annotations.*;",
                                "@ImageSpec(builderOptions = @ImageSpec.Option(value = \"v\"))",
                                "public class Task {}")),
                "missing");
    }

    @Test
    void aBaseSpecGeneratedByAnotherProcessorInTheFirstRound() {
        Generator generator = new Generator(
                "t.GenBase",
                "package t; @dev.imagespec.annotations.ImageSpec(name = \"genbase\","
                        + " registry = \"localhost:30000\") public class GenBase {}");
        Compilation c = compile(
                generator,
                source("t.Go", "package t; class Go {}"),
                source(
                        "t.Task",
                        "package t;",
                        "@dev.imagespec.annotations.ImageSpec(name = \"task\", baseSpec = GenBase.class)",
                        "public class Task {}"));
        assertThat(c).succeededWithoutWarnings();
        assertThat(descriptor(c, "t.Task")).contains("\"name\" : \"genbase\"").contains("\"image_name\" : \"task:");
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.GenBase.json");
    }

    @Test
    void aBaseSpecAndAComposedSpecGeneratedInLaterRounds() {
        // round 1 makes Step, round 2 makes GenBase, round 3 makes GenImage: each waits for what it names
        Generator generator = new Generator(
                "t.Step", "package t; public class Step {}",
                "t.GenBase", "package t; @dev.imagespec.annotations.ImageSpec(name = \"late\") public class GenBase {}",
                "t.GenImage",
                        "package t; @dev.imagespec.annotations.ImageSpec(name = \"composed\", baseSpec = GenBase.class)"
                                + " public @interface GenImage {}");
        Compilation c = compile(
                generator,
                source("t.Go", "package t; class Go {}"),
                source(
                        "t.Task",
                        "package t;",
                        "@dev.imagespec.annotations.ImageSpec(name = \"task\", baseSpec = GenBase.class)",
                        "public class Task {}"),
                source("t.Uses", "package t;", "@GenImage public class Uses {}"),
                source(
                        "t.Child",
                        "package t;",
                        "@dev.imagespec.annotations.ImageSpec(name = \"child\", baseSpec = Uses.class)",
                        "public class Child {}"));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Task.json")
                .contentsAsUtf8String()
                .contains("\"name\" : \"late\"");
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Uses.json")
                .contentsAsUtf8String()
                .contains("\"name\" : \"composed\"");
        assertThat(descriptor(c, "t.Child")).contains("\"name\" : \"composed\"").contains("\"name\" : \"late\"");
    }

    @Test
    void aConstantGeneratedByAnotherProcessor() {
        Generator generator = new Generator(
                "t.Names", "package t; public final class Names { public static final String NAME = \"gen\"; }");
        Compilation c = compile(
                generator,
                source("t.Go", "package t; class Go {}"),
                source(
                        "t.Task",
                        "package t;",
                        "@dev.imagespec.annotations.ImageSpec(name = Names.NAME)",
                        "public class Task {}"));
        assertThat(c).succeededWithoutWarnings();
        assertThat(c)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.Task.json")
                .contentsAsUtf8String()
                .contains("\"image_name\" : \"gen:");
    }

    /** Claims {@code t.Mine} and records every annotation it is offered. */
    static final class Recorder extends AbstractProcessor {
        final List<String> seen = new ArrayList<>();

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("t.Mine");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            annotations.forEach(a -> seen.add(a.getQualifiedName().toString()));
            return true;
        }
    }

    private static final JavaFileObject[] MINE_AND_GPU = {
        source("t.Mine", "package t; @interface Mine {}"),
        source("t.Gpu", "package t; @dev.imagespec.annotations.ImageSpec(cuda = \"12.1\") @interface Gpu {}"),
        source("t.A", "package t; @Mine @Gpu class A {}")
    };

    @Test
    void anotherProcessorStillGetsItsAnnotations() {
        // after the imagespec processor: offered t.Mine, which the "*" half must not claim; so the
        // composed t.Gpu is not claimed in that round either, and -Xlint:processing says so
        Recorder after = new Recorder();
        List<Processor> processors = new ArrayList<>(List.of(TaskSource.processors()));
        processors.add(after);
        Compilation c =
                javac().withProcessors(processors).withOptions("-Xlint:all").compile(MINE_AND_GPU);
        assertThat(after.seen).containsExactly("t.Mine");
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("No processor claimed any of these annotations: /t.Gpu");
        assertThat(c.warnings()).hasSize(1);
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.A.json");

        // before it: the other processor claims its own first, and nothing is left unclaimed
        Recorder before = new Recorder();
        processors = new ArrayList<>(List.of(TaskSource.processors()));
        processors.add(0, before);
        c = javac().withProcessors(processors)
                .withOptions("-Xlint:all", "-Werror")
                .compile(MINE_AND_GPU);
        assertThat(before.seen).containsExactly("t.Mine");
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/imagespec/t.A.json");
    }
}
