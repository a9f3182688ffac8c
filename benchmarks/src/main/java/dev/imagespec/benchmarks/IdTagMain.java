package dev.imagespec.benchmarks;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link IdTagBenchmark} with JMH on one thread, with the GC profiler and {@link CpuTimeProfiler},
 * and checks both targets: at least {@link #TARGET} specs per second of one core, and at most
 * {@link #MAX_BYTES} bytes allocated per spec ({@code gc.alloc.rate.norm}, which no other process changes).
 *
 * <p>The rate judged is specs per second of the JVM's CPU time ({@code cpu.rate}: the benchmark thread,
 * the garbage collector, the JIT and JMH together), not JMH's wall-clock score: on a machine shared with
 * other builds the wall clock also counts the time they held the core. On an idle machine the two agree;
 * both are printed.
 */
final class IdTagMain {
    /** Specs per second of one core: about 95 times flytekit's 6,300. */
    static final double TARGET = 600_000;
    /** Bytes allocated per spec, building it included. */
    static final double MAX_BYTES = 2_000;

    private IdTagMain() {}

    static boolean run(boolean quick) throws RunnerException {
        System.out.printf(
                "idtag: build %,d distinct specs, id() and tag() of each (JMH, 1 thread, -prof gc, CPU time)%n",
                IdTagBenchmark.SPECS);
        Options options = new OptionsBuilder()
                .include(IdTagBenchmark.class.getName() + ".buildAndHash")
                .threads(1)
                .forks(1)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 3))
                .addProfiler("gc")
                .addProfiler(CpuTimeProfiler.class)
                .jvmArgsAppend("-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        RunResult r = results.iterator().next();
        double wall = r.getPrimaryResult().getScore();
        Result<?> alloc = secondary(r, "gc.alloc.rate.norm");
        Result<?> allocRate = secondary(r, "gc.alloc.rate");
        Result<?> cpuRate = secondary(r, "cpu.rate");
        Result<?> workerNanos = secondary(r, "cpu.time.norm");
        Result<?> processNanos = secondary(r, "cpu.process.norm");
        Bench.say(
                "wall clock (JMH's score): %,.0f specs/s ± %,.0f",
                wall, r.getPrimaryResult().getScoreError());
        if (cpuRate != null && workerNanos != null && processNanos != null) {
            Bench.say(
                    "CPU time: %,.0f specs per CPU-second; %.0f ns per spec on the benchmark thread, %.0f ns in the whole JVM",
                    cpuRate.getScore(), workerNanos.getScore(), processNanos.getScore());
        }
        if (alloc != null && allocRate != null) {
            Bench.say(
                    "allocation: %,.0f bytes per spec (gc.alloc.rate.norm), %,.0f MB/s",
                    alloc.getScore(), allocRate.getScore());
        }
        double rate = cpuRate != null ? cpuRate.getScore() : wall;
        Bench.say("vs flytekit's 6,300 specs/s: %.1fx", rate / 6_300);
        boolean rateOk = Bench.verdict("id and tag rate (per CPU-second)", rate, ">=", TARGET, " specs/s");
        boolean allocOk = alloc != null
                && Bench.verdict("id and tag allocation", alloc.getScore(), "<=", MAX_BYTES, " bytes/spec");
        if (alloc == null) {
            System.out.println(
                    String.format(Locale.ROOT, "id and tag allocation: no gc.alloc.rate.norm result MISSED"));
        }
        return (rateOk && allocOk) || quick;
    }

    /** A profiler's result; JMH versions name them with or without a leading middle dot. */
    private static Result<?> secondary(RunResult r, String name) {
        Result<?> v = r.getSecondaryResults().get(name);
        return v != null ? v : r.getSecondaryResults().get("\u00b7" + name);
    }
}
