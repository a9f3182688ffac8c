package dev.imagespec.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler for a machine shared with other work: the CPU time the benchmark's worker threads
 * spent in each iteration ({@link ThreadMXBean#getThreadCpuTime}), per operation and as operations per
 * CPU-second. JMH's own score divides by wall time, which counts the time other processes held the
 * core; this counts what the JVM's cores did for it. Secondary results: {@code cpu.time.norm} (the
 * worker threads' ns per op), {@code cpu.process.norm} (the whole JVM's: garbage collection, the JIT and
 * JMH itself included) and {@code cpu.rate} (ops per second of the whole JVM's CPU time, the
 * conservative figure).
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private Map<Long, Long> before = Map.of();
    private long processBefore;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpu();
        processBefore = os.getProcessCpuTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // InternalProfiler's signature
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long process = os.getProcessCpuTime() - processBefore;
        long nanos = 0;
        for (Map.Entry<Long, Long> e : workerCpu().entrySet()) {
            nanos += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        if (ops == 0 || nanos <= 0 || process <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.time.norm", (double) nanos / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.rate", ops / (process / 1e9), "ops/cpu-s", AggregationPolicy.AVG));
    }

    /** CPU nanoseconds so far of every JMH worker thread, by thread id. */
    private Map<Long, Long> workerCpu() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("jmh-worker")) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    out.put(t.getThreadId(), cpu);
                }
            }
        }
        return out;
    }
}
