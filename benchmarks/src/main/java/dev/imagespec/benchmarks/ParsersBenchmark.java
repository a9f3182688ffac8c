package dev.imagespec.benchmarks;

import dev.imagespec.runtime.packaging.Requirement;
import dev.imagespec.runtime.packaging.Version;
import dev.imagespec.runtime.reference.ImageReference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code parsers}: how many versions (PEP 440), requirements (PEP 508) and image references (the
 * docker grammar) each parser handles per second, over a mix of the forms specs use. Run through
 * {@link ParsersMain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParsersBenchmark {
    static final String[] VERSIONS = {
        "1.26.4",
        "2.1.0rc1",
        "1!2.0.post3.dev4+local.7",
        "v3.11",
        "0.9b2",
        "2024.10.1",
        "1.0-1",
        "3.12.0a7",
        "10.2.post1",
        "4.0.0.dev0"
    };
    static final String[] REQUIREMENTS = {
        "numpy==1.26.4",
        "pandas>=2,<3",
        "requests[socks]>=2.31; python_version >= \"3.9\"",
        "torch==2.1.0+cpu",
        "scikit-learn~=1.3",
        "flytekit>=1.14,<2",
        "tomli; python_version < \"3.11\"",
        "pkg @ https://example.com/pkg-1.0.tar.gz",
        "Foo_Bar.baz!=1.0.*",
        "uvicorn[standard]"
    };
    static final String[] REFERENCES = {
        "python:3.11-slim",
        "ghcr.io/flyteorg/flytekit:py3.11-1.14.0",
        "ubuntu",
        "localhost:30000/x:abc",
        "docker.io/library/busybox:1.36",
        "xyz.com/abc@sha256:26c68657ccce2cb0a31b330cb0be2b5e108d467f641c62e13ab40cbec258c68d",
        "registry.example.com:443/a/b/c:v1",
        "cr.flyte.org/flyteorg/flytekit:py3.9-latest",
        "nvidia/cuda:12.1.0-base",
        "quay.io/org/app:2024.01"
    };

    @Benchmark
    @OperationsPerInvocation(10)
    public void versions(Blackhole bh) {
        for (String v : VERSIONS) {
            bh.consume(Version.parse(v));
        }
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void requirements(Blackhole bh) {
        for (String r : REQUIREMENTS) {
            bh.consume(Requirement.parse(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public void references(Blackhole bh) {
        for (String r : REFERENCES) {
            bh.consume(ImageReference.parseNormalized(r));
        }
    }
}
