package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.testing.BusyboxImage;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --cache-to} then {@code --cache-from} with buildah 1.28: a second build on an empty store
 * (as a fresh CI machine) pulls the RUN steps' layers from the cache repository instead of running them.
 */
class LayerCacheIT {
    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static final String MARKER = "the-step-ran";
    private static Path work;
    private static Path runRoots;
    private static String base;

    @BeforeAll
    static void baseImage() throws Exception {
        Tools.require("buildah", "buildah");
        work = Files.createTempDirectory("imagespec-cache-test-");
        runRoots = Files.createTempDirectory(Path.of("/tmp"), "isc");
        base = BusyboxImage.push(REGISTRY, store("base").globalArgs(), work);
    }

    @AfterAll
    static void removeStores() {
        if (work != null) {
            Tools.deleteRecursively(work);
        }
        if (runRoots != null) {
            Tools.deleteRecursively(runRoots);
        }
    }

    private static StoreOptions store(String name) {
        return new StoreOptions(work.resolve("store-" + name), runRoots.resolve(name), "vfs");
    }

    private static BuildResult build(ImageSpec spec, StoreOptions store, List<String> lines) {
        String cache = REGISTRY.hostPort() + "/cache/app";
        ImageBuildEngine engine = ImageBuildEngine.builder()
                .listener(lines::add)
                .environment(Map.of())
                .presence(s -> Optional.of(false))
                .build();
        engine.register(
                DefaultImageBuilder.TYPE,
                DefaultImageBuilder.builder()
                        .tool(BuildTool.buildah(store))
                        .tempRoot(work.resolve("builds"))
                        .environment(Map.of())
                        .cacheFrom(cache)
                        .cacheTo(cache)
                        .build(),
                DefaultImageBuilder.PRIORITY);
        return engine.build(spec);
    }

    @Test
    void aSecondBuildOnAnEmptyStoreTakesTheStepsFromTheCache() {
        ImageSpec spec = ImageSpec.builder()
                .name("cached")
                .registry(REGISTRY.hostPort())
                .baseImage(base)
                .commands("echo " + MARKER + " && echo one > /one", "echo " + MARKER + " && echo two > /two")
                .build();

        List<String> first = Collections.synchronizedList(new ArrayList<>());
        BuildResult built = build(spec, store("first"), first);
        assertThat(ran(first)).as("both steps ran: %s", first).isEqualTo(2);
        assertThat(first).anyMatch(l -> l.contains("Pushing cache " + REGISTRY.hostPort() + "/cache/app"));

        List<String> second = Collections.synchronizedList(new ArrayList<>());
        BuildResult again = build(spec.forcePush(), store("second"), second);
        assertThat(ran(second)).as("no step ran: %s", second).isZero();
        assertThat(second)
                .anyMatch(l -> l.contains("Cache pulled from remote " + REGISTRY.hostPort() + "/cache/app"))
                .anyMatch(l -> l.startsWith("--> Using cache"));
        assertThat(again.digest()).as("the cached layers make the same image").isEqualTo(built.digest());
    }

    /** How many RUN steps printed the marker (the step's own output is the marker alone on its line). */
    private static long ran(List<String> lines) {
        synchronized (lines) {
            return lines.stream().filter(MARKER::equals).count();
        }
    }
}
