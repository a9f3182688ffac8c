package dev.imagespec.builders.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.ImageBuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines of several platforms, a layer cache and reproducible times on buildah, podman and
 * docker; how a tool is picked and why; and the build context's normalized files.
 */
class BuildToolStepsTest {
    private static final StoreOptions STORE = new StoreOptions(Path.of("/s/root"), Path.of("/s/run"), "vfs");
    private static final String IMAGE = "127.0.0.1:5000/acme/x:t";

    @TempDir
    Path tmp;

    private static BuildInvocation invocation(
            String platform, Optional<String> cacheFrom, Optional<String> cacheTo, long timestamp, boolean push) {
        return new BuildInvocation(
                IMAGE,
                platform,
                Path.of("/ctx"),
                Path.of("/ctx/Dockerfile"),
                Map.of(),
                false,
                false,
                Optional.empty(),
                Path.of("/b/digest"),
                cacheFrom,
                cacheTo,
                timestamp,
                push,
                false);
    }

    private static List<List<String>> commands(List<BuildTool.Step> steps) {
        List<List<String>> out = new ArrayList<>();
        steps.forEach(s -> out.add(s.command()));
        return out;
    }

    @Test
    void buildahBuildsEachPlatformInOrderIntoOneListAndPushesItAll() {
        BuildTool t = BuildTool.buildah(STORE);
        BuildInvocation b = invocation("linux/amd64, linux/arm64", Optional.empty(), Optional.empty(), 0, true);
        List<String> store = List.of("buildah", "--root", "/s/root", "--runroot", "/s/run", "--storage-driver", "vfs");
        List<BuildTool.Step> steps = t.buildSteps(b);
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0)).isEqualTo(new BuildTool.Step(concat(store, "manifest", "rm", IMAGE), true));
        for (int i = 0; i < 2; i++) {
            assertThat(steps.get(i + 1).mayFail()).isFalse();
            assertThat(steps.get(i + 1).command())
                    .isEqualTo(concat(
                            store,
                            "build",
                            "--isolation",
                            "chroot",
                            "--timestamp",
                            "0",
                            "--layers=false",
                            "--platform",
                            List.of("linux/amd64", "linux/arm64").get(i),
                            "--manifest",
                            IMAGE,
                            "--file",
                            "/ctx/Dockerfile",
                            "--tls-verify=false",
                            "/ctx"));
        }
        assertThat(commands(t.pushSteps(b)))
                .containsExactly(concat(
                        store,
                        "manifest",
                        "push",
                        "--all",
                        "--tls-verify=false",
                        "--digestfile",
                        "/b/digest",
                        IMAGE,
                        "docker://" + IMAGE));
    }

    @Test
    void podmanBuildsInChrootToo() {
        BuildTool t = BuildTool.podman(StoreOptions.DEFAULT);
        BuildInvocation one = invocation("linux/amd64", Optional.empty(), Optional.empty(), 1700000000L, true);
        assertThat(t.buildCommand(one))
                .containsExactly(
                        "podman",
                        "build",
                        "--isolation",
                        "chroot",
                        "--timestamp",
                        "1700000000",
                        "--layers=false",
                        "--platform",
                        "linux/amd64",
                        "--tag",
                        IMAGE,
                        "--file",
                        "/ctx/Dockerfile",
                        "--tls-verify=false",
                        "/ctx");
        assertThat(t.pushCommand(one))
                .containsExactly(
                        "podman",
                        "push",
                        "--tls-verify=false",
                        "--digestfile",
                        "/b/digest",
                        IMAGE,
                        "docker://" + IMAGE);
        BuildInvocation two = invocation("linux/amd64,linux/arm64", Optional.empty(), Optional.empty(), 0, true);
        assertThat(commands(t.buildSteps(two)))
                .extracting(c -> c.subList(0, 3))
                .containsExactly(
                        List.of("podman", "manifest", "rm"),
                        List.of("podman", "build", "--isolation"),
                        List.of("podman", "build", "--isolation"));
        assertThat(t.pushCommand(two)).startsWith("podman", "manifest", "push", "--all");
    }

    @Test
    void aCacheTurnsOnLayersWithTheRepositories() {
        BuildInvocation b = invocation(
                "linux/amd64", Optional.of("127.0.0.1:5000/cache/x"), Optional.of("127.0.0.1:5000/cache/y"), 0, true);
        assertThat(BuildTool.buildah(StoreOptions.DEFAULT).buildCommand(b))
                .containsSequence(
                        "--timestamp",
                        "0",
                        "--layers",
                        "--cache-from",
                        "127.0.0.1:5000/cache/x",
                        "--cache-to",
                        "127.0.0.1:5000/cache/y")
                .doesNotContain("--layers=false");
        BuildInvocation none = invocation("linux/amd64", Optional.empty(), Optional.empty(), -1, true);
        assertThat(BuildTool.buildah(StoreOptions.DEFAULT).buildCommand(none))
                .doesNotContain("--timestamp", "--layers", "--cache-from");
    }

    @Test
    void dockerUsesBuildxWithPushForSeveralPlatformsOrACache() {
        BuildTool t = BuildTool.docker();
        BuildInvocation two = invocation(
                "linux/amd64,linux/arm64", Optional.of("r.example/cache"), Optional.of("r.example/cache"), 0, true);
        assertThat(t.buildCommand(two))
                .containsExactly(
                        "docker",
                        "buildx",
                        "build",
                        "--platform",
                        "linux/amd64,linux/arm64",
                        "--tag",
                        IMAGE,
                        "--file",
                        "/ctx/Dockerfile",
                        "--build-arg",
                        "SOURCE_DATE_EPOCH=0",
                        "--cache-from",
                        "type=registry,ref=r.example/cache",
                        "--cache-to",
                        "type=registry,ref=r.example/cache,mode=max",
                        "--metadata-file",
                        "/b/digest",
                        "--push",
                        "/ctx");
        assertThat(t.pushSteps(two)).as("buildx pushed in the build").isEmpty();
        assertThat(t.environment(two)).containsEntry("SOURCE_DATE_EPOCH", "0").containsEntry("DOCKER_BUILDKIT", "1");
        BuildInvocation cachedLocal =
                invocation("linux/amd64", Optional.of("r.example/cache"), Optional.empty(), 0, false);
        assertThat(t.buildCommand(cachedLocal)).contains("--load").doesNotContain("--push");
        BuildInvocation twoLocal = invocation("linux/amd64,linux/arm64", Optional.empty(), Optional.empty(), 0, false);
        assertThatThrownBy(() -> t.buildCommand(twoLocal))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("docker cannot keep an image of several platforms");
    }

    @Test
    void dockerBuildxMetadataGivesThePushedDigest() throws Exception {
        Path metadata = tmp.resolve("digest");
        String digest = "sha256:" + "b".repeat(64);
        Files.writeString(
                metadata, "{\n  \"buildx.build.ref\": \"x\",\n  \"containerimage.digest\": \"" + digest + "\"\n}");
        BuildInvocation b = new BuildInvocation(
                IMAGE,
                "linux/amd64,linux/arm64",
                Path.of("/ctx"),
                Path.of("/ctx/Dockerfile"),
                Map.of(),
                false,
                false,
                Optional.empty(),
                metadata,
                Optional.empty(),
                Optional.empty(),
                0,
                true,
                false);
        assertThat(BuildTool.docker().pushedDigest(b, List.of())).contains(digest);
        Files.writeString(metadata, digest);
        assertThat(BuildTool.buildah(StoreOptions.DEFAULT).pushedDigest(b, List.of()))
                .contains(digest);
    }

    @Test
    void platformsAreSplitAsFlytekitWritesThem() {
        assertThat(BuildInvocation.platforms(" linux/amd64 ,linux/arm64,,linux/amd64"))
                .containsExactly("linux/amd64", "linux/arm64");
        assertThat(invocation("linux/arm64", Optional.empty(), Optional.empty(), 0, true)
                        .multiPlatform())
                .isFalse();
    }

    /** A tool whose probe answers as told. */
    private record Fake(String name, Optional<String> failure) implements BuildTool {
        @Override
        public Optional<String> probe() {
            return failure;
        }

        @Override
        public List<String> buildCommand(BuildInvocation b) {
            return List.of(name);
        }

        @Override
        public List<String> pushCommand(BuildInvocation b) {
            return List.of(name);
        }

        @Override
        public Optional<String> pushedDigest(BuildInvocation b, List<String> out) {
            return Optional.empty();
        }
    }

    @Test
    void detectionPicksTheFirstToolThatCanBuildAndSaysWhy() {
        Fake docker = new Fake("docker", Optional.of("no daemon answers `docker info`"));
        Fake buildah = new Fake("buildah", Optional.empty());
        Fake podman = new Fake("podman", Optional.empty());
        BuildTool.Detection d = BuildTool.detectExplained(Map.of(), List.of(docker, buildah, podman));
        assertThat(d.tool()).containsSame(buildah);
        assertThat(d.reason()).isEqualTo("buildah (docker: no daemon answers `docker info`; buildah: ready)");

        Fake brokenBuildah = new Fake("buildah", Optional.of("not installed"));
        BuildTool.Detection fallback = BuildTool.detectExplained(Map.of(), List.of(docker, brokenBuildah, podman));
        assertThat(fallback.tool()).containsSame(podman);
        assertThat(fallback.reason()).contains("buildah: not installed", "podman: ready");

        BuildTool.Detection none = BuildTool.detectExplained(Map.of(), List.of(docker, brokenBuildah));
        assertThat(none.tool()).isEmpty();
        assertThat(none.reason()).startsWith("no build tool can build here (docker: no daemon");

        BuildTool.Detection named =
                BuildTool.detectExplained(Map.of(BuildTool.TOOL_ENV, "Podman"), List.of(docker, buildah, podman));
        assertThat(named.tool()).containsSame(podman);
        assertThat(named.reason()).isEqualTo("podman (named by IMAGESPEC_BUILD_TOOL)");
    }

    @Test
    void contextFilesGetModesAndTimesThatDoNotDependOnTheCheckout() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx/sub"));
        Path plain = Files.writeString(ctx.resolve("a.txt"), "a");
        Path script = Files.writeString(ctx.resolve("run.sh"), "#!/bin/sh");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-rw----"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(ctx, PosixFilePermissions.fromString("rwxrwxrwx"));
        ContextFiles.normalize(tmp.resolve("ctx"), 0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script)))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ctx)))
                .isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(plain).toMillis()).isZero();
        assertThat(Files.getLastModifiedTime(tmp.resolve("ctx")).toMillis()).isZero();
    }

    @Test
    void foreignPlatformsNeedAnEmulator() {
        String host = "linux/" + ForeignPlatforms.hostArchitecture();
        assertThat(ForeignPlatforms.missingEmulators(List.of(host))).isEmpty();
        assertThat(ForeignPlatforms.missingEmulators(List.of("linux/mips64"))).containsExactly("linux/mips64");
        assertThat(ForeignPlatforms.advice(List.of("linux/mips64"))).contains("qemu-user-static", "update-binfmts");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
