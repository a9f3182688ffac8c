package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.builders.dockerfile.DockerfileRenderer;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Python packages for real, with no uv or micromamba image: {@code buildah build --isolation chroot}
 * of a spec with {@code builderConfig python_installer=pip} on a Debian bookworm minbase made with
 * debootstrap ({@link DebianBaseImage}, whose config sets an empty {@code PATH}), installing
 * {@code python3} and {@code python3-venv} with apt from Debian's mirror and a wheel built in this
 * test from a PEP 503 index on 127.0.0.1 ({@link WheelIndex}) that wants credentials, which reach pip
 * only through a {@code pipSecretMounts} entry with a relative dst. So one build mounts a secret and
 * the requirements file at absolute targets, reaches a loopback index, and keeps /usr/bin on PATH.
 */
class PythonPackagesBuildahIT {

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUE = "imported-from-the-test-wheel";

    private static Path work;
    private static StoreOptions store;
    private static String debianBase;
    private static WheelIndex index;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void baseImageAndIndex() throws Exception {
        Tools.require("buildah", "buildah");
        Tools.require("skopeo", "skopeo");
        work = Files.createTempDirectory("imagespec-python-it-");
        store = new StoreOptions(work.resolve("root"), work.resolve("runroot"), "vfs");
        debianBase = DebianBaseImage.push(REGISTRY.hostPort(), store.globalArgs(), work);
        index = WheelIndex.start("alice", "s3cret");
        index.add("pkgname", "1.0", Map.of("pkgname/__init__.py", "VALUE = \"" + VALUE + "\"\n"));
        // the build adds flytekit when the spec names none, as flytekit does; this index has a stand-in
        index.add("flytekit", "0.0.1", Map.of("flytekit/__init__.py", "__version__ = \"0.0.1\"\n"));
        Files.writeString(work.resolve("netrc"), "machine 127.0.0.1 login alice password s3cret\n");
    }

    @AfterAll
    static void stop() {
        if (index != null) {
            index.close();
        }
        if (work != null) {
            Tools.deleteRecursively(work);
        }
    }

    private ImageBuildEngine engine() {
        DefaultImageBuilder builder = DefaultImageBuilder.builder()
                .tool(BuildTool.buildah(store))
                .tempRoot(work.resolve("builds"))
                .environment(Map.of())
                .build();
        BuildListener listener = lines::add;
        ImageBuildEngine e = ImageBuildEngine.builder()
                .listener(listener)
                .environment(Map.of())
                .presence(new LocalImagePresence(store))
                .build();
        e.register(DefaultImageBuilder.TYPE, builder, DefaultImageBuilder.PRIORITY);
        return e;
    }

    @Test
    void pipInstallsAWheelFromALoopbackIndexWithCredentialsFromASecretIntoAVenv() throws Exception {
        ImageSpec s = ImageSpec.builder()
                .name("pip-venv")
                .registry(REGISTRY.hostPort())
                .baseImage(debianBase)
                .baseDir(work)
                .aptPackages("python3", "python3-venv")
                .pythonExec("/usr/bin/python3")
                .packages("pkgname==1.0")
                .pipIndex(index.url())
                .pipSecretMounts(List.of(new SecretMount("netrc", ".netrc")))
                .commands(
                        "python -c \"import pkgname; print(pkgname.VALUE)\"",
                        "python -c \"import pkgname; print(pkgname.VALUE)\" > /opt/import.txt")
                .builderConfig(Map.of(DockerfileRenderer.PYTHON_INSTALLER_KEY, DockerfileRenderer.PIP_INSTALLER))
                .build();
        String dockerfile = new DefaultImageBuilder().dockerfile(s);
        assertThat(dockerfile)
                .contains(
                        "--mount=type=secret,id=secret_0,target=/root/.netrc ",
                        "--mount=type=bind,target=/root/requirements_uv.txt,src=requirements_uv.txt ");

        BuildResult r = engine().build(s);

        assertThat(r.built()).as("%s", lines).isTrue();
        assertThat(lines).as("the commands step's output").contains(VALUE);
        assertThat(lines)
                .anyMatch(l -> l.contains("Successfully installed")
                        && l.contains("pkgname-1.0")
                        && l.contains("flytekit-0.0.1"));
        assertThat(index.requests())
                .as("pip fetched the wheels with the secret's credentials")
                .contains(
                        new WheelIndex.Request("/files/pkgname-1.0-py3-none-any.whl", true),
                        new WheelIndex.Request("/files/flytekit-0.0.1-py3-none-any.whl", true));
        Map<String, String> files = readFiles(
                s.imageName(),
                "/opt/import.txt",
                "/root/.netrc",
                "/root/.venv/pyvenv.cfg",
                "/root/.venv/lib/python3.11/site-packages/pkgname/__init__.py",
                "/requirements_uv.txt",
                "/root/requirements_uv.txt");
        assertThat(files)
                .containsEntry("/opt/import.txt", VALUE + "\n")
                .containsEntry(
                        "/root/.venv/lib/python3.11/site-packages/pkgname/__init__.py", "VALUE = \"" + VALUE + "\"\n")
                .doesNotContainKey("/requirements_uv.txt");
        assertThat(files.get("/root/.venv/pyvenv.cfg")).contains("include-system-site-packages = true");
        // the mounts leave at most an empty mount point behind, never the secret or the file
        assertThat(files.getOrDefault("/root/.netrc", "")).isEmpty();
        assertThat(files.getOrDefault("/root/requirements_uv.txt", "")).isEmpty();
        JsonNode config = skopeoConfig(s.imageName());
        assertThat(env(config))
                .anyMatch(e -> e.startsWith("PATH=/root/.venv/bin:") && e.contains(":/usr/bin:"))
                .contains("UV_PYTHON=/root/.venv/bin/python", "PYTHONPATH=/root", "_F_IMG_ID=" + s.id());
    }

    /** Without Python the image gets the standard PATH too: the base image's is empty. */
    @Test
    void anEmptyBasePathKeepsTheStandardDirectories() throws Exception {
        ImageSpec s = ImageSpec.builder()
                .name("empty-path")
                .registry(REGISTRY.hostPort())
                .baseImage(debianBase)
                .commands("ls / > /opt/ls.txt", "id -un > /opt/user.txt")
                .build();

        assertThat(engine().build(s).built()).as("%s", lines).isTrue();

        Map<String, String> files = readFiles(s.imageName(), "/opt/ls.txt", "/opt/user.txt");
        assertThat(files.get("/opt/ls.txt")).contains("usr\n", "etc\n");
        assertThat(files).containsEntry("/opt/user.txt", "root\n");
        assertThat(env(skopeoConfig(s.imageName())))
                .contains("PATH=" + DockerfileRenderer.STANDARD_PATH + ":/usr/local/nvidia/bin:/usr/local/cuda/bin");
    }

    // ---- looking at what was built -------------------------------------------------------------

    private static JsonNode skopeoConfig(String image) throws Exception {
        return JSON.readTree(
                        Tools.run(List.of("skopeo", "inspect", "--tls-verify=false", "--config", "docker://" + image)))
                .get("config");
    }

    private static List<String> env(JsonNode config) {
        List<String> out = new ArrayList<>();
        config.get("Env").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Pulls the pushed image into the test store and reads the files that exist from its root file system. */
    private static Map<String, String> readFiles(String image, String... paths) throws Exception {
        String container = lastLine(buildah("from", "-q", "--pull-always", "--tls-verify=false", image));
        try {
            Path root = Path.of(lastLine(buildah("mount", container)));
            Map<String, String> out = new LinkedHashMap<>();
            for (String p : paths) {
                Path f = root.resolve(p.substring(1));
                if (Files.isRegularFile(f)) {
                    out.put(p, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
            return out;
        } finally {
            buildah("rm", container);
        }
    }

    private static String lastLine(String output) {
        List<String> l = output.strip().lines().toList();
        return l.get(l.size() - 1).strip();
    }

    private static String buildah(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("buildah");
        cmd.addAll(store.globalArgs());
        cmd.addAll(List.of(args));
        return Tools.run(cmd);
    }
}
