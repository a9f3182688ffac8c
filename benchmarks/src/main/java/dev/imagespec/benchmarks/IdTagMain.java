package dev.imagespec.benchmarks;

import java.util.Collection;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link IdTagBenchmark} with JMH on one thread, with the GC profiler, and checks the rate
 * against the target: 20 times flytekit's 6,300 specs per second.
 */
final class IdTagMain {
    static final double TARGET = 126_000;

    private IdTagMain() {}

    static boolean run(boolean quick) throws RunnerException {
        System.out.printf("idtag: build %,d distinct specs, id() and tag() of each (JMH, 1 thread, -prof gc)%n",
                IdTagBenchmark.SPECS);
        Options options = new OptionsBuilder()
                .include(IdTagBenchmark.class.getName() + ".buildAndHash")
                .threads(1)
                .forks(1)
                .warmupIterations(quick ? 1 : 5)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 3))
                .addProfiler("gc")
                .jvmArgsAppend("-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        RunResult r = results.iterator().next();
        double rate = r.getPrimaryResult().getScore();
        Result<?> alloc = secondary(r, "gc.alloc.rate.norm");
        Result<?> allocRate = secondary(r, "gc.alloc.rate");
        Bench.say("%,.0f specs/s ± %,.0f", rate, r.getPrimaryResult().getScoreError());
        if (alloc != null && allocRate != null) {
            Bench.say("allocation: %,.0f bytes per spec (gc.alloc.rate.norm), %,.0f MB/s", alloc.getScore(), allocRate.getScore());
        }
        Bench.say("vs flytekit's 6,300 specs/s: %.1fx", rate / 6_300);
        return Bench.verdict("id and tag rate", rate, ">=", TARGET, " specs/s") || quick;
    }

    /** A profiler's result; JMH versions name them with or without a leading middle dot. */
    private static Result<?> secondary(RunResult r, String name) {
        Result<?> v = r.getSecondaryResults().get(name);
        return v != null ? v : r.getSecondaryResults().get("\u00b7" + name);
    }
}
