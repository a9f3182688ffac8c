package dev.imagespec.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/** Test sources: {@code t.Task} carrying an {@code @ImageSpec} with the given members, one a line, and its compile. */
final class TaskSource {
    private TaskSource() {}

    static JavaFileObject task(String... members) {
        String[] lines = new String[members.length + 6];
        lines[0] = "package t;";
        lines[1] = "import dev.imagespec.annotations.*;";
        lines[2] = "import dev.imagespec.annotations.ImageSpec.*;";
        lines[3] = "@ImageSpec(";
        System.arraycopy(members, 0, lines, 4, members.length);
        lines[lines.length - 2] = ")";
        lines[lines.length - 1] = "public class Task {}";
        return JavaFileObjects.forSourceLines("t.Task", lines);
    }

    /** What the processor jar registers: both halves, as javac finds them on a processor path. */
    static javax.annotation.processing.Processor[] processors() {
        return new javax.annotation.processing.Processor[] {new ComposedSpecProcessor(), new ImageSpecProcessor()};
    }

    static Compilation compile(Path project, java.util.List<String> options, JavaFileObject... sources) {
        java.util.List<String> all = new java.util.ArrayList<>(options);
        all.add("-Aimagespec.projectDir=" + project);
        return javac().withProcessors(processors()).withOptions(all).compile(sources);
    }

    static Compilation compile(Path project, JavaFileObject... sources) {
        return javac().withProcessors(processors())
                .withOptions("-Aimagespec.projectDir=" + project)
                .compile(sources);
    }
}
