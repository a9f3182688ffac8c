package dev.imagespec.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * One command per benchmark: {@code benchmarks/run <name> [--short]}. Each prints its figures and the
 * ratio against its target, and exits 1 when the target is missed (2 on a usage error). {@code --short}
 * runs smaller sizes, checks that the harness still works and what it proves (no file hashed twice,
 * identical outputs, right answers), and reports the ratio without enforcing it: at these sizes JVM
 * start-up dominates and a shared CI machine's noise exceeds the margins.
 */
public final class Main {
    /** The benchmarks, in the order the README lists them. */
    static final List<String> NAMES = List.of(
            "compile",
            "compile-scale",
            "incremental",
            "startup",
            "idtag",
            "hashing",
            "registry",
            "registry-latency",
            "noop-build",
            "parsers");

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("generate")) {
            // For profiling by hand: the compile benchmark's project, kept in args[1].
            int classes = Integer.parseInt(args[2]);
            TaskSources.write(java.nio.file.Path.of(args[1]), classes, classes / 2, classes / 40, classes / 100);
            return;
        }
        if (args.length == 0 || !NAMES.contains(args[0])) {
            System.err.println("usage: benchmarks/run <" + String.join("|", NAMES) + "> [--short]");
            System.exit(2);
        }
        System.exit(run(args[0], Arrays.asList(args).contains("--short")) ? 0 : 1);
    }

    /** Runs one benchmark; true when its target is met (or, with {@code quick}, when it ran correctly). */
    static boolean run(String name, boolean quick) throws Exception {
        return switch (name) {
            case "compile" -> CompileBenchmark.run(false, quick);
            case "compile-scale" -> CompileBenchmark.scale(quick);
            case "incremental" -> CompileBenchmark.run(true, quick);
            case "startup" -> StartupBenchmark.run(quick);
            case "idtag" -> IdTagMain.run(quick);
            case "hashing" -> HashingBenchmark.run(quick);
            case "registry" -> RegistryBenchmark.run(quick);
            case "registry-latency" -> RegistryLatencyBenchmark.run(quick);
            case "noop-build" -> NoopBuildBenchmark.run(quick);
            case "parsers" -> ParsersMain.run(quick);
            default -> throw new IllegalArgumentException("unknown benchmark " + name + "; one of " + NAMES);
        };
    }
}
