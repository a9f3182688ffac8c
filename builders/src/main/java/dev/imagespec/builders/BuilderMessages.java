package dev.imagespec.builders;

import java.util.Set;

/**
 * Every message of the builders' capability rules ({@link DefaultBuilderRules}, {@link NoopBuilderRules}):
 * what a builder cannot honour, naming the member, the value and what to do instead.
 */
public final class BuilderMessages {
    private BuilderMessages() {}

    private static final String NOT_SUPPORTED = "is not supported by the default builder";

    public static String cuda(String value) {
        return "cuda \"" + value + "\" " + NOT_SUPPORTED + ": a GPU library from PyPI brings its own CUDA; for CUDA"
                + " outside Python, set baseImage to an image with CUDA installed (e.g."
                + " nvidia/cuda:12.4.1-runtime-ubuntu22.04) and remove cuda";
    }

    public static String cudnn(String value) {
        return "cudnn \"" + value + "\" " + NOT_SUPPORTED + ": set baseImage to an image with cuDNN installed and"
                + " remove cudnn";
    }

    public static String builderOptions(Set<String> keys) {
        return "builderOptions " + keys + " " + NOT_SUPPORTED + " (it reads no options); remove them, or set builder"
                + " to the plug-in they are meant for";
    }

    public static String builderConfigKey(String key) {
        return "builderConfig key \"" + key + "\" " + NOT_SUPPORTED + "; it reads only uv_image, micromamba_image and"
                + " python_installer";
    }

    public static String pythonInstaller(Object value) {
        return "builderConfig python_installer \"" + value + "\" " + NOT_SUPPORTED + "; write \"uv\" (flytekit's, the"
                + " default) or \"pip\" (the image's own Python, no uv image)";
    }

    public static String lockFileWithPip(String lock) {
        return "a " + lock + " requirements file needs python_installer \"uv\" (uv installs it); remove"
                + " python_installer \"pip\" from builderConfig, or name a requirements.txt";
    }

    public static String secretMountOnRoot(String src, String dst) {
        return "pipSecretMounts (" + src + ", " + dst + ") resolves to / against the install step's working"
                + " directory, and a secret cannot be mounted over the root; name a file, e.g. (\".netrc\", \"/root/.netrc\")";
    }

    public static String builderConfigImage(String key, Object value) {
        return "builderConfig " + key + " \"" + value + "\" is not an image reference; write one like"
                + " \"ghcr.io/astral-sh/uv:0.5.1\"";
    }

    public static String baseImageAfterFrom(String base) {
        return "base image \"" + base + "\" cannot follow FROM; write a reference like \"debian:bookworm-slim\" or"
                + " \"ghcr.io/acme/base@sha256:...\"";
    }

    public static String repeatedPlatform(String platform, String repeated) {
        return "platform \"" + platform + "\" names " + repeated + " twice; a multi-platform image holds one image per"
                + " platform: name each once, e.g. \"linux/amd64,linux/arm64\"";
    }

    public static String pythonOnly(String member) {
        return member + " only configures Python installs, and the spec installs no Python; add packages,"
                + " requirements, condaPackages or pythonVersion, or remove " + member;
    }

    public static String condaPackagesWithPythonExec() {
        return "condaPackages cannot be used with pythonExec (packages go into a venv of the base image's Python);"
                + " remove one of them";
    }

    public static String condaChannelsWithPythonExec() {
        return "condaChannels cannot be used with pythonExec; remove one of them";
    }

    public static String packagesWithLockFile(String lock) {
        return "packages and a " + lock + " requirements file are mutually exclusive; put the packages into the lock"
                + " file's project, or remove packages";
    }

    public static String envValueControl(String name) {
        return "env " + name + " has a line break or another control character, which a Dockerfile ENV value cannot"
                + " hold; put multi-line values into a file and copy it";
    }

    public static String copyOutside(String src) {
        return "copy \"" + src + "\" is absolute or has \"..\"; name a path inside the project, e.g. \"conf/app.yaml\"";
    }

    public static String copyExpands(String src) {
        return "copy \"" + src + "\" has characters COPY would expand ($, *, ?, [, quotes, commas); rename the file to"
                + " letters, digits and ._-/@+";
    }

    public static String secretMountOptions(String src, String dst) {
        return "pipSecretMounts (" + src + ", " + dst + ") has a comma, quote or similar, which would add options to"
                + " the secret mount; use paths of letters, digits and ._-/@+, e.g. (\".netrc\", \"/root/.netrc\")";
    }

    public static String noopNeedsBaseImage() {
        return "the noop builder needs baseImage: the image the task runs in, e.g. baseImage = \"ghcr.io/acme/runtime:1\"";
    }

    public static String noopNeedsBaseImageName(String baseSpecName) {
        return "baseImage must be an image name (a string) to use the noop builder, as in flytekit, not the spec \""
                + baseSpecName + "\"; write the image name, e.g. baseImage = \"ghcr.io/acme/runtime:1\", or build on"
                + " the spec with builder \"default\"";
    }

    public static String noopCannotHonour(String member) {
        return member + " cannot be honoured by the noop builder, which builds nothing and uses baseImage as it is;"
                + " remove " + member + ", or use builder \"default\" to build an image with it";
    }
}
