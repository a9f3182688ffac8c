package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.builders.dockerfile.BuildContext;
import dev.imagespec.builders.dockerfile.DockerfileRenderer;
import dev.imagespec.builders.tool.BuildInvocation;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command lines of the three tools, the build context's files, and what the builder refuses before running anything. */
class BuildToolAndContextTest {
    static final Path FILES = DockerfileRendererTest.FILES;

    @TempDir
    Path tmp;

    private BuildInvocation invocation(String image, boolean loopback) {
        return new BuildInvocation(
                image,
                "linux/amd64",
                Path.of("/ctx"),
                Path.of("/ctx/Dockerfile"),
                Map.of("secret_0", Path.of("/home/u/.gitconfig")),
                !loopback,
                !loopback,
                Optional.empty(),
                Path.of("/b/digest"),
                Optional.empty(),
                Optional.empty(),
                0L,
                true,
                false);
    }

    @Test
    void buildahBuildsInChrootWithTheStoreAndPushesSeparately() {
        BuildTool t = BuildTool.buildah(new StoreOptions(Path.of("/s/root"), Path.of("/s/run"), "vfs"));
        BuildInvocation b = invocation("127.0.0.1:5000/x:t", true);
        assertThat(t.buildCommand(b))
                .containsExactly(
                        "buildah",
                        "--root",
                        "/s/root",
                        "--runroot",
                        "/s/run",
                        "--storage-driver",
                        "vfs",
                        "build",
                        "--isolation",
                        "chroot",
                        "--timestamp",
                        "0",
                        "--layers=false",
                        "--platform",
                        "linux/amd64",
                        "--tag",
                        "127.0.0.1:5000/x:t",
                        "--file",
                        "/ctx/Dockerfile",
                        "--secret",
                        "id=secret_0,src=/home/u/.gitconfig",
                        "--tls-verify=false",
                        "/ctx");
        assertThat(t.pushCommand(b))
                .containsExactly(
                        "buildah",
                        "--root",
                        "/s/root",
                        "--runroot",
                        "/s/run",
                        "--storage-driver",
                        "vfs",
                        "push",
                        "--tls-verify=false",
                        "--digestfile",
                        "/b/digest",
                        "127.0.0.1:5000/x:t",
                        "docker://127.0.0.1:5000/x:t");
    }

    @Test
    void tlsIsOnlyOffForLoopback() {
        BuildTool t = BuildTool.podman(StoreOptions.DEFAULT);
        BuildInvocation remote = invocation("ghcr.io/acme/x:t", false);
        assertThat(t.buildCommand(remote)).doesNotContain("--tls-verify=false").startsWith("podman", "build");
        assertThat(t.pushCommand(remote)).doesNotContain("--tls-verify=false");
        assertThat(Loopback.isLoopbackImage("localhost:5000/x:t")).isTrue();
        assertThat(Loopback.isLoopbackImage("127.0.0.1:5000/x:t")).isTrue();
        assertThat(Loopback.isLoopbackImage("[::1]:5000/x:t")).isTrue();
        assertThat(Loopback.isLoopbackImage("localhost/x:t")).isTrue();
        assertThat(Loopback.isLoopbackImage("localhost.example.com/x:t")).isFalse();
        assertThat(Loopback.isLoopbackImage("library/debian:12")).isFalse();
        assertThat(Loopback.isLoopbackImage("127.0.0.1.nip.io/x")).isFalse();
    }

    /** A package index on this machine is reached from the RUN steps through the host's network. */
    @Test
    void aLoopbackIndexBuildsInTheHostNetwork() throws Exception {
        ImageSpec.Builder python = ImageSpec.builder().name("net").packages("numpy");
        assertThat(Loopback.reachesLoopbackPackageSource(python.build())).isFalse();
        assertThat(Loopback.reachesLoopbackPackageSource(
                        python.pipIndex("https://pypi.example.com/simple").build()))
                .isFalse();
        assertThat(Loopback.reachesLoopbackPackageSource(
                        python.pipIndex("http://127.0.0.1:8080/simple").build()))
                .isTrue();
        assertThat(Loopback.reachesLoopbackPackageSource(ImageSpec.builder()
                        .name("n")
                        .pipExtraIndexUrl("http://localhost:3141/root/pypi/+simple/")
                        .build()))
                .isTrue();
        assertThat(Loopback.reachesLoopbackPackageSource(ImageSpec.builder()
                        .name("n")
                        .pipExtraArgs("--find-links=http://[::1]:8000/wheels")
                        .build()))
                .isTrue();
        assertThat(Loopback.reachesLoopbackPackageSource(ImageSpec.builder()
                        .name("n")
                        .packages("pkg @ http://127.0.0.1:8000/pkg-1.0-py3-none-any.whl")
                        .build()))
                .isTrue();
        assertThat(Loopback.reachesLoopbackPackageSource(ImageSpec.builder()
                        .name("n")
                        .packages("git+https://127.0.0.1.nip.io/x.git")
                        .build()))
                .isFalse();

        BuildInvocation host = new BuildInvocation(
                "127.0.0.1:5000/x:t",
                "linux/amd64",
                Path.of("/ctx"),
                Path.of("/ctx/Dockerfile"),
                Map.of(),
                false,
                false,
                Optional.empty(),
                Path.of("/b/digest"),
                Optional.empty(),
                Optional.empty(),
                0L,
                true,
                true);
        for (BuildTool t : List.of(
                BuildTool.buildah(StoreOptions.DEFAULT), BuildTool.podman(StoreOptions.DEFAULT), BuildTool.docker())) {
            assertThat(t.buildCommand(host)).containsSubsequence("build", "--network", "host", "/ctx");
            assertThat(t.buildCommand(invocation("127.0.0.1:5000/x:t", true))).doesNotContain("--network");
        }

        // what the default builder tells the tool, seen through a tool that runs `true`
        java.util.concurrent.atomic.AtomicReference<BuildInvocation> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        BuildTool recording = new BuildTool() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public Optional<String> probe() {
                return Optional.empty();
            }

            @Override
            public List<String> buildCommand(BuildInvocation b) {
                seen.set(b);
                return List.of("true");
            }

            @Override
            public List<String> pushCommand(BuildInvocation b) {
                return List.of("true");
            }

            @Override
            public Optional<String> pushedDigest(BuildInvocation b, List<String> out) {
                return Optional.empty();
            }
        };
        DefaultImageBuilder b = DefaultImageBuilder.builder()
                .tool(recording)
                .tempRoot(tmp.resolve("builds"))
                .environment(Map.of())
                .listener(line -> {})
                .build();
        b.buildImage(python.pipIndex("http://127.0.0.1:8080/simple")
                .builderConfig(Map.of("python_installer", "pip"))
                .build());
        assertThat(seen.get().hostNetwork()).isTrue();
        b.buildImage(ImageSpec.builder().name("net").packages("numpy").build());
        assertThat(seen.get().hostNetwork()).isFalse();
    }

    @Test
    void dockerUsesBuildKitSecretsAndAPushStep() {
        // flytekit's test_github_credential_as_secret: --secret id=secret_<i>,src=<src>, in order.
        BuildTool t = BuildTool.docker();
        BuildInvocation b = invocation("ghcr.io/acme/x:t", false);
        assertThat(t.buildCommand(b))
                .containsExactly(
                        "docker",
                        "build",
                        "--platform",
                        "linux/amd64",
                        "--tag",
                        "ghcr.io/acme/x:t",
                        "--file",
                        "/ctx/Dockerfile",
                        "--build-arg",
                        "SOURCE_DATE_EPOCH=0",
                        "--secret",
                        "id=secret_0,src=/home/u/.gitconfig",
                        "/ctx");
        assertThat(t.pushCommand(b)).containsExactly("docker", "push", "ghcr.io/acme/x:t");
        assertThat(t.environment(b)).containsEntry("DOCKER_BUILDKIT", "1");
        assertThat(t.pushedDigest(b, List.of("t: digest: sha256:" + "a".repeat(64) + " size: 527")))
                .contains("sha256:" + "a".repeat(64));
    }

    @Test
    void toolIsPickedByEnvironmentOrRefusedWithTheKnownNames() {
        assertThat(BuildTool.detect(Map.of(BuildTool.TOOL_ENV, "Podman"), StoreOptions.DEFAULT))
                .map(BuildTool::name)
                .contains("podman");
        assertThatThrownBy(() -> BuildTool.named("kaniko", StoreOptions.DEFAULT))
                .hasMessageContaining("unknown build tool \"kaniko\"; use docker, podman or buildah");
    }

    @Test
    void contextHoldsRequirementsSourcesAndCopiesAndIsDeletedOnClose() throws Exception {
        ImageSpec spec = ImageSpec.builder()
                .name("ctx")
                .baseDir(FILES)
                .packages("pandas==2.2.1")
                .requirements("requirements.txt")
                .sourceRoot("src")
                .sourceCopyMode(CopyFileDetection.ALL)
                .copy("conf", "hello.txt")
                .build();
        Path root;
        try (BuildContext ctx = BuildContext.create(tmp, spec, DockerfileRenderer.render(spec))) {
            root = ctx.root();
            Path c = ctx.directory();
            // flytekit: the requirements file's lines, then packages, then flytekit when not pinned.
            assertThat(Files.readString(c.resolve("requirements_uv.txt")))
                    .isEqualTo("threadpoolctl\npandas==2.2.1\nflytekit");
            assertThat(c.resolve("src/pkg/main.py")).hasContent("print('hi')");
            assertThat(c.resolve("copy/conf/app.yaml")).hasContent("mode: test");
            assertThat(c.resolve("copy/hello.txt")).hasContent("hello");
            assertThat(ctx.dockerfile()).exists();
        }
        assertThat(root).doesNotExist();
        assertThat(BuildContext.isFlytekit("flytekit>=1.12.3")).isTrue();
        assertThat(BuildContext.isFlytekit("flytekitplugins-spark")).isFalse();
    }

    @Test
    void aFailedContextLeavesNothing() throws Exception {
        ImageSpec missing = ImageSpec.builder()
                .name("ctx")
                .baseDir(tmp)
                .copy("not-there.txt")
                .build();
        Path parent = Files.createDirectories(tmp.resolve("builds"));
        assertThatThrownBy(() -> BuildContext.create(parent, missing, "FROM x\n"))
                .hasMessageContaining("copy \"not-there.txt\" does not exist");
        ImageSpec lockWithoutProject = ImageSpec.builder()
                .name("ctx")
                .baseDir(tmp)
                .requirements("uv.lock")
                .build();
        Files.writeString(tmp.resolve("uv.lock"), "lock");
        assertThatThrownBy(() -> BuildContext.create(parent, lockWithoutProject, "FROM x\n"))
                .hasMessageContaining("needs a pyproject.toml in the same directory");
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void refusesBlockersAndStaleSpecsBeforeAnythingRuns() throws Exception {
        // A tool that would fail loudly if it ever ran.
        DefaultImageBuilder b = DefaultImageBuilder.builder()
                .tool(BuildTool.named("buildah", StoreOptions.DEFAULT))
                .tempRoot(tmp.resolve("builds"))
                .environment(Map.of())
                .build();
        ImageSpec bad = ImageSpec.builder()
                .name("bad")
                .aptPackages("git\nRUN touch /pwned")
                .build();
        assertThatThrownBy(() -> b.buildImage(bad))
                .isInstanceOf(InvalidImageSpecException.class)
                .hasMessageContaining("aptPackages");

        Path req = tmp.resolve("requirements.txt");
        Files.writeString(req, "numpy\n", StandardCharsets.UTF_8);
        ImageSpec stale = ImageSpec.builder()
                .name("stale")
                .baseDir(tmp)
                .requirements("requirements.txt")
                .recordedDigests(new FileDigests("0000000000000000000000000000000000000000", null, null))
                .origin("dev.acme.Train")
                .build();
        assertThatThrownBy(() -> b.buildImage(stale))
                .isInstanceOf(StaleDescriptorException.class)
                .hasMessageContaining(
                        "requirements \"requirements.txt\" of dev.acme.Train changed since it was compiled")
                .hasMessageContaining("recompile");
        assertThat(tmp.resolve("builds")).doesNotExist();
    }

    @Test
    void secretMountValuesCannotAddMountOptions() {
        ImageSpec s = ImageSpec.builder()
                .name("x")
                .packages("numpy")
                .pipSecretMounts(List.of(new SecretMount("a,required=false", "/etc/x")))
                .build();
        assertThat(DefaultBuilderRules.check(s).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("would add options to the secret mount"));
    }
}
