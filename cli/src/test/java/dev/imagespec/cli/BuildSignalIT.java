package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecYaml;
import dev.imagespec.testing.BusyboxImage;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.Tools;
import dev.imagespec.testing.VfsStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged command stopped and raced as a pipeline does it: SIGTERM in the middle of a build stops
 * buildah's whole process tree and removes the build directory before the JVM exits; a build directory
 * left by a process that is gone is swept by the next run; two runs of one spec at once build it once.
 */
class BuildSignalIT {
    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path work;
    private static Path tmp;
    private static Map<String, String> env;
    private static String base;

    @BeforeAll
    static void baseImageAndStore() throws Exception {
        work = Files.createTempDirectory("imagespec-cli-signal-");
        tmp = Files.createDirectories(work.resolve("tmp"));
        VfsStore store = VfsStore.under(work);
        env = Map.of("CONTAINERS_STORAGE_CONF", store.conf().toString(), "IMAGESPEC_BUILD_TOOL", "buildah");
        base = BusyboxImage.push(REGISTRY, store.args(), work);
    }

    @AfterAll
    static void removeStore() {
        if (work != null) {
            Tools.deleteRecursively(work);
        }
    }

    /** {@code java -jar target/imagespec.jar ARGS} with its temp directory under the test's, its output collected. */
    private record Cli(Process process, List<String> out, List<String> err, List<Thread> pumps) {
        static Cli start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + tmp,
                    "-jar",
                    Path.of("target", "imagespec.jar").toAbsolutePath().toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            Cli cli = new Cli(
                    p,
                    Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()),
                    new ArrayList<>());
            cli.pumps().add(pump(p.getInputStream(), cli.out()));
            cli.pumps().add(pump(p.getErrorStream(), cli.err()));
            return cli;
        }

        int waitFor() throws InterruptedException {
            assertThat(process.waitFor(240, TimeUnit.SECONDS))
                    .as("imagespec ended: %s", err)
                    .isTrue();
            for (Thread t : pumps) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            return process.exitValue();
        }

        String errText() {
            synchronized (err) {
                return String.join("\n", err);
            }
        }
    }

    private static Thread pump(InputStream in, List<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Path buildRoot() {
        return tmp.resolve("imagespec-build");
    }

    private static List<Path> buildDirectoriesOf(long pid) throws IOException {
        if (!Files.isDirectory(buildRoot())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(buildRoot())) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(pid + "-"))
                    .toList();
        }
    }

    @Test
    void sigtermMidBuildStopsBuildahAndRemovesTheBuildDirectory() throws Exception {
        Path spec = work.resolve("slow.yaml");
        Files.writeString(
                spec,
                "name: cli-slow\nregistry: " + REGISTRY.hostPort() + "\nbase_image: " + base
                        + "\ncommands:\n  - \"echo sleeping-now && sleep 300\"\n",
                StandardCharsets.UTF_8);
        Cli cli = Cli.start("build", "slow.yaml");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (cli.err().stream().noneMatch("sleeping-now"::equals)
                && cli.process().isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(cli.err()).as("the build reached its sleep").contains("sleeping-now");
        List<ProcessHandle> tree = cli.process().descendants().toList();
        assertThat(tree)
                .as("buildah and its children")
                .anyMatch(p -> p.info().command().orElse("").endsWith("buildah"))
                .anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 300"));
        assertThat(buildDirectoriesOf(cli.process().pid())).hasSize(1);

        long start = System.nanoTime();
        // SIGTERM, through the handle: Process.destroy() would also close the pipes this test reads.
        assertThat(cli.process().toHandle().destroy()).isTrue();
        int code = cli.waitFor();

        assertThat(System.nanoTime() - start)
                .as("stopped well before the sleep ends")
                .isLessThan(TimeUnit.SECONDS.toNanos(60));
        assertThat(code).isNotZero();
        assertThat(tree).as("no process of the build is left").noneMatch(ProcessHandle::isAlive);
        assertThat(buildDirectoriesOf(cli.process().pid()))
                .as("no build directory is left")
                .isEmpty();
        assertThat(cli.errText())
                .contains("imagespec: stopping 1 build tool process and removing the build directories");
        ImageSpec s = ImageSpecYaml.read(spec);
        assertThat(Tools.run(List.of(
                        "sh",
                        "-c",
                        "skopeo inspect --raw --tls-verify=false docker://" + s.imageName() + " 2>&1 || true")))
                .as("nothing pushed")
                .contains("manifest unknown");
    }

    @Test
    void twoRunsOfOneSpecAtOnceBuildItOnceAndTheNextRunSweepsADeadProcessesDirectory() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path left = Files.createDirectories(
                buildRoot().resolve(gone.pid() + "-left0ver").resolve("context"));
        Files.writeString(left.resolve("Dockerfile"), "FROM scratch\n");

        Path spec = work.resolve("twice.yaml");
        Files.writeString(
                spec,
                "name: cli-twice\nregistry: " + REGISTRY.hostPort() + "\nbase_image: " + base
                        + "\ncommands:\n  - \"sleep 3 && echo once > /once\"\n",
                StandardCharsets.UTF_8);
        Cli a = Cli.start("build", "twice.yaml", "--result-file", "a.json");
        Cli b = Cli.start("build", "twice.yaml", "--result-file", "b.json");
        assertThat(a.waitFor()).as(a.errText()).isZero();
        assertThat(b.waitFor()).as(b.errText()).isZero();

        JsonNode ra = JSON.readTree(work.resolve("a.json").toFile()).get(0);
        JsonNode rb = JSON.readTree(work.resolve("b.json").toFile()).get(0);
        assertThat(List.of(ra.get("outcome").asText(), rb.get("outcome").asText()))
                .containsExactlyInAnyOrder("built", "skipped");
        String registry = JSON.readTree(Tools.run(List.of(
                        "skopeo",
                        "inspect",
                        "--tls-verify=false",
                        "docker://" + ImageSpecYaml.read(spec).imageName())))
                .get("Digest")
                .asText();
        assertThat(ra.get("digest").asText()).isEqualTo(registry);
        assertThat(rb.get("digest").asText()).isEqualTo(registry);
        JsonNode built = ra.get("outcome").asText().equals("built") ? ra : rb;
        assertThat(built.get("base_image").asText()).isEqualTo(base);
        assertThat(built.get("base_digest").asText())
                .isEqualTo(
                        JSON.readTree(Tools.run(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + base)))
                                .get("Digest")
                                .asText());
        Cli skipped = ra.get("outcome").asText().equals("skipped") ? a : b;
        assertThat(skipped.errText()).contains("was built by another build on this machine meanwhile. Skip building.");
        long builds =
                Stream.of(a, b).filter(c -> c.errText().contains("STEP 1/")).count();
        assertThat(builds).as("the tool ran once").isEqualTo(1);

        assertThat(left.getParent()).as("swept: its process is gone").doesNotExist();
        assertThat(a.errText() + b.errText()).contains("Removed 1 build directory of stopped processes");
    }
}
