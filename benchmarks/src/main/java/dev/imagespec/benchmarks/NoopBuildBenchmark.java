package dev.imagespec.benchmarks;

import dev.imagespec.cli.ImageSpecCommand;
import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecYaml;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import dev.imagespec.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code noop-build}: {@code imagespec build} of N spec files whose images are all in a local
 * registry (so every one is a skip) vs {@code ImageExistence.checkAll} of the same N specs. Both in
 * this JVM after a warm-up, alternating, medians: the figure is what the build adds to the check
 * (reading the files, choosing builders, the engine's rules), not JVM start-up.
 */
final class NoopBuildBenchmark {
    private NoopBuildBenchmark() {}

    static boolean run(boolean quick) throws Exception {
        int count = quick ? 30 : 200;
        int rounds = quick ? 3 : 7;
        System.out.printf(
                "noop-build: imagespec build of %d present specs vs existAll of the same, %d rounds%n", count, rounds);
        Path dir = Files.createTempDirectory("imagespec-bench-noop-");
        try (LocalRegistry registry = LocalRegistry.withoutAuth().start()) {
            TestImages.pushBusybox(registry, "noop/app", "seed");
            List<String> args = new ArrayList<>(List.of("build", "--tool", "buildah"));
            List<ImageSpec> specs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path file = dir.resolve("spec-" + i + ".yaml");
                Files.writeString(
                        file,
                        "name: app\nregistry: " + registry.hostPort() + "/noop\npackages: [\"numpy==1." + i
                                + ".0\"]\n");
                ImageSpec spec = ImageSpecYaml.read(file);
                TestImages.tag(registry, "noop/app", "seed", spec.tag());
                specs.add(spec);
                args.add(file.toString());
            }
            List<Double> build = new ArrayList<>();
            List<Double> check = new ArrayList<>();
            build(args); // warm-up: connections, classes, JIT
            ImageExistence.checkAll(specs);
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                String out = build(args);
                build.add((System.nanoTime() - start) / 1e6);
                if (out.lines().filter(l -> l.contains("\tskipped\t")).count() != count) {
                    throw new IllegalStateException("expected " + count + " skips, got:\n" + out);
                }
                start = System.nanoTime();
                long present = ImageExistence.checkAll(specs).values().stream()
                        .filter(Existence::isPresent)
                        .count();
                check.add((System.nanoTime() - start) / 1e6);
                if (present != count) {
                    throw new IllegalStateException("expected " + count + " present, got " + present);
                }
            }
            double b = Bench.median(build);
            double c = Bench.median(check);
            Bench.say("imagespec build (all skipped): median %.0f ms (%.2f ms per spec)", b, b / count);
            Bench.say("existAll: median %.0f ms (%.2f ms per spec)", c, c / count);
            return Bench.verdict("no-op build / existAll", b / c, "<=", 2, "x") || quick;
        } finally {
            Tools.deleteRecursively(dir);
        }
    }

    private static String build(List<String> args) {
        StringWriter out = new StringWriter();
        CommandLine cl = ImageSpecCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("imagespec build exited " + code + ":\n" + out);
        }
        return out.toString();
    }
}
