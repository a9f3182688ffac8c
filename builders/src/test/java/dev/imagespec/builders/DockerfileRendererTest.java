package dev.imagespec.builders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.builders.dockerfile.DockerfileRenderer;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.testing.Goldens;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default builder's Dockerfile: goldens for representative specs (regenerate with
 * {@code -Dimagespec.updateGoldens=true}), flytekit's own assertions from its
 * {@code test_default_builder.py}, and proof that no spec value can add or change an instruction.
 */
class DockerfileRendererTest {
    static final Path FILES = Path.of("src", "test", "resources", "buildfiles").toAbsolutePath();

    static ImageSpec.Builder spec(String name) {
        return ImageSpec.builder().name(name).baseDir(FILES);
    }

    /** flytekit's test_create_docker_context spec, less what needs files outside this module. */
    static ImageSpec flytekitLike() {
        return spec("flytekit-like")
                .pythonVersion("3.12")
                .env("MY_ENV", "MY_VALUE")
                .aptPackages("curl")
                .condaPackages("scipy==1.13.0", "numpy")
                .packages("pandas==2.2.1")
                .requirements("requirements.txt")
                .sourceRoot("src")
                .sourceCopyMode(CopyFileDetection.ALL)
                .commands("mkdir my_dir")
                .entrypoint("/bin/bash")
                .pipIndex("https://url.com")
                .pipExtraIndexUrl("https://extra-url.com")
                .pipSecretMounts(List.of(
                        new SecretMount(".gitconfig", "/etc/gitconfig"),
                        new SecretMount("secret_src_2", "secret_dst_2")))
                .copy("hello.txt", "conf")
                .builderConfig(Map.of("uv_image", "uv_image_local"))
                .build();
    }

    @Test
    void minimalSpecGetsNoPython() {
        String d = DockerfileRenderer.render(spec("minimal").build());
        Goldens.assertMatches("minimal.Dockerfile", d);
        assertThat(d)
                .doesNotContain("micromamba", "uv", "PYTHONPATH", "SHELL")
                .startsWith("FROM debian:bookworm-slim\n");
        assertThat(instructions(d))
                .containsExactly("FROM", "WORKDIR", "USER", "ENV", "RUN", "RUN", "ENV", "WORKDIR", "USER", "ENV");
    }

    @Test
    void noPythonSpecInFlytekitOrder() {
        ImageSpec s = spec("tools")
                .baseImage("127.0.0.1:5000/base:1")
                .aptPackages("git", "curl")
                .env("MODE", "batch")
                .env("GREETING", "hello world")
                .copy("conf", "hello.txt")
                .commands("mkdir -p /opt/data", "echo ok > /opt/data/ok")
                .entrypoint("/bin/sh", "-c")
                .build();
        String d = DockerfileRenderer.render(s);
        Goldens.assertMatches("no-python.Dockerfile", d);
        assertThat(instructions(d))
                .containsExactly(
                        "FROM",
                        "WORKDIR",
                        "USER",
                        "ENV",
                        "RUN",
                        "RUN",
                        "RUN",
                        "ENV",
                        "ENV",
                        "ENTRYPOINT",
                        "COPY",
                        "COPY",
                        "RUN",
                        "WORKDIR",
                        "USER",
                        "ENV");
        assertThat(d)
                .contains("RUN --mount=type=cache,sharing=locked,mode=0777,target=/var/cache/apt,id=apt "
                        + "[\"/bin/sh\", \"-c\", \"apt-get update && apt-get install -y --no-install-recommends \\\"$@\\\"\", "
                        + "\"apt-install\", \"git\", \"curl\"]");
        assertThat(d).contains("ENV MODE=\"batch\" \\\n    GREETING=\"hello world\"\n");
        assertThat(d).contains("COPY --chown=flytekit [\"copy/conf\", \"/root/conf/\"]\n");
        assertThat(d).contains("COPY --chown=flytekit [\"copy/hello.txt\", \"/root/\"]\n");
        assertThat(d).contains("RUN [\"/bin/sh\", \"-c\", \"mkdir -p /opt/data && echo ok > /opt/data/ok\"]");
        assertThat(d).contains("ENTRYPOINT [\"/bin/sh\", \"-c\"]");
        assertThat(lastInstruction(d)).isEqualTo("ENV _F_IMG_ID=\"" + s.id() + "\"");
    }

    @Test
    void flytekitsOwnAssertionsHold() {
        String d = DockerfileRenderer.render(flytekitLike());
        Goldens.assertMatches("python-full.Dockerfile", d);
        // The substrings flytekit's test_create_docker_context checks, where our quoting keeps them; the
        // relative target secret_dst_2 is made absolute against the step's WORKDIR (/), as BuildKit resolves it.
        assertThat(d)
                .contains(
                        "curl",
                        "\"scipy==1.13.0\", \"numpy\"",
                        "python=3.12",
                        "\"--requirement\", \"requirements_uv.txt\"",
                        "--index-url",
                        "--extra-index-url",
                        "--mount=type=secret,id=secret_0,target=/etc/gitconfig",
                        "--mount=type=secret,id=secret_1,target=/secret_dst_2",
                        "COPY --chown=flytekit [\"./src\", \"/root\"]",
                        "uv_image_local",
                        "mambaorg/micromamba:2.0.3-debian12-slim",
                        "ENTRYPOINT [\"/bin/bash\"]",
                        "mkdir -p $HOME",
                        "COPY --chown=flytekit [\"copy/hello.txt\", \"/root/\"]");
        assertThat(d).containsPattern("RUN.+mkdir my_dir");
        // flytekit's order: stages, base, apt, certs, user, micromamba, env, pip, nvidia, entrypoint, copies, commands,
        // user, id.
        assertThat(instructions(d))
                .containsExactly(
                        "FROM",
                        "FROM",
                        "FROM",
                        "WORKDIR",
                        "USER",
                        "ENV",
                        "RUN",
                        "RUN",
                        "RUN",
                        "RUN",
                        "RUN",
                        "ENV",
                        "RUN",
                        "ENV",
                        "ENTRYPOINT",
                        "COPY",
                        "COPY",
                        "COPY",
                        "RUN",
                        "WORKDIR",
                        "SHELL",
                        "USER",
                        "RUN",
                        "ENV");
        assertThat(d)
                .contains(
                        "ENV PATH=\"/opt/micromamba/envs/runtime/bin:$PATH\" \\\n    UV_PYTHON=\"/opt/micromamba/envs/runtime/bin/python\"");
        assertThat(d).contains("    PYTHONPATH=\"/root\" \\\n    MY_ENV=\"MY_VALUE\"\n");
    }

    @Test
    void emptyEntrypointClearsAndUnsetKeeps() {
        assertThat(DockerfileRenderer.render(spec("e").entrypoint(List.of()).build()))
                .contains("\nENTRYPOINT []\n");
        assertThat(DockerfileRenderer.render(spec("e").build())).doesNotContain("ENTRYPOINT");
    }

    @Test
    void pythonExecUsesAVenvOfTheBasePython() {
        String d = DockerfileRenderer.render(spec("venv")
                .baseImage("ghcr.io/flyteorg/flytekit:py3.11-1.14.4")
                .pythonExec("/usr/local/bin/python")
                .build());
        Goldens.assertMatches("python-exec.Dockerfile", d);
        assertThat(d)
                .contains(
                        "uv venv --python \\\"$1\\\" --system-site-packages /root/.venv",
                        "uv pip install --python /root/.venv/bin/python",
                        "\"uv-venv\", \"/usr/local/bin/python\"",
                        "UV_PYTHON=\"/root/.venv/bin/python\"",
                        "ENV PATH=\"/root/.venv/bin:$PATH\"");
        assertThat(d).doesNotContain("micromamba create");
    }

    @Test
    void uvLockSyncs() {
        String d = DockerfileRenderer.render(spec("uvlock")
                .pythonVersion("3.12")
                .requirements("lock/uv.lock")
                .pipIndex("https://url.com")
                .pipExtraIndexUrl("https://extra-url.com")
                .pipExtraArgs("--no-install-package library-to-skip")
                .build());
        Goldens.assertMatches("uv-lock.Dockerfile", d);
        // flytekit: "uv sync --index-url https://url.com --extra-index-url https://extra-url.com
        //   --no-install-package library-to-skip --locked --no-dev --no-install-project", as arguments here.
        assertThat(d)
                .contains("uv sync \\\"$@\\\" && chown -R flytekit /root/.venv\", \"uv-install\", \"--index-url\", "
                        + "\"https://url.com\", \"--extra-index-url\", \"https://extra-url.com\", \"--no-install-package\", "
                        + "\"library-to-skip\", \"--locked\", \"--no-dev\", \"--no-install-project\"]");
    }

    @Test
    void poetryLockInstalls() {
        String d = DockerfileRenderer.render(spec("poetry")
                .pythonVersion("3.12")
                .requirements("lock/poetry.lock")
                .pipExtraArgs("--no-directory")
                .build());
        assertThat(d)
                .contains(
                        "\"poetry install \\\"$@\\\" && chown -R flytekit /root/.venv\", \"poetry-install\", "
                                + "\"--no-directory\", \"--no-root\"]",
                        "[\"/usr/bin/uv\", \"pip\", \"install\", \"poetry\"]");
    }

    @Test
    void lockFileAndPackagesAreExclusive() {
        assertThatThrownBy(() -> dockerfile(
                        spec("x").requirements("lock/uv.lock").packages("ruff").build()))
                .isInstanceOf(InvalidImageSpecException.class)
                .hasMessageContaining("mutually exclusive");
    }

    @Test
    void everyFieldItCannotHonourIsNamed() {
        ImageSpec s = spec("x")
                .cuda("12.4.1")
                .cudnn("8")
                .builderOptions(Map.of("cache", true))
                .builderConfig(Map.of("flavour", "x"))
                .pipIndex("https://url.com")
                .platform("linux/amd64,linux/amd64")
                .build();
        assertThat(DefaultBuilderRules.check(s).problems())
                .extracting(p -> p.field())
                .containsExactly(members(
                        SpecField.CUDA,
                        SpecField.CUDNN,
                        SpecField.BUILDER_OPTIONS,
                        SpecField.BUILDER_CONFIG,
                        SpecField.PIP_INDEX,
                        SpecField.PLATFORM));
        assertThatThrownBy(() -> dockerfile(s))
                .isInstanceOf(InvalidImageSpecException.class)
                .hasMessageContaining("cuda \"12.4.1\" is not supported by the default builder")
                .hasMessageContaining("builderConfig key \"flavour\"")
                .hasMessageContaining("pipIndex only configures Python installs");
    }

    @Test
    void pythonExecRefusesConda() {
        ImageSpec s = spec("x")
                .pythonExec("/usr/local/bin/python")
                .condaPackages("ruff")
                .condaChannels("bioconda")
                .build();
        assertThat(DefaultBuilderRules.check(s).problems())
                .extracting(p -> p.field())
                .containsExactly(members(SpecField.CONDA_PACKAGES, SpecField.CONDA_CHANNELS));
    }

    @Test
    void newlineInEnvValueIsRefusedNotRendered() {
        ImageSpec s = spec("x").env("A", "ok\nRUN touch /pwned").build();
        assertThatThrownBy(() -> dockerfile(s))
                .isInstanceOf(InvalidImageSpecException.class)
                .hasMessageContaining("env A has a line break");
    }

    @Test
    void noValueCanAddOrChangeAnInstruction() {
        String evil = "$(touch /pwned) ${HOME} `id` \"quoted\" back\\slash";
        ImageSpec plain = spec("x")
                .env("A", "v")
                .commands("true")
                .entrypoint("sh")
                .aptPackages("git")
                .build();
        ImageSpec hostile = spec("x")
                .env("A", evil)
                .commands("echo one\nENV EVIL=1\nRUN touch /pwned", "echo \"]\n USER root")
                .entrypoint("sh\"]\nUSER root\nENTRYPOINT [\"x")
                .aptPackages("git")
                .build();
        String d = DockerfileRenderer.render(hostile);
        assertThat(instructions(d)).isEqualTo(instructions(DockerfileRenderer.render(plain)));
        assertThat(d.lines())
                .noneMatch(l -> l.startsWith("ENV EVIL") || l.startsWith("RUN touch") || l.startsWith("USER root\""));
        assertThat(d).contains("A=\"\\$(touch /pwned) \\${HOME} `id` \\\"quoted\\\" back\\\\slash\"");
        assertThat(d)
                .contains(
                        "[\"/bin/sh\", \"-c\", \"echo one\\nENV EVIL=1\\nRUN touch /pwned && echo \\\"]\\n USER root\"]");
        assertThat(d).contains("ENTRYPOINT [\"sh\\\"]\\nUSER root\\nENTRYPOINT [\\\"x\"]");
    }

    @Test
    void copyPathsThatCopyWouldExpandAreRefused() {
        ImageSpec s = spec("x").copy("$HOME/x", "a*.txt", "../up").build();
        assertThat(DefaultBuilderRules.check(s).problems())
                .extracting(p -> p.index())
                .containsExactly(0, 1, 2);
    }

    @Test
    void baseSpecIsBuiltNameAndNoPythonStagesWithoutPython() {
        ImageSpec base =
                spec("base").registry("127.0.0.1:5000").commands("true").build();
        String d = DockerfileRenderer.render(
                spec("child").baseSpec(base).registry("127.0.0.1:5000").build());
        assertThat(d).startsWith("FROM " + base.imageName() + "\n");
    }

    /**
     * buildah 1.28 refuses relative {@code RUN --mount} targets ("must be an absolute path"), BuildKit
     * resolves them against the WORKDIR: every target the renderer writes is absolute, at the place
     * BuildKit would have put it.
     */
    @Test
    void everyMountTargetIsAbsolute() {
        List<SecretMount> secrets = List.of(
                new SecretMount(".gitconfig", "/etc/gitconfig"),
                new SecretMount("secret_src_2", "secret_dst_2"),
                new SecretMount("n", "./conf/../.netrc"));
        Map<String, String> pip = Map.of(DockerfileRenderer.PYTHON_INSTALLER_KEY, "pip");
        List<ImageSpec> specs = List.of(
                flytekitLike(),
                spec("a").packages("numpy").pipSecretMounts(secrets).build(),
                spec("b")
                        .pythonExec("/usr/bin/python3")
                        .packages("numpy")
                        .pipSecretMounts(secrets)
                        .build(),
                spec("c")
                        .pythonVersion("3.12")
                        .requirements("lock/uv.lock")
                        .pipSecretMounts(secrets)
                        .build(),
                spec("d")
                        .pythonVersion("3.12")
                        .requirements("lock/poetry.lock")
                        .pipSecretMounts(secrets)
                        .build(),
                spec("e")
                        .pythonExec("/usr/bin/python3")
                        .packages("numpy")
                        .pipSecretMounts(secrets)
                        .builderConfig(pip)
                        .build(),
                spec("f")
                        .packages("numpy")
                        .pipSecretMounts(secrets)
                        .builderConfig(pip)
                        .aptPackages("git")
                        .commands("true")
                        .build());
        java.util.regex.Pattern target = java.util.regex.Pattern.compile("--mount=\\S*?target=([^,\\s]+)");
        for (ImageSpec s : specs) {
            String d = DockerfileRenderer.render(s);
            java.util.regex.Matcher m = target.matcher(d);
            int n = 0;
            while (m.find()) {
                assertThat(m.group(1))
                        .as("%s in %s", m.group(), s.name())
                        .startsWith("/")
                        .doesNotContain("/./", "/../");
                n++;
            }
            assertThat(n).as(s.name()).isGreaterThanOrEqualTo(3);
        }
        // at WORKDIR / (uv into micromamba's Python) and at WORKDIR /root (a venv, a lock file)
        assertThat(DockerfileRenderer.render(specs.get(1)))
                .contains(
                        "--mount=type=bind,target=/requirements_uv.txt,src=requirements_uv.txt",
                        "id=secret_1,target=/secret_dst_2 ",
                        "id=secret_2,target=/.netrc ");
        assertThat(DockerfileRenderer.render(specs.get(2)))
                .contains(
                        "target=/root/requirements_uv.txt,src=requirements_uv.txt",
                        "id=secret_1,target=/root/secret_dst_2 ",
                        "id=secret_2,target=/root/.netrc ",
                        "id=secret_0,target=/etc/gitconfig ");
        assertThat(DockerfileRenderer.render(specs.get(3)))
                .contains(
                        "--mount=type=bind,target=/root/uv.lock,src=uv.lock",
                        "--mount=type=bind,target=/root/pyproject.toml,src=pyproject.toml",
                        "target=/root/secret_dst_2 ");
        assertThat(DockerfileRenderer.render(specs.get(4)))
                .contains("--mount=type=bind,target=/root/poetry.lock,src=poetry.lock");
        assertThat(DockerfileRenderer.secretTargets(specs.get(1)))
                .containsExactly("/etc/gitconfig", "/secret_dst_2", "/.netrc");
    }

    /** A secret that would land on / is refused; BuildKit says "invalid mount target". */
    @Test
    void aSecretCannotBeMountedOverTheRoot() {
        ImageSpec s = spec("x")
                .packages("numpy")
                .pipSecretMounts(List.of(new SecretMount("s", ".")))
                .build();
        assertThat(DefaultBuilderRules.check(s).problems())
                .singleElement()
                .satisfies(p ->
                        assertThat(p.message()).contains("resolves to / against the install step's working directory"));
        ImageSpec venv = spec("x")
                .pythonExec("/usr/bin/python3")
                .pipSecretMounts(List.of(new SecretMount("s", ".")))
                .build();
        assertThat(DefaultBuilderRules.check(venv).problems()).isEmpty(); // /root
    }

    /**
     * A base image whose config sets no PATH, or an empty one: {@code ENV PATH="/x:$PATH"} would drop
     * /usr/bin. The standard directories are the fallback before the first RUN, and the mounted tools
     * are called by their absolute paths.
     */
    @Test
    void anEmptyBasePathKeepsTheStandardDirectoriesAndToolsAreCalledByPath() {
        String fallback = "ENV PATH=\"${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}\"";
        for (ImageSpec s : List.of(
                spec("m").build(),
                flytekitLike(),
                spec("p").pythonVersion("3.12").requirements("lock/poetry.lock").build(),
                spec("v").pythonExec("/usr/bin/python3").build())) {
            String d = DockerfileRenderer.render(s);
            List<String> lines = d.lines().toList();
            int env = lines.indexOf(fallback);
            assertThat(env).as(s.name()).isPositive();
            assertThat(lines.subList(0, env)).noneMatch(l -> l.startsWith("RUN"));
            // exec form: the program is a path; shell form: uv and micromamba are called by path
            assertThat(lines).filteredOn(l -> l.startsWith("RUN")).allSatisfy(l -> {
                String array = l.substring(l.indexOf(" [\"") + 1);
                assertThat(array).startsWith("[\"/");
                assertThat(array).doesNotContain("\"uv ", " uv ", "\"micromamba ", " micromamba ");
            });
        }
    }

    static ImageSpec pipVenv() {
        return spec("pip-venv")
                .baseImage("127.0.0.1:5000/base/debian:bookworm")
                .aptPackages("python3", "python3-venv")
                .pythonExec("/usr/bin/python3")
                .packages("pkgname==1.0")
                .pipIndex("http://127.0.0.1:8080/simple")
                .pipExtraIndexUrl("https://extra-url.com")
                .pipExtraArgs("--no-cache-dir  --prefer-binary")
                .pipSecretMounts(List.of(new SecretMount(".netrc", ".netrc")))
                .env("MODE", "batch")
                .commands("python -c \"import pkgname; print(pkgname.VALUE)\"")
                .builderConfig(Map.of(DockerfileRenderer.PYTHON_INSTALLER_KEY, DockerfileRenderer.PIP_INSTALLER))
                .build();
    }

    /** builder_config python_installer=pip with pythonExec: a venv of the base's Python and its pip; no helper image. */
    @Test
    void pipInstallerMakesAVenvOfTheBasePythonAndPullsNoHelperImage() {
        ImageSpec s = pipVenv();
        String d = dockerfile(s);
        Goldens.assertMatches("pip-venv.Dockerfile", d);
        assertThat(DefaultImageBuilder.fromImages(d)).containsExactly("127.0.0.1:5000/base/debian:bookworm");
        assertThat(d).doesNotContain("/usr/bin/uv", "micromamba", "--mount=from=");
        assertThat(d)
                .contains(
                        "WORKDIR /root\nRUN --mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/pip,id=pip "
                                + "--mount=type=bind,target=/root/requirements_uv.txt,src=requirements_uv.txt "
                                + "--mount=type=secret,id=secret_0,target=/root/.netrc [\"/bin/sh\", \"-c\", \"\\\"$1\\\" -m venv "
                                + "--system-site-packages /root/.venv && shift && /root/.venv/bin/python -m pip install "
                                + "--disable-pip-version-check --no-input \\\"$@\\\" && chown -R flytekit /root/.venv\", \"pip-venv\", "
                                + "\"/usr/bin/python3\", \"--index-url\", \"http://127.0.0.1:8080/simple\", \"--extra-index-url\", "
                                + "\"https://extra-url.com\", \"--no-cache-dir\", \"--prefer-binary\", \"--requirement\", "
                                + "\"requirements_uv.txt\"]\nWORKDIR /\n");
        // the same environment as the uv path
        assertThat(d)
                .contains(
                        "ENV PATH=\"/root/.venv/bin:$PATH\" \\\n    UV_PYTHON=\"/root/.venv/bin/python\"",
                        "PYTHONPATH=\"/root\" \\\n    MODE=\"batch\"\n");
        assertThat(d).contains("RUN [\"/bin/sh\", \"-c\", \"python -c \\\"import pkgname; print(pkgname.VALUE)\\\"\"]");
    }

    /** Without pythonExec, pip installs into the Python micromamba made (as uv does); uv's image is not pulled. */
    @Test
    void pipInstallerWithoutPythonExecUsesMicromambasPython() {
        ImageSpec s = spec("pip-conda")
                .pythonVersion("3.11")
                .packages("pandas==2.2.1")
                .builderConfig(new java.util.TreeMap<>(Map.of(
                        "python_installer",
                        "pip",
                        "micromamba_image",
                        "127.0.0.1:5000/mirror/micromamba:2.0.3",
                        "uv_image",
                        "127.0.0.1:5000/mirror/uv:0.5.1")))
                .build();
        String d = dockerfile(s);
        Goldens.assertMatches("pip-micromamba.Dockerfile", d);
        assertThat(DefaultImageBuilder.fromImages(d))
                .containsExactly("127.0.0.1:5000/mirror/micromamba:2.0.3", "debian:bookworm-slim");
        assertThat(d)
                .contains(
                        "[\"/opt/micromamba/envs/runtime/bin/python\", \"-m\", \"pip\", \"install\", "
                                + "\"--disable-pip-version-check\", \"--no-input\", \"--requirement\", \"requirements_uv.txt\"]");
        assertThat(d).doesNotContain("/usr/bin/uv", "AS uv");
    }

    /** flytekit's builder_config keys uv_image and micromamba_image choose the helper images of the uv path. */
    @Test
    void helperImagesComeFromBuilderConfig() {
        ImageSpec s = spec("own-helpers")
                .pythonExec("/usr/bin/python3")
                .packages("numpy")
                .builderConfig(Map.of(
                        "uv_image",
                        "127.0.0.1:5000/mirror/uv:0.5.1",
                        "micromamba_image",
                        "127.0.0.1:5000/mirror/micromamba:2.0.3",
                        "python_installer",
                        "uv"))
                .build();
        assertThat(DefaultImageBuilder.fromImages(dockerfile(s)))
                .containsExactly(
                        "127.0.0.1:5000/mirror/uv:0.5.1",
                        "127.0.0.1:5000/mirror/micromamba:2.0.3",
                        "debian:bookworm-slim");
        assertThat(DefaultImageBuilder.fromImages(
                        dockerfile(spec("d").packages("numpy").build())))
                .containsExactly(
                        DockerfileRenderer.DEFAULT_UV_IMAGE,
                        DockerfileRenderer.DEFAULT_MICROMAMBA_IMAGE,
                        DockerfileRenderer.DEFAULT_BASE_IMAGE);
    }

    @Test
    void pythonInstallerIsUvOrPipAndPipTakesNoLockFile() {
        ImageSpec conda = spec("x")
                .packages("numpy")
                .builderConfig(Map.of("python_installer", "conda"))
                .build();
        assertThat(DefaultBuilderRules.check(conda).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo(BuilderMessages.pythonInstaller("conda")));
        ImageSpec lock = spec("x")
                .pythonVersion("3.12")
                .requirements("lock/uv.lock")
                .builderConfig(Map.of("python_installer", "pip"))
                .build();
        assertThat(DefaultBuilderRules.check(lock).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo(BuilderMessages.lockFileWithPip("uv.lock")));
        assertThat(DockerfileRenderer.usesPip(spec("x").build())).isFalse();
    }

    /** The Dockerfile the default builder would build: its rules checked first. */
    static String dockerfile(ImageSpec spec) {
        return new DefaultImageBuilder().dockerfile(spec);
    }

    static String[] members(SpecField... fields) {
        String[] out = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = fields[i].member();
        }
        return out;
    }

    /** The instruction keyword of each Dockerfile line that starts one (continuations are indented). */
    static List<String> instructions(String dockerfile) {
        return dockerfile
                .lines()
                .filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#"))
                .map(l -> l.split(" ", 2)[0])
                .toList();
    }

    static String lastInstruction(String dockerfile) {
        List<String> lines = dockerfile.lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1);
    }
}
