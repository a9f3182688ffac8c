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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged command ({@code java -jar cli/target/imagespec.jar}) building a real image with
 * buildah into a real registry on loopback, in its own process, as a pipeline runs it. Buildah's
 * store is a temporary directory ({@code CONTAINERS_STORAGE_CONF}), so nothing is left behind.
 */
class BuildCommandIT {
    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static Path work;
    private static Map<String, String> env;
    private static String base;

    @BeforeAll
    static void baseImageAndStore() throws Exception {
        work = Files.createTempDirectory("imagespec-cli-build-");
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

    private record Run(int code, String out, String err) {}

    private static Run imagespec(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "imagespec.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().putAll(env);
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    @Test
    void buildsPushesThenSkips() throws Exception {
        Path spec = work.resolve("spec.yaml");
        Files.writeString(
                spec,
                "name: cli-app\nregistry: " + REGISTRY.hostPort() + "\nbase_image: " + base
                        + "\nenv:\n  GREETING: \"hello $(whoami)\"\ncommands:\n  - \"mkdir -p /opt/data && echo hi > /opt/data/x\"\n"
                        + "entrypoint: []\n",
                StandardCharsets.UTF_8);
        ImageSpec expected = ImageSpecYaml.read(spec);

        Run dry = imagespec("build", "--dry-run", "spec.yaml");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains(expected.imageName()).contains("ENV _F_IMG_ID=");

        Run first = imagespec("build", "spec.yaml", "--result-file", "result.json");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith(expected.imageName() + "\tbuilt\tsha256:");
        JsonNode result = new ObjectMapper()
                .readTree(work.resolve("result.json").toFile())
                .get(0);
        assertThat(result.get("outcome").asText()).isEqualTo("built");

        JsonNode config = new ObjectMapper()
                .readTree(Tools.run(List.of(
                        "skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + expected.imageName())))
                .get("config");
        assertThat(config.get("Env").toString())
                .contains("_F_IMG_ID=" + expected.id())
                .contains("GREETING=hello $(whoami)");
        assertThat(config.get("Entrypoint")).isNull();
        assertThat(result.get("digest").asText())
                .isEqualTo(new ObjectMapper()
                        .readTree(Tools.run(
                                List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + expected.imageName())))
                        .get("Digest")
                        .asText());

        Run second = imagespec("build", "spec.yaml");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).startsWith(expected.imageName() + "\tskipped");

        assertThat(imagespec("exists", "spec.yaml").code()).isZero();
    }

    @Test
    void aFailingCommandExitsOneAndPushesNothing() throws Exception {
        Path spec = work.resolve("broken.yaml");
        Files.writeString(
                spec,
                "name: cli-broken\nregistry: " + REGISTRY.hostPort() + "\nbase_image: " + base
                        + "\ncommands:\n  - \"exit 7\"\n");
        Run run = imagespec("build", "broken.yaml");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("7");
        assertThat(imagespec("exists", "broken.yaml").code()).isEqualTo(1);
    }
}
