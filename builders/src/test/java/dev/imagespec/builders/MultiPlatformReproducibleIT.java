package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.MultiPlatformBusybox;
import dev.imagespec.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spec of two platforms, built for real from a two-platform base made here (amd64's and arm64's
 * busybox-static; arm64 RUN steps through qemu-user-static): one OCI index with both platforms under
 * the tag, each image's RUN step run on its own architecture; then the same spec built again from an
 * empty store by the other tool gives the same digest; the result names the base image's registry digest.
 */
class MultiPlatformReproducibleIT {
    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path work;
    private static Path runRoots;
    private static String base;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void twoPlatformBase() throws Exception {
        Tools.require("buildah", "buildah");
        Tools.require("podman", "podman");
        Tools.require("skopeo", "skopeo");
        MultiPlatformBusybox.enableArm64Emulation();
        work = Files.createTempDirectory("imagespec-multi-test-");
        runRoots = Files.createTempDirectory(Path.of("/tmp"), "ism");
        base = MultiPlatformBusybox.push(REGISTRY.hostPort(), store("base").globalArgs(), work);
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

    /** A new, empty vfs store; podman wants its run root short. */
    private static StoreOptions store(String name) {
        return new StoreOptions(work.resolve("store-" + name), runRoots.resolve(name), "vfs");
    }

    private BuildResult build(ImageSpec spec, BuildTool tool) {
        Function<ImageSpec, Optional<Boolean>> absent = s -> Optional.of(false);
        ImageBuildEngine engine = ImageBuildEngine.builder()
                .listener(lines::add)
                .environment(Map.of())
                .presence(absent)
                .build();
        engine.register(
                DefaultImageBuilder.TYPE,
                DefaultImageBuilder.builder()
                        .tool(tool)
                        .tempRoot(work.resolve("builds"))
                        .environment(Map.of())
                        .build(),
                DefaultImageBuilder.PRIORITY);
        return engine.build(spec);
    }

    @Test
    void twoPlatformsBecomeOneIndexEachBuiltOnItsArchitectureAndTheSameTwice() throws Exception {
        ImageSpec spec = ImageSpec.builder()
                .name("multi")
                .registry(REGISTRY.hostPort())
                .baseImage(base)
                .platform("linux/amd64,linux/arm64")
                .env("MODE", "multi")
                .commands("uname -m > /arch", "mkdir -p /opt && echo same > /opt/same")
                .build();

        BuildResult first = build(spec, BuildTool.buildah(store("first")));

        String image = spec.imageName();
        JsonNode index = JSON.readTree(
                Tools.run(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + image)));
        assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        List<String> platforms = new ArrayList<>();
        index.get("manifests")
                .forEach(m -> platforms.add(m.get("platform").get("os").asText() + "/"
                        + m.get("platform").get("architecture").asText()));
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64");
        assertThat(first.digest()).contains(registryDigest(image));
        Existence exists = ImageExistence.check(spec);
        assertThat(exists.isPresent())
                .as("exist() takes the index as the image: %s", exists)
                .isTrue();
        assertThat(exists.digest()).isEqualTo(first.digest());
        assertThat(exists.mediaType()).contains("application/vnd.oci.image.index.v1+json");
        assertThat(spec.exist()).contains(true);
        assertThat(lines).anyMatch(l -> l.startsWith("Built " + image + " for linux/amd64, linux/arm64"));

        assertThat(fileOf(image, "amd64", "arch")).isEqualTo("x86_64\n");
        assertThat(fileOf(image, "arm64", "arch")).isEqualTo("aarch64\n");

        assertThat(first.baseImage()).contains(base);
        assertThat(first.baseDigest()).as("the base's index digest").contains(registryDigest(base));
        String baseDigest = registryDigest(base);
        assertThat(lines)
                .anyMatch(l -> l.startsWith("Warning: base image " + base + " names a tag") && l.contains(baseDigest));

        // From another empty store, with the other tool: the same bytes, so the same digest.
        BuildResult again = build(spec.forcePush(), BuildTool.podman(store("second")));
        assertThat(again.digest()).isEqualTo(first.digest());
        assertThat(registryDigest(image)).isEqualTo(first.digest().orElseThrow());
    }

    private static String registryDigest(String image) throws Exception {
        return JSON.readTree(Tools.run(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + image)))
                .get("Digest")
                .asText();
    }

    /**
     * The file {@code name} at the root of the image for {@code arch}: the per-platform image copied to an
     * OCI layout ({@code skopeo copy --override-arch}) and read from its top layer.
     */
    private static String fileOf(String image, String arch, String name) throws Exception {
        Path layout = work.resolve("oci-" + arch);
        Tools.run(List.of(
                "skopeo",
                "copy",
                "-q",
                "--src-tls-verify=false",
                "--override-arch",
                arch,
                "docker://" + image,
                "oci:" + layout + ":x"));
        JsonNode ociIndex = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(
                blob(layout, ociIndex.get("manifests").get(0).get("digest").asText())
                        .toFile());
        JsonNode config = JSON.readTree(
                blob(layout, manifest.get("config").get("digest").asText()).toFile());
        assertThat(config.get("architecture").asText()).isEqualTo(arch);
        List<String> found = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            Path tar = blob(layout, layer.get("digest").asText());
            Path out = Files.createTempDirectory(work, "layer-");
            String flag = layer.get("mediaType").asText().endsWith("gzip") ? "-xzf" : "-xf";
            Tools.run(List.of("tar", flag, tar.toString(), "-C", out.toString()));
            Path f = out.resolve(name);
            if (Files.isRegularFile(f)) {
                found.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(found).as("/%s in the layers of the %s image", name, arch).isNotEmpty();
        return found.get(found.size() - 1);
    }

    private static Path blob(Path layout, String digest) throws IOException {
        Path p = layout.resolve("blobs").resolve(digest.replace(':', '/'));
        try (InputStream in = Files.newInputStream(p)) {
            assertThat(in.read()).isNotEqualTo(-1);
        }
        return p;
    }
}
