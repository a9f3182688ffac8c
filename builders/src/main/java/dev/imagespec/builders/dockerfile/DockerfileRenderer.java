package dev.imagespec.builders.dockerfile;

import static dev.imagespec.builders.dockerfile.DockerfileSyntax.envValue;
import static dev.imagespec.builders.dockerfile.DockerfileSyntax.jsonArray;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecBuilder;
import dev.imagespec.runtime.spec.SecretMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Dockerfile the {@code default} builder builds, instruction for instruction in the order of
 * flytekit's default builder (so that the build cache splits at the same places): stages for uv and
 * micromamba, the base image, apt packages under a cache mount, the non-root {@code flytekit} user,
 * Python, {@code env}, the Python packages, {@code entrypoint}, the source root and {@code copy},
 * {@code commands}, and {@code _F_IMG_ID} last.
 *
 * <p>Where it differs from flytekit, on purpose:
 * <ul>
 *   <li>Python is installed only when the spec asks for it ({@link #needsPython(ImageSpec)}): a spec
 *       without Python fields gets no uv or micromamba stage, no Python environment variables, and
 *       no {@code SHELL ["/bin/bash", "-c"]}. flytekit always installs Python and flytekit.</li>
 *   <li>Nothing from the spec is spliced into shell text: {@code RUN} and {@code ENTRYPOINT} are
 *       exec-form JSON arrays, package names and URLs are arguments ({@code "$@"}) to a fixed
 *       script, {@code ENV} values are quoted with {@code $} escaped, {@code COPY} is JSON form.</li>
 *   <li>No {@code #syntax=docker/dockerfile:1.5} line: it makes BuildKit pull its frontend from
 *       Docker Hub on every build; BuildKit's built-in frontend reads {@code RUN --mount} as well.</li>
 *   <li>With no {@code python_version}, micromamba installs {@value #DEFAULT_PYTHON_VERSION}
 *       (flytekit uses the Python that runs it, which a JVM does not have).</li>
 *   <li>Every {@code RUN --mount} target is absolute (buildah and podman refuse relative ones): a
 *       relative target, such as flytekit's {@code requirements_uv.txt} or a relative
 *       {@code pipSecretMounts} dst, is joined to the step's {@code WORKDIR}, where BuildKit puts it.</li>
 *   <li>{@code ENV PATH="${PATH:-<standard directories>}"} comes before the first {@code RUN}, so a base
 *       image whose config sets no or an empty {@code PATH} keeps {@code /usr/bin} after
 *       {@code ENV PATH="/x:$PATH"}; the mounted uv and micromamba are called by their absolute paths.</li>
 *   <li>{@code builder_config} {@code python_installer = "pip"} installs with the image's own pip instead
 *       of uv: with {@code pythonExec}, a venv of that Python ({@code --system-site-packages}) in
 *       {@code /root/.venv}; else micromamba's Python. No uv stage (and with {@code pythonExec} no
 *       micromamba stage and certificate step either), so only the base image is pulled; the same
 *       index options, extra args, secret mounts and environment as the uv path.</li>
 * </ul>
 * The base image defaults to {@value #DEFAULT_BASE_IMAGE}, flytekit's choice.
 *
 * <p>Example: {@code DockerfileRenderer.render(ImageSpec.builder().baseImage("alpine:3.20").commands("echo hi").build())}.
 *
 * @see <a href="https://github.com/flyteorg/flytekit/blob/master/flytekit/image_spec/default_builder.py">flytekit's default builder</a>
 */
public final class DockerfileRenderer {

    /** flytekit's default base image. */
    public static final String DEFAULT_BASE_IMAGE = "debian:bookworm-slim";
    /** flytekit's uv image; {@code builder_config} key {@code uv_image} replaces it. */
    public static final String DEFAULT_UV_IMAGE = "ghcr.io/astral-sh/uv:0.5.1";
    /** flytekit's micromamba image; {@code builder_config} key {@code micromamba_image} replaces it. */
    public static final String DEFAULT_MICROMAMBA_IMAGE = "mambaorg/micromamba:2.0.3-debian12-slim";
    /** The Python micromamba installs when the spec names none. */
    public static final String DEFAULT_PYTHON_VERSION = "3.12";

    /** Name of the merged requirements file in the build context, as flytekit names it. */
    static final String REQUIREMENTS_FILE = "requirements_uv.txt";
    /** Directory of the source root's files in the build context, as flytekit names it. */
    static final String SOURCE_DIR = "src";
    /** Directory of the {@code copy} entries in the build context. */
    static final String COPY_DIR = "copy";

    /** Where the uv stage's binary is mounted; every RUN calls it by this path. */
    static final String UV = "/usr/bin/uv";
    /** Where the micromamba stage's binary is mounted; every RUN calls it by this path. */
    static final String MICROMAMBA = "/usr/bin/micromamba";

    private static final String UV_CACHE = "--mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/uv,id=uv";
    private static final String UV_BINARY = "--mount=from=uv,source=/uv,target=" + UV;
    private static final String PIP_CACHE =
            "--mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/pip,id=pip";
    private static final String MICROMAMBA_PREFIX = "/opt/micromamba/envs/runtime/bin";
    private static final String VENV_BIN = "/root/.venv/bin";
    /**
     * The directories of a {@code PATH} when the base image sets none or an empty one (Debian's and
     * BuildKit's default): without them {@code ENV PATH="/x:$PATH"} would leave only {@code /x}.
     */
    public static final String STANDARD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** {@code builder_config} key naming the uv image (flytekit's). */
    public static final String UV_IMAGE_KEY = "uv_image";
    /** {@code builder_config} key naming the micromamba image (flytekit's). */
    public static final String MICROMAMBA_IMAGE_KEY = "micromamba_image";
    /** {@code builder_config} key choosing what installs the Python packages: {@value #UV_INSTALLER} (default) or {@value #PIP_INSTALLER}. */
    public static final String PYTHON_INSTALLER_KEY = "python_installer";
    /** flytekit's installer: the uv binary from the uv image. */
    public static final String UV_INSTALLER = "uv";
    /**
     * pip of the image's own Python: no uv image, and with {@code pythonExec} no micromamba image
     * either, so a build needs no image but its base (and the package index).
     */
    public static final String PIP_INSTALLER = "pip";
    /** The {@code builder_config} keys whose value is an image reference. */
    public static final Set<String> IMAGE_KEYS = Set.of(UV_IMAGE_KEY, MICROMAMBA_IMAGE_KEY);
    /** The {@code builder_config} keys the default builder reads. */
    public static final Set<String> BUILDER_CONFIG_KEYS =
            Set.of(UV_IMAGE_KEY, MICROMAMBA_IMAGE_KEY, PYTHON_INSTALLER_KEY);
    /** The values {@value #PYTHON_INSTALLER_KEY} takes. */
    public static final Set<String> PYTHON_INSTALLERS = Set.of(UV_INSTALLER, PIP_INSTALLER);

    private DockerfileRenderer() {}

    /**
     * The Dockerfile for {@code spec}, e.g. {@code render(spec).lines().filter(l -> l.startsWith("FROM"))}.
     * Reads no file contents (those go into the {@link BuildContext}); it only looks whether each
     * {@code copy} entry is a directory, which decides its target, as in flytekit. Renders only:
     * the caller refuses specs with problems first ({@code DefaultImageBuilder.dockerfile} checks
     * {@code SpecValidator.buildBlockers} and {@code DefaultBuilderRules}), because a value those
     * rules refuse, such as an env value with a line break, would render into a wrong Dockerfile.
     */
    public static String render(ImageSpec spec) {
        StringBuilder d = new StringBuilder();
        boolean python = needsPython(spec);
        boolean uvStage = python && !usesPip(spec);
        boolean micromambaStage = python && (!usesPip(spec) || spec.pythonExec().isEmpty());
        if (uvStage) {
            d.append("FROM ")
                    .append(builderImage(spec, UV_IMAGE_KEY, DEFAULT_UV_IMAGE))
                    .append(" AS uv\n");
        }
        if (micromambaStage) {
            d.append("FROM ")
                    .append(builderImage(spec, MICROMAMBA_IMAGE_KEY, DEFAULT_MICROMAMBA_IMAGE))
                    .append(" AS micromamba\n");
        }
        if (uvStage || micromambaStage) {
            d.append('\n');
        }
        d.append("FROM ").append(baseImage(spec)).append("\n\n");
        d.append("WORKDIR /\nUSER root\n");
        // A base image without PATH (or with an empty one) keeps the standard directories.
        d.append("ENV PATH=\"${PATH:-").append(STANDARD_PATH).append("}\"\n");
        aptPackages(spec, d);
        if (micromambaStage) {
            d.append(
                            "RUN --mount=from=micromamba,source=/etc/ssl/certs/ca-certificates.crt,target=/tmp/ca-certificates.crt ")
                    .append(shell("[ -f /etc/ssl/certs/ca-certificates.crt ] || { mkdir -p /etc/ssl/certs/"
                            + " && cp /tmp/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt; }"))
                    .append('\n');
        }
        d.append('\n');
        d.append("RUN ")
                .append(shell("id -u flytekit || useradd --create-home --shell /bin/bash flytekit"))
                .append('\n');
        d.append("RUN ")
                .append(shell("chown -R flytekit /root && chown -R flytekit /home"))
                .append("\n\n");
        if (python) {
            pythonEnvironment(spec, d);
        } else {
            env(orderedEnv(spec, Map.of()), d);
        }
        if (python) {
            pythonPackages(spec, d);
        }
        // flytekit adds the NVIDIA paths to every image, in case the base image has them.
        d.append("ENV PATH=\"$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin\" \\\n")
                .append("    LD_LIBRARY_PATH=\"/usr/local/nvidia/lib64:$LD_LIBRARY_PATH\"\n\n");
        spec.entrypoint()
                .ifPresent(e -> d.append("ENTRYPOINT ").append(jsonArray(e)).append("\n\n"));
        copies(spec, d);
        commands(spec, uvStage, d);
        d.append("WORKDIR /root\n");
        if (python) {
            d.append("SHELL [\"/bin/bash\", \"-c\"]\n");
        }
        d.append("USER flytekit\n");
        if (python) {
            d.append("RUN ")
                    .append(jsonArray(List.of(
                            "/bin/bash", "-c", "mkdir -p $HOME && echo \"export PATH=$PATH\" >> $HOME/.profile")))
                    .append('\n');
        }
        // Last, as in flytekit: a change of id must not invalidate the cached layers above.
        d.append("\nENV ")
                .append(ImageSpec.IMAGE_ID_ENV)
                .append('=')
                .append(envValue(spec.id()))
                .append('\n');
        return d.toString();
    }

    /**
     * Whether the image gets Python: the spec names Python packages, conda packages, a requirements
     * file, a Python version or a Python executable. Example: {@code needsPython(builder().build())} is false.
     */
    public static boolean needsPython(ImageSpec spec) {
        return nonEmpty(spec.packages())
                || nonEmpty(spec.condaPackages())
                || spec.requirements().filter(r -> !r.isEmpty()).isPresent()
                || spec.pythonVersion().isPresent()
                || spec.pythonExec().isPresent();
    }

    /** The image after {@code FROM}: the built base spec, the base image, or flytekit's default. */
    public static String baseImage(ImageSpec spec) {
        return ImageSpecBuilder.baseImageOf(spec).orElse(DEFAULT_BASE_IMAGE);
    }

    /** The basename of a lock-file requirements value ({@code uv.lock}, {@code poetry.lock}), if it is one. */
    public static Optional<String> lockFile(ImageSpec spec) {
        return spec.requirements()
                .filter(r -> !r.isEmpty())
                .map(r -> Path.of(r).getFileName().toString())
                .filter(n -> n.equals("uv.lock") || n.equals("poetry.lock"));
    }

    /**
     * Whether pip installs the Python packages ({@code builder_config} {@value #PYTHON_INSTALLER_KEY}
     * {@code = "pip"}) rather than uv, flytekit's installer.
     */
    public static boolean usesPip(ImageSpec spec) {
        return PIP_INSTALLER.equals(
                spec.builderConfig().map(m -> m.get(PYTHON_INSTALLER_KEY)).orElse(null));
    }

    private static String builderImage(ImageSpec spec, String key, String fallback) {
        return spec.builderConfig().map(m -> m.get(key)).map(String.class::cast).orElse(fallback);
    }

    /**
     * The working directory of the step that installs the Python packages: {@code /root} when it
     * makes a venv there (a {@code pythonExec}, a lock file), else {@code /}. Relative mount targets
     * of that step resolve against it, as BuildKit resolves them.
     */
    static String installWorkdir(ImageSpec spec) {
        return spec.pythonExec().isPresent() || lockFile(spec).isPresent() ? "/root" : "/";
    }

    /**
     * Where each {@code pipSecretMounts} entry is mounted, absolute: a relative {@code dst} joined to
     * the install step's working directory and normalized, as BuildKit does (buildah and podman
     * accept only absolute targets). Example: {@code ("secret_src_2", "secret_dst_2")} of a spec
     * without {@code pythonExec} is mounted at {@code /secret_dst_2}.
     */
    public static List<String> secretTargets(ImageSpec spec) {
        String workdir = installWorkdir(spec);
        List<String> out = new ArrayList<>();
        for (SecretMount m : spec.pipSecretMounts().orElse(List.of())) {
            out.add(DockerfileSyntax.absolute(workdir, m.dst()));
        }
        return out;
    }

    private static void aptPackages(ImageSpec spec, StringBuilder d) {
        List<String> apt = spec.aptPackages().orElse(List.of());
        if (apt.isEmpty()) {
            return;
        }
        List<String> run = new ArrayList<>(List.of(
                "/bin/sh", "-c", "apt-get update && apt-get install -y --no-install-recommends \"$@\"", "apt-install"));
        run.addAll(apt);
        d.append("RUN --mount=type=cache,sharing=locked,mode=0777,target=/var/cache/apt,id=apt ")
                .append(jsonArray(run))
                .append('\n');
    }

    private static void pythonEnvironment(ImageSpec spec, StringBuilder d) {
        String pythonExec;
        String extraPath;
        if (spec.pythonExec().isPresent()) {
            // Packages go into a venv made from the base image's Python (PEP 668 bases refuse system installs).
            pythonExec = VENV_BIN + "/python";
            extraPath = VENV_BIN;
        } else {
            pythonExec = MICROMAMBA_PREFIX + "/python";
            extraPath = MICROMAMBA_PREFIX;
            List<String> args = new ArrayList<>(List.of(
                    "/bin/sh",
                    "-c",
                    MICROMAMBA + " config set use_lockfiles False && ( " + MICROMAMBA
                            + " create -n runtime --root-prefix"
                            + " /opt/micromamba -c conda-forge \"$@\" || " + MICROMAMBA
                            + " install -n runtime --root-prefix"
                            + " /opt/micromamba -c conda-forge \"$@\" ) && chown -R flytekit /opt/micromamba",
                    "micromamba-env"));
            for (String channel : spec.condaChannels().orElse(List.of())) {
                args.add("-c");
                args.add(channel);
            }
            args.add("python=" + spec.pythonVersion().orElse(DEFAULT_PYTHON_VERSION));
            args.addAll(spec.condaPackages().orElse(List.of()));
            d.append("RUN --mount=type=cache,sharing=locked,mode=0777,target=/opt/micromamba/pkgs,id=micromamba ")
                    .append("--mount=from=micromamba,source=/usr/bin/micromamba,target=" + MICROMAMBA + " ")
                    .append(jsonArray(args))
                    .append("\n\n");
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("UV_PYTHON", pythonExec);
        fixed.put("UV_COMPILE_BYTECODE", "1");
        fixed.put("UV_LINK_MODE", "copy");
        fixed.put("FLYTE_SDK_RICH_TRACEBACKS", "0");
        fixed.put("SSL_CERT_DIR", "/etc/ssl/certs");
        fixed.put("PYTHONPATH", "/root");
        // PATH keeps $PATH live (it is ours, not the spec's); every other value is quoted literally.
        d.append("ENV PATH=\"").append(extraPath).append(":$PATH\"");
        for (Map.Entry<String, String> e : orderedEnv(spec, fixed).entrySet()) {
            d.append(" \\\n    ").append(e.getKey()).append('=').append(envValue(e.getValue()));
        }
        d.append("\n\n");
    }

    /** flytekit's {@code env_dict}: its fixed variables, then the spec's, a spec value replacing a fixed one in place. */
    private static Map<String, String> orderedEnv(ImageSpec spec, Map<String, String> fixed) {
        Map<String, String> env = new LinkedHashMap<>(fixed);
        spec.env().ifPresent(env::putAll);
        return env;
    }

    private static void env(Map<String, String> env, StringBuilder d) {
        if (env.isEmpty()) {
            return;
        }
        d.append("ENV");
        String sep = " ";
        for (Map.Entry<String, String> e : env.entrySet()) {
            d.append(sep).append(e.getKey()).append('=').append(envValue(e.getValue()));
            sep = " \\\n    ";
        }
        d.append("\n\n");
    }

    private static void pythonPackages(ImageSpec spec, StringBuilder d) {
        List<String> installArgs = new ArrayList<>();
        spec.pipIndex().ifPresent(url -> {
            installArgs.add("--index-url");
            installArgs.add(url);
        });
        for (String url : spec.pipExtraIndexUrl().orElse(List.of())) {
            installArgs.add("--extra-index-url");
            installArgs.add(url);
        }
        // flytekit pastes pip_extra_args into a shell line, which splits it on spaces; so do we, but as arguments.
        spec.pipExtraArgs().ifPresent(a -> {
            for (String part : a.trim().split("\\s+", -1)) {
                if (!part.isEmpty()) {
                    installArgs.add(part);
                }
            }
        });
        String workdir = installWorkdir(spec);
        String secrets = secretMountFlags(spec);
        Optional<String> lock = lockFile(spec);
        if (lock.isPresent() && lock.get().equals("uv.lock")) {
            installArgs.addAll(List.of("--locked", "--no-dev", "--no-install-project"));
            lockInstall(d, "uv", UV_CACHE + " " + UV_BINARY, secrets, UV + " sync \"$@\"", installArgs);
            return;
        }
        if (lock.isPresent()) {
            d.append("RUN ")
                    .append(UV_CACHE)
                    .append(' ')
                    .append(UV_BINARY)
                    .append(' ')
                    .append(jsonArray(List.of(UV, "pip", "install", "poetry")))
                    .append("\n\n");
            d.append("ENV POETRY_CACHE_DIR=\"/tmp/poetry_cache\" \\\n    POETRY_VIRTUALENVS_IN_PROJECT=\"true\"\n\n");
            installArgs.add("--no-root");
            lockInstall(
                    d,
                    "poetry",
                    "--mount=type=cache,sharing=locked,mode=0777,target=/tmp/poetry_cache,id=poetry",
                    secrets,
                    "poetry install \"$@\"",
                    installArgs);
            return;
        }
        installArgs.addAll(List.of("--requirement", REQUIREMENTS_FILE));
        boolean pip = usesPip(spec);
        String mounts = (pip ? PIP_CACHE : UV_CACHE + " " + UV_BINARY) + " " + requirementsMount(workdir) + secrets;
        List<String> run;
        if (spec.pythonExec().isPresent()) {
            // A venv of the base image's Python, which sees its packages (PEP 668 bases refuse system installs).
            String script = pip
                    ? "\"$1\" -m venv --system-site-packages /root/.venv && shift && " + VENV_BIN
                            + "/python -m pip install"
                            + " --disable-pip-version-check --no-input \"$@\" && chown -R flytekit /root/.venv"
                    : UV + " venv --python \"$1\" --system-site-packages /root/.venv && shift && " + UV + " pip install"
                            + " --python " + VENV_BIN + "/python \"$@\" && chown -R flytekit /root/.venv";
            run = new ArrayList<>(List.of(
                    "/bin/sh",
                    "-c",
                    script,
                    pip ? "pip-venv" : "uv-venv",
                    spec.pythonExec().get()));
        } else {
            run = new ArrayList<>(
                    pip
                            ? List.of(
                                    MICROMAMBA_PREFIX + "/python",
                                    "-m",
                                    "pip",
                                    "install",
                                    "--disable-pip-version-check",
                                    "--no-input")
                            : List.of(UV, "pip", "install"));
        }
        run.addAll(installArgs);
        if (!workdir.equals("/")) {
            d.append("WORKDIR ").append(workdir).append('\n');
        }
        d.append("RUN ").append(mounts).append(jsonArray(run)).append('\n');
        d.append(workdir.equals("/") ? "\n" : "WORKDIR /\n\n");
    }

    private static void lockInstall(
            StringBuilder d, String tool, String mounts, String secrets, String script, List<String> installArgs) {
        String lockName = tool.equals("uv") ? "uv.lock" : "poetry.lock";
        List<String> run = new ArrayList<>(
                List.of("/bin/sh", "-c", script + " && chown -R flytekit /root/.venv", tool + "-install"));
        run.addAll(installArgs);
        d.append("WORKDIR /root\n");
        d.append("RUN ")
                .append(mounts)
                .append(" --mount=type=bind,target=/root/")
                .append(lockName)
                .append(",src=")
                .append(lockName)
                .append(" --mount=type=bind,target=/root/pyproject.toml,src=pyproject.toml ")
                .append(secrets)
                .append(jsonArray(run))
                .append('\n');
        d.append("WORKDIR /\n");
        d.append("ENV PATH=\"" + VENV_BIN + ":$PATH\" \\\n    UV_PYTHON=\"" + VENV_BIN + "/python\"\n\n");
    }

    /** The bind mount of the merged requirements file, its target absolute at the step's working directory. */
    private static String requirementsMount(String workdir) {
        return "--mount=type=bind,target=" + DockerfileSyntax.absolute(workdir, REQUIREMENTS_FILE) + ",src="
                + REQUIREMENTS_FILE + " ";
    }

    /** One BuildKit secret per mount, {@code secret_0}, {@code secret_1}, ...: the file never lands in a layer. */
    private static String secretMountFlags(ImageSpec spec) {
        StringBuilder s = new StringBuilder();
        List<String> targets = secretTargets(spec);
        for (int i = 0; i < targets.size(); i++) {
            s.append("--mount=type=secret,id=")
                    .append(secretId(i))
                    .append(",target=")
                    .append(targets.get(i))
                    .append(' ');
        }
        return s.toString();
    }

    /** The id of the {@code index}th pip secret, as flytekit names it, e.g. {@code "secret_0"}. */
    public static String secretId(int index) {
        return "secret_" + index;
    }

    private static void copies(ImageSpec spec, StringBuilder d) {
        boolean any = false;
        CopyFileDetection mode = spec.sourceCopyMode().orElse(CopyFileDetection.NO_COPY);
        if (mode != CopyFileDetection.NO_COPY) {
            d.append("COPY --chown=flytekit ")
                    .append(jsonArray(List.of("./" + SOURCE_DIR, "/root")))
                    .append('\n');
            any = true;
        }
        for (String src : spec.copy().orElse(List.of())) {
            d.append("COPY --chown=flytekit ")
                    .append(jsonArray(List.of(contextPath(src), copyTarget(spec, src))))
                    .append('\n');
            any = true;
        }
        if (any) {
            d.append('\n');
        }
    }

    /**
     * Where a {@code copy} entry lies in the build context: under {@code copy/}, so that no entry can
     * replace the Dockerfile, the requirements or the source root beside it.
     */
    static String contextPath(String src) {
        return COPY_DIR + "/" + relative(src);
    }

    private static String relative(String src) {
        return Path.of(src).normalize().toString().replace('\\', '/');
    }

    /** flytekit's target: a directory lands at {@code /root/<dir>/}, a file in {@code /root/<its parent>/}. */
    private static String copyTarget(ImageSpec spec, String src) {
        Path rel = Path.of(src).normalize();
        if (java.nio.file.Files.isDirectory(spec.resolve(src))) {
            return "/root/" + relative(src) + "/";
        }
        Path parent = rel.getParent();
        return parent == null ? "/root/" : "/root/" + parent.toString().replace('\\', '/') + "/";
    }

    private static void commands(ImageSpec spec, boolean uvStage, StringBuilder d) {
        List<String> commands = spec.commands().orElse(List.of());
        if (commands.isEmpty()) {
            return;
        }
        // The commands are shell by nature (that is what the user wrote); they reach /bin/sh as one
        // argument, so no character in them can end the RUN instruction or start another.
        d.append("RUN ");
        if (uvStage) {
            d.append(UV_CACHE).append(' ').append(UV_BINARY).append(' ');
        }
        d.append(shell(String.join(" && ", commands))).append("\n\n");
    }

    private static String shell(String script) {
        return jsonArray(List.of("/bin/sh", "-c", script));
    }

    private static boolean nonEmpty(Optional<? extends List<?>> list) {
        return list.map(l -> !l.isEmpty()).orElse(false);
    }
}
