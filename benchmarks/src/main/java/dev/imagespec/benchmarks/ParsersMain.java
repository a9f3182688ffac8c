package dev.imagespec.benchmarks;

import dev.imagespec.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code parsers}: the parse rates of {@link ParsersBenchmark} (JMH, one thread), then what the
 * processor's checks add to compiling this repository's examples: fresh {@code javac} processes on
 * {@code examples/src/main/java}, with the processor vs {@code -proc:none}, alternating, medians.
 * It reports; the issue sets no target for it.
 */
final class ParsersMain {
    private ParsersMain() {}

    static boolean run(boolean quick) throws RunnerException, IOException {
        System.out.println(
                "parsers: PEP 440 versions, PEP 508 requirements, image references per second (JMH, 1 thread)");
        Options options = new OptionsBuilder()
                .include(ParsersBenchmark.class.getName())
                .threads(1)
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 1 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .build();
        for (RunResult r : new Runner(options).run()) {
            String label = r.getParams().getBenchmark();
            Bench.say(
                    "%-12s %,12.0f per second ± %,.0f",
                    label.substring(label.lastIndexOf('.') + 1),
                    r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError());
        }
        return examplesCompile(quick);
    }

    private static boolean examplesCompile(boolean quick) throws IOException {
        Path examples = Path.of(System.getProperty("imagespec.root", ".")).resolve("examples");
        Path sources = examples.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            throw new IllegalStateException("examples not found at " + sources.toAbsolutePath()
                    + "; run from the repository root or set -Dimagespec.root");
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        }
        Path dir = Files.createTempDirectory("imagespec-parsers-bench-");
        try {
            int rounds = quick ? 1 : 7;
            // The examples use their generated constants: without the processor, javac gets the
            // sources a first processor run generated, so both sides compile the same classes.
            javac(dir.resolve("first"), files, examples, true);
            List<String> withGenerated = new ArrayList<>(files);
            try (Stream<Path> walk = Files.walk(dir.resolve("first"))) {
                walk.filter(p -> p.toString().endsWith("_ImageSpec.java"))
                        .forEach(p -> withGenerated.add(p.toString()));
            }
            List<Double> with = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                without.add(javac(dir.resolve("off-" + i), withGenerated, examples, false));
                with.add(javac(dir.resolve("on-" + i), files, examples, true));
            }
            double on = Bench.median(with);
            double off = Bench.median(without);
            Bench.say(
                    "compiling the examples (%d files): %.0f ms with the processor, %.0f ms without it (same classes):"
                            + " its checks, hashing and output add %.0f ms",
                    files.size(), on, off, on - off);
            return true;
        } finally {
            Tools.deleteRecursively(dir);
        }
    }

    private static double javac(Path out, List<String> files, Path projectDir, boolean processor) throws IOException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(
                Bench.javac(),
                "-d",
                out.toString(),
                "-s",
                out.toString(),
                "-cp",
                Bench.path(Bench.classpath()),
                "--release",
                "17"));
        if (processor) {
            command.addAll(
                    List.of("-processorpath", Bench.path(Bench.classpath()), "-Aimagespec.projectDir=" + projectDir));
        } else {
            command.add("-proc:none");
        }
        command.addAll(files);
        Bench.Run r = Bench.run(command);
        if (!processor) {
            return r.nanos() / 1e6;
        }
        if (!Files.exists(out.resolve("META-INF/imagespec/index.json"))) {
            throw new IllegalStateException("the processor wrote no index:\n" + r.output());
        }
        return r.nanos() / 1e6;
    }
}
