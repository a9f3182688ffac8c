package dev.imagespec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CI's short run of every benchmark ({@code benchmarks/run <name> --short}): smaller sizes, so that the
 * harnesses keep working and what they prove is checked on every build (the processor's cache skips
 * hashing, outputs stay identical, the start-up lookup answers, the digest streams in a small heap,
 * the registry answers are right). Ratios are printed, not enforced: at these sizes JVM start-up
 * dominates and a shared CI machine's noise exceeds the margins. The full runs are in README.md.
 */
class BenchmarksShortIT {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "compile",
                "compile-scale",
                "incremental",
                "startup",
                "idtag",
                "hashing",
                "registry",
                "registry-latency",
                "noop-build",
                "parsers"
            })
    void runsShort(String name) throws Exception {
        assertThat(Main.run(name, true)).as(name).isTrue();
    }
}
