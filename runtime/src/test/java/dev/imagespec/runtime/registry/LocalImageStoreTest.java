package dev.imagespec.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.registry.auth.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local image store's answers that never reach a builder tool; with a real buildah, see {@link LocalImageStoreIT}. */
class LocalImageStoreTest {
    @TempDir
    Path dir;

    private LocalImageStore store(String path) {
        return LocalImageStore.of(Environment.of(Map.of("PATH", path), dir), Duration.ofSeconds(20));
    }

    @Test
    void noBuilderToolIsUnknownSayingWhatToInstall() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-bin"));

        Existence e = store(empty.toString()).check("imagespec-local:v1");

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("buildah, podman or docker");
    }

    @Test
    void optionLikeNamesNeverReachTheTool() {
        Existence e = store("/usr/bin").check("--help");

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("\"--help\"");
    }
}
