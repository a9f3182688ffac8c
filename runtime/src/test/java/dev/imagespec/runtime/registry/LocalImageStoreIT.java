package dev.imagespec.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.registry.auth.Environment;
import dev.imagespec.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local image store of a real buildah, with its storage in a temporary directory (vfs driver) so the
 * machine's own images are neither seen nor touched. What needs no tool is in {@link LocalImageStoreTest}.
 */
class LocalImageStoreIT {
    private static Path dir;
    private static Map<String, String> storageEnv;

    @BeforeAll
    static void commitAnImage() throws Exception {
        Path buildah = Tools.require("buildah", "buildah");
        dir = Files.createTempDirectory("imagespec-local-store-");
        Path conf = dir.resolve("storage.conf");
        Files.writeString(
                conf,
                "[storage]\ndriver = \"vfs\"\nrunroot = \"" + dir.resolve("run") + "\"\ngraphroot = \""
                        + dir.resolve("root") + "\"\n");
        storageEnv = Map.of("CONTAINERS_STORAGE_CONF", conf.toString());
        String container = Tools.run(List.of(buildah.toString(), "from", "--quiet", "scratch"), storageEnv)
                .trim();
        Tools.run(List.of(buildah.toString(), "commit", "--quiet", container, "imagespec-local:v1"), storageEnv);
        Tools.run(List.of(buildah.toString(), "rm", container), storageEnv);
    }

    @AfterAll
    static void deleteStorage() {
        if (dir != null) {
            Tools.deleteRecursively(dir);
        }
    }

    private static LocalImageStore store(String path) {
        Map<String, String> env = new java.util.HashMap<>(storageEnv);
        env.put("PATH", path);
        return LocalImageStore.of(Environment.of(env, dir), Duration.ofSeconds(20));
    }

    @Test
    void committedImageIsPresentAndAnotherAbsent() {
        LocalImageStore store =
                store(Tools.require("buildah", "buildah").getParent().toString());

        Existence present = store.check("imagespec-local:v1");
        Existence absent = store.check("imagespec-local:v2");

        assertThat(store.tool()).contains("buildah");
        assertThat(present.state()).as(present.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(absent.state()).as(absent.toString()).isEqualTo(Existence.State.ABSENT);
    }
}
