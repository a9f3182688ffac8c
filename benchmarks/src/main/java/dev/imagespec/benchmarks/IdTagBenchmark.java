package dev.imagespec.benchmarks;

import dev.imagespec.runtime.ImageSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code idtag}: builds {@link #SPECS} distinct specs (varied fields, no files) and computes
 * {@code id()} and {@code tag()} of each, in one invocation; JMH reports specs per second
 * ({@link OperationsPerInvocation}). Run through {@link IdTagMain}, which adds {@code -prof gc} and the target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IdTagBenchmark {
    /** Specs per invocation: the workload. */
    static final int SPECS = 10_000;

    /** Varies between iterations so that no spec is built twice in a row with the same values. */
    private int salt;

    @Setup(Level.Iteration)
    public void nextSalt() {
        salt++;
    }

    @Benchmark
    @OperationsPerInvocation(SPECS)
    public void buildAndHash(Blackhole bh) {
        for (int i = 0; i < SPECS; i++) {
            ImageSpec spec = spec(i, salt);
            bh.consume(spec.id());
            bh.consume(spec.tag());
        }
    }

    /** Spec {@code i}: a mix of the fields tasks use, each spec distinct. */
    static ImageSpec spec(int i, int salt) {
        ImageSpec.Builder b = ImageSpec.builder()
                .name("task-" + i)
                .pythonVersion("3.1" + (i % 3))
                .packages("numpy==1." + (i % 30) + ".0", "pandas>=2." + salt)
                .registry("ghcr.io/acme");
        switch (i % 4) {
            case 0 -> b.env("MODE", "m" + i).aptPackages("git", "curl");
            case 1 -> b.cuda("12.1").cudnn("8").baseImage("python:3.11-slim");
            case 2 -> b.commands("mkdir -p /opt/" + i).tagFormat("{spec_hash}-dev");
            default -> b.condaPackages("pytorch").condaChannels("nvidia").platform("linux/amd64,linux/arm64");
        }
        return b.build();
    }
}
