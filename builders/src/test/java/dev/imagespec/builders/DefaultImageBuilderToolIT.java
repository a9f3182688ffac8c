package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.BuildResult.Outcome;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.testing.BusyboxImage;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real builds: {@code buildah build --isolation chroot} or {@code podman build --isolation chroot}
 * (one subclass each) in a temporary vfs store, against a real registry on 127.0.0.1, from a base
 * image made here of {@code busybox-static} (no network). Every test inspects what was pushed
 * ({@code skopeo inspect}) and the image's files.
 */
abstract class DefaultImageBuilderToolIT {

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILES = DockerfileRendererTest.FILES;
    private static final List<String> BASE_ENTRYPOINT = List.of("/bin/sh", "-c");

    private static Path work;
    private static Path runRoot;
    private static StoreOptions store;
    private static String baseImage;
    private static Path tempRoot;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    /** The tool under test, in the test's store. */
    abstract BuildTool tool(StoreOptions store);

    @BeforeAll
    static void baseImage() throws Exception {
        Tools.require("buildah", "buildah");
        Tools.require("podman", "podman");
        Tools.require("skopeo", "skopeo");
        work = Files.createTempDirectory("imagespec-buildah-test-");
        // podman refuses a run root longer than 50 characters.
        runRoot = Files.createTempDirectory(Path.of("/tmp"), "isr");
        store = new StoreOptions(work.resolve("root"), runRoot, "vfs");
        tempRoot = work.resolve("builds");
        baseImage = BusyboxImage.push(REGISTRY, store.globalArgs(), work);
    }

    @AfterAll
    static void removeStore() {
        if (work != null) {
            Tools.deleteRecursively(work);
        }
        if (runRoot != null) {
            Tools.deleteRecursively(runRoot);
        }
    }

    @AfterEach
    void noBuildDirectoryIsLeft() throws IOException {
        if (Files.isDirectory(tempRoot)) {
            try (Stream<Path> left =
                    Files.list(tempRoot).filter(p -> !p.getFileName().toString().equals("locks"))) {
                assertThat(left).as("build directories left in %s", tempRoot).isEmpty();
            }
        }
    }

    private DefaultImageBuilder builder(Map<String, String> env) {
        return DefaultImageBuilder.builder()
                .tool(tool(store))
                .tempRoot(tempRoot)
                .environment(env)
                .build();
    }

    private ImageBuildEngine engine(Map<String, String> env) {
        BuildListener listener = lines::add;
        ImageBuildEngine e = ImageBuildEngine.builder()
                .listener(listener)
                .environment(env)
                .presence(new LocalImagePresence(store))
                .build();
        e.register(DefaultImageBuilder.TYPE, builder(env), DefaultImageBuilder.PRIORITY);
        return e;
    }

    private static ImageSpec.Builder spec(String name) {
        return ImageSpec.builder()
                .name(name)
                .registry(REGISTRY.hostPort())
                .baseImage(baseImage)
                .baseDir(FILES);
    }

    @Test
    void envCommandsCopyEntrypointTagFormatAndIdReachThePushedImage() throws Exception {
        String hostile = "$(touch /pwned) ${HOME} \"q\" back\\slash";
        ImageSpec s = spec("features")
                .env("MODE", "batch")
                .env("GREETING", "hello world")
                .env("HOSTILE", hostile)
                .commands("mkdir -p /opt/data", "echo built > /opt/data/ok")
                .copy("conf", "hello.txt")
                .entrypoint("/bin/sh", "-c", "echo started")
                .tagFormat("{spec_hash}-dev")
                .build();

        BuildResult r = engine(Map.of()).build(s);

        assertThat(r.outcome()).isEqualTo(Outcome.BUILT);
        assertThat(r.imageName()).isEqualTo(s.imageName()).endsWith("-dev");
        JsonNode inspect = skopeoInspect(s.imageName(), false);
        assertThat(r.digest()).contains(inspect.get("Digest").asText());
        JsonNode config = skopeoInspect(s.imageName(), true).get("config");
        assertThat(env(config))
                .contains("MODE=batch", "GREETING=hello world", "HOSTILE=" + hostile, "_F_IMG_ID=" + s.id());
        assertThat(env(config).get(env(config).size() - 1)).isEqualTo("_F_IMG_ID=" + s.id());
        assertThat(strings(config.get("Entrypoint"))).containsExactly("/bin/sh", "-c", "echo started");
        assertThat(config.get("User").asText()).isEqualTo("flytekit");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/root");
        Map<String, String> files =
                readFiles(s.imageName(), "/opt/data/ok", "/root/conf/app.yaml", "/root/hello.txt", "/pwned");
        assertThat(files)
                .containsEntry("/opt/data/ok", "built\n")
                .containsEntry("/root/conf/app.yaml", "mode: test\n")
                .containsEntry("/root/hello.txt", "hello\n")
                .doesNotContainKey("/pwned");
        assertThat(lines)
                .anyMatch(l -> l.contains("STEP"))
                .anyMatch(l -> l.startsWith("Built " + s.imageName()))
                .contains("Build tool: " + tool(store).name() + " (configured)");
        assertThat(r.baseImage()).contains(baseImage);
        assertThat(r.baseDigest())
                .contains(skopeoInspect(baseImage, false).get("Digest").asText());
        assertThat(lines)
                .anyMatch(l -> l.startsWith("Warning: base image " + baseImage + " names a tag")
                        && l.contains(r.baseDigest().get()));
    }

    @Test
    void baseSpecChainKeepsThenClearsTheEntrypoint() throws Exception {
        ImageSpec base =
                spec("chain-base").commands("echo from-base > /opt-base.txt").build();
        ImageSpec child = ImageSpec.builder()
                .name("chain-child")
                .registry(REGISTRY.hostPort())
                .baseSpec(base)
                .commands("cat /opt-base.txt > /opt-child.txt")
                .entrypoint(List.of())
                .build();

        BuildResult r = engine(Map.of()).build(child);

        assertThat(r.built()).isTrue();
        JsonNode baseConfig = skopeoInspect(base.imageName(), true).get("config");
        assertThat(strings(baseConfig.get("Entrypoint")))
                .as("unset entrypoint keeps the base image's")
                .isEqualTo(BASE_ENTRYPOINT);
        JsonNode childConfig = skopeoInspect(child.imageName(), true).get("config");
        assertThat(strings(childConfig.get("Entrypoint")))
                .as("empty entrypoint clears it")
                .isEmpty();
        assertThat(env(childConfig)).contains("_F_IMG_ID=" + child.id()).doesNotContain("_F_IMG_ID=" + base.id());
        assertThat(readFiles(child.imageName(), "/opt-child.txt")).containsEntry("/opt-child.txt", "from-base\n");
    }

    @Test
    void aSecondBuildIsASkipAndForcePushBuildsAgain() throws Exception {
        ImageSpec s = spec("twice").commands("date > /built-at").build();
        assertThat(engine(Map.of()).build(s).outcome()).isEqualTo(Outcome.BUILT);

        ImageBuildEngine another = engine(Map.of());
        BuildResult second = another.build(s);
        assertThat(second.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(second.digest()).isEmpty();
        assertThat(lines).anyMatch(l -> l.equals("Image " + s.imageName() + " found. Skip building."));

        BuildResult forced = another.build(s.forcePush());
        assertThat(forced.outcome()).isEqualTo(Outcome.BUILT);
        assertThat(forced.digest())
                .contains(skopeoInspect(s.imageName(), false).get("Digest").asText());
    }

    @Test
    void aFailingCommandEndsWithItsLastLinesAndPushesNothing() throws Exception {
        ImageSpec s = spec("fails").commands("echo about-to-fail", "exit 3").build();

        assertThatThrownBy(() -> engine(Map.of()).build(s)).isInstanceOfSatisfying(ImageBuildException.class, e -> {
            assertThat(e.exitCode()).isPresent();
            assertThat(e.lastLines()).anyMatch(l -> l.contains("about-to-fail"));
            assertThat(e.getMessage())
                    .contains(tool(store).name() + " build of " + s.imageName(), "exit code", "Nothing was pushed");
        });
        assertThat(new LocalImagePresence(store).apply(s)).contains(false);
    }

    @Test
    void pushIsOffWhenFlytePushImageSpecIsFalse() throws Exception {
        ImageSpec s = spec("local-only").commands("true").build();
        BuildResult r = engine(Map.of(DefaultImageBuilder.PUSH_ENV, "false")).build(s);
        assertThat(r.built()).isTrue();
        assertThat(r.digest()).isEmpty();
        assertThat(new LocalImagePresence(store).apply(s))
                .as("not in the registry")
                .contains(false);
        assertThat(buildah("images", "-q", s.imageName()))
                .as("but in the local store")
                .isNotBlank();
    }

    @Test
    void interruptingTheBuildStopsTheToolAndLeavesNoTagOrDirectory() throws Exception {
        ImageSpec s =
                spec("interrupted").commands("echo sleeping-now && sleep 120").build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch sleeping = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                builder(Map.of()).buildImage(s, line -> {
                    lines.add(line);
                    if (line.contains("sleeping-now")) {
                        sleeping.countDown();
                    }
                });
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        assertThat(sleeping.await(120, TimeUnit.SECONDS))
                .as("the build reached its sleep: %s", lines)
                .isTrue();
        long start = System.nanoTime();
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(t.isAlive()).isFalse();
        assertThat(System.nanoTime() - start)
                .as("stopped well before the sleep ends")
                .isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(failure.get())
                .isInstanceOfSatisfying(
                        ImageBuildException.class,
                        e -> assertThat(e.wasInterrupted()).isTrue());
        assertThat(new LocalImagePresence(store).apply(s)).contains(false);
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("sleep 120")))
                .as("no tool process left")
                .isEmpty();
    }

    @Test
    void killingTheToolFailsTheBuildAndLeavesNoTagOrDirectory() throws Exception {
        ImageSpec s = spec("killed").commands("echo sleeping-now && sleep 120").build();
        CountDownLatch sleeping = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                builder(Map.of()).buildImage(s, line -> {
                    if (line.contains("sleeping-now")) {
                        sleeping.countDown();
                    }
                });
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        assertThat(sleeping.await(120, TimeUnit.SECONDS)).isTrue();
        String name = tool(store).name();
        Optional<ProcessHandle> tool = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith(name))
                .findFirst();
        assertThat(tool).as("the %s process", name).isPresent();
        tool.get().destroyForcibly();
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(failure.get())
                .isInstanceOfSatisfying(
                        ImageBuildException.class, e -> assertThat(e.exitCode()).isPresent());
        assertThat(new LocalImagePresence(store).apply(s)).contains(false);
    }

    // ---- looking at what was built -------------------------------------------------------------

    private static JsonNode skopeoInspect(String image, boolean config) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
        if (config) {
            cmd.add("--config");
        }
        cmd.add("docker://" + image);
        return JSON.readTree(Tools.run(cmd));
    }

    private static List<String> env(JsonNode config) {
        return strings(config.get("Env"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Pulls the pushed image into the test store and reads files from its root file system. */
    private static Map<String, String> readFiles(String image, String... paths) throws Exception {
        String container = lastLine(buildah("from", "-q", "--pull-always", "--tls-verify=false", image));
        try {
            Path root = Path.of(lastLine(buildah("mount", container)));
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (String p : paths) {
                Path f = root.resolve(p.substring(1));
                if (Files.exists(f)) {
                    out.put(p, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
            return out;
        } finally {
            buildah("rm", container);
        }
    }

    /** Tools.run merges stderr into stdout; the value a buildah command prints comes last. */
    private static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.get(lines.size() - 1).strip();
    }

    private static String buildah(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("buildah");
        cmd.addAll(store.globalArgs());
        cmd.addAll(List.of(args));
        return Tools.run(cmd);
    }
}
