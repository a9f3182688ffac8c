package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecYaml;
import dev.imagespec.runtime.descriptor.Descriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as a Maven user walks it: help on every command, classes named on {@code exists},
 * JSON Lines, one result line per image of a {@code build} (base images too, each once), the reason of
 * an unknown answer, and the project directory named when a relative file is missing. In-process,
 * against a loopback registry that answers from a set of present images.
 */
class CliCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "cd".repeat(32);

    @TempDir
    Path dir;

    private HttpServer server;
    private String registry;
    /** Image paths ({@code repo:tag}) the registry has. */
    private final Set<String> present = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", x -> {
            try (x) {
                // /v2/<repo>/manifests/<tag>
                String path = x.getRequestURI().getPath();
                int manifests = path.indexOf("/manifests/");
                String image = manifests < 0 ? "" : path.substring(4, manifests) + ":" + path.substring(manifests + 11);
                if (present.contains(image)) {
                    x.getResponseHeaders().set("Docker-Content-Digest", DIGEST);
                    x.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                    x.sendResponseHeaders(200, -1);
                } else {
                    x.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
        registry = "127.0.0.1:" + server.getAddress().getPort();
        RecordingBuilder.BUILT.clear();
    }

    @AfterEach
    void stopRegistry() {
        server.stop(0);
    }

    private void have(ImageSpec spec) {
        present.add(spec.imageName().substring(registry.length() + 1));
    }

    /** A class directory with a compiled descriptor per class and the index. */
    private Path classes(Map<String, ImageSpec> specs) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path meta = Files.createDirectories(classes.resolve("META-INF/imagespec"));
        specs.forEach((cls, spec) -> {
            try {
                Files.writeString(
                        meta.resolve(cls + ".json"),
                        Descriptor.of(cls, spec.values()).toJson());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Files.writeString(meta.resolve("index.json"), Descriptor.indexJson(new ArrayList<>(specs.keySet())));
        return classes;
    }

    private ImageSpec spec(String name) {
        return ImageSpec.builder()
                .name(name)
                .registry(registry)
                .builder(RecordingBuilder.TYPE)
                .build();
    }

    // ---- help ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"describe", "list", "exists", "dockerfile", "build"})
    void everyCommandHasHelp(String command) {
        for (String flag : List.of("-h", "--help")) {
            Cli r = Cli.run(command, flag);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("Usage: imagespec " + command).contains("-h, --help");
            assertThat(r.err()).doesNotContain("Unknown option");
        }
        assertThat(Cli.run(command, "--version").out()).startsWith(ImageSpecCommand.VERSION);
    }

    // ---- exists -------------------------------------------------------------------------------

    @Test
    void existsTakesClassNamesWithAClassPath() throws IOException {
        ImageSpec a = spec("alpha");
        ImageSpec b = spec("beta");
        have(a);
        Path cp = classes(Map.of("com.acme.Alpha", a, "com.acme.Beta", b));

        Cli one = Cli.run("exists", "--classpath", cp.toString(), "com.acme.Alpha");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo(a.imageName() + "\tpresent " + DIGEST + "\n");

        Cli both = Cli.run(
                "exists", "--classpath", cp.toString(), "--class", "com.acme.Alpha", "--class", "com.acme.Beta");
        assertThat(both.exitCode()).isEqualTo(ExistsCommand.ABSENT);
        assertThat(both.out().lines())
                .containsExactly(a.imageName() + "\tpresent " + DIGEST, b.imageName() + "\tabsent");

        Cli unknown = Cli.run("exists", "--classpath", cp.toString(), "com.acme.Gamma");
        assertThat(unknown.exitCode()).isEqualTo(ImageSpecCommand.BAD_INPUT);
        assertThat(unknown.err().strip())
                .doesNotContain("\n")
                .contains("com.acme.Gamma")
                .contains("com.acme.Alpha");

        Cli noClasspath = Cli.run("exists", "com.acme.Alpha");
        assertThat(noClasspath.exitCode()).isEqualTo(ImageSpecCommand.BAD_INPUT);
        assertThat(noClasspath.err()).contains("--classpath");
        assertThat(Cli.run("exists", "--class", "com.acme.Alpha").err()).contains("needs --classpath");

        // a reference and a class together; without --class or class operands, every class is checked
        Cli mixed = Cli.run("exists", "--classpath", cp.toString(), a.imageName(), "com.acme.Beta");
        assertThat(mixed.out().lines())
                .containsExactlyInAnyOrder(a.imageName() + "\tpresent " + DIGEST, b.imageName() + "\tabsent");
        assertThat(Cli.run("exists", "--classpath", cp.toString()).out().lines())
                .hasSize(2);
    }

    @Test
    void existsJsonIsOneCompactObjectPerImagePerLine() throws IOException {
        ImageSpec a = spec("alpha");
        have(a);
        Path file = dir.resolve("beta.yaml");
        Files.writeString(file, "name: beta\nregistry: " + registry + "\n");
        Cli r = Cli.run("exists", "--json", a.imageName(), file.toString(), "127.0.0.1:9/down/x:1");
        assertThat(r.exitCode()).isEqualTo(ExistsCommand.UNKNOWN);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        List<JsonNode> objects = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).startsWith("{").endsWith("}");
            objects.add(JSON.readTree(line));
        }
        assertThat(objects.get(0).get("image").asText()).isEqualTo(a.imageName());
        assertThat(objects.get(0).get("state").asText()).isEqualTo("present");
        assertThat(objects.get(0).get("digest").asText()).isEqualTo(DIGEST);
        assertThat(objects.get(1).get("state").asText()).isEqualTo("absent");
        assertThat(objects.get(2).get("state").asText()).isEqualTo("unknown");
        assertThat(objects.get(2).get("reason").asText()).contains("cannot connect to 127.0.0.1:9");
    }

    // ---- build --------------------------------------------------------------------------------

    private Path chainFile() throws IOException {
        Path file = dir.resolve("child.yaml");
        Files.writeString(
                file,
                "name: child\nregistry: " + registry + "\nbuilder: cli-test\nbase_image:\n"
                        + "  name: base\n  registry: " + registry + "\n  builder: cli-test\n  base_image:\n"
                        + "    name: root\n    registry: " + registry + "\n    builder: cli-test\n");
        return file;
    }

    @Test
    void buildPrintsOneLinePerImageBaseImagesFirst() throws IOException {
        Path file = chainFile();
        ImageSpec child = ImageSpecYaml.read(file);
        ImageSpec base = child.baseSpec().orElseThrow();
        ImageSpec root = base.baseSpec().orElseThrow();
        have(root);

        Cli r = Cli.run(
                "build", file.toString(), "--result-file", dir.resolve("r.json").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith(root.imageName() + "\tskipped\t");
        assertThat(lines.get(1)).startsWith(base.imageName() + "\tbuilt\t");
        assertThat(lines.get(2)).startsWith(child.imageName() + "\tbuilt\t");
        assertThat(RecordingBuilder.BUILT).containsExactly(base.imageName(), child.imageName());
        assertThat(JSON.readTree(dir.resolve("r.json").toFile())).hasSize(3);

        Cli dry = Cli.run("build", "--dry-run", file.toString());
        assertThat(dry.out().lines().filter(l -> l.startsWith("# "))).hasSize(3);
    }

    @Test
    void buildOverAClassPathPrintsEachImageOnce() throws IOException {
        ImageSpec base = spec("shared-base");
        ImageSpec child = ImageSpec.builder()
                .name("child")
                .registry(registry)
                .builder(RecordingBuilder.TYPE)
                .baseSpec(base)
                .build();
        have(base);
        // two classes share one spec (a composed annotation), a third is the base itself
        Path cp = classes(Map.of("com.acme.A", child, "com.acme.B", child, "com.acme.Base", base));

        Cli r = Cli.run("build", "--classpath", cp.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines())
                .hasSize(2)
                .anyMatch(l -> l.startsWith(base.imageName() + "\tskipped"))
                .anyMatch(l -> l.startsWith(child.imageName() + "\tbuilt"));
        assertThat(RecordingBuilder.BUILT).containsExactly(child.imageName());

        Cli named = Cli.run("build", "--classpath", cp.toString(), "com.acme.A");
        assertThat(named.out().lines()).hasSize(2);
    }

    @Test
    void aFailedBaseStopsItsChildrenAndExitsOne() throws IOException {
        ImageSpec base = ImageSpec.builder()
                .name("fail-base")
                .registry(registry)
                .builder(RecordingBuilder.TYPE)
                .build();
        ImageSpec child = ImageSpec.builder()
                .name("child")
                .registry(registry)
                .builder(RecordingBuilder.TYPE)
                .baseSpec(base)
                .build();
        Path cp = classes(Map.of("com.acme.Child", child));

        Cli r = Cli.run("build", "--classpath", cp.toString());

        assertThat(r.exitCode()).isEqualTo(BuildCommand.BUILD_FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("test build of " + base.imageName())
                .contains(child.imageName() + " is not built: its base image " + base.imageName() + " failed");
        assertThat(RecordingBuilder.BUILT).isEmpty();
    }

    @Test
    void anAssumedImageSaysWhyItCouldNotBeChecked() throws IOException {
        Path file = dir.resolve("down.yaml");
        Files.writeString(file, "name: down\nregistry: 127.0.0.1:9\nbuilder: cli-test\n");

        Cli r = Cli.run("build", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\tassumed\t");
        assertThat(r.err())
                .contains("Could not check whether image 127.0.0.1:9/down:")
                .contains("exists: cannot connect to 127.0.0.1:9")
                .contains("; assuming it does");
    }
}
