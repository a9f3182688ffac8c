package dev.imagespec.builders.tool;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command-line image builder the {@code default} builder drives: how to build, how to push, and
 * whether it can run here. Build and push are two commands, so a failed build never pushes.
 *
 * <p>Example: {@code BuildTool tool = BuildTool.buildah(new StoreOptions(root, run, "vfs"));
 * tool.buildCommand(invocation)} → {@code [buildah, --root, ..., build, --isolation, chroot, ...]}.
 */
public interface BuildTool {

    /** The environment variable that picks the tool by name: {@code IMAGESPEC_BUILD_TOOL=buildah}. */
    String TOOL_ENV = "IMAGESPEC_BUILD_TOOL";

    /** The tool's name, e.g. {@code "buildah"}. */
    String name();

    /** Whether it is installed and ready (for docker: the daemon answers), e.g. {@code BuildTool.docker().available()}. */
    boolean available();

    /** The command that builds and tags {@code b.imageName()} from {@code b.contextDir()}. */
    List<String> buildCommand(BuildInvocation b);

    /** The command that pushes the built image to its registry and records its digest. */
    List<String> pushCommand(BuildInvocation b);

    /** Environment variables the tool needs beyond this process's, e.g. {@code DOCKER_BUILDKIT=1}. */
    default Map<String, String> environment(BuildInvocation b) {
        return Map.of();
    }

    /**
     * The pushed digest, from the digest file or the push output, e.g. {@code Optional.of("sha256:3d93...")}.
     *
     * @param pushOutput the push command's output lines
     */
    Optional<String> pushedDigest(BuildInvocation b, List<String> pushOutput);

    /** {@code docker build} with BuildKit, then {@code docker push}. */
    static BuildTool docker() {
        return new OciCliTool(OciCliTool.Kind.DOCKER, StoreOptions.DEFAULT);
    }

    /** {@code podman build}, then {@code podman push}, in the given store. */
    static BuildTool podman(StoreOptions store) {
        return new OciCliTool(OciCliTool.Kind.PODMAN, store);
    }

    /** {@code buildah build --isolation chroot} (works as root without a daemon), then {@code buildah push}. */
    static BuildTool buildah(StoreOptions store) {
        return new OciCliTool(OciCliTool.Kind.BUILDAH, store);
    }

    /**
     * The tool called {@code name} ({@code docker}, {@code podman} or {@code buildah}), e.g. {@code named("buildah", StoreOptions.DEFAULT)}.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    static BuildTool named(String name, StoreOptions store) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "docker": return docker();
            case "podman": return podman(store);
            case "buildah": return buildah(store);
            default:
                throw new IllegalArgumentException("unknown build tool \"" + name + "\"; use docker, podman or buildah"
                        + " (option --tool or " + TOOL_ENV + ")");
        }
    }

    /**
     * The tool to use: the one {@code IMAGESPEC_BUILD_TOOL} names, else the first available of
     * docker (as flytekit uses), podman, buildah. Empty when none is.
     * Example: {@code BuildTool.detect(System.getenv(), StoreOptions.DEFAULT)}.
     */
    static Optional<BuildTool> detect(Map<String, String> environment, StoreOptions store) {
        String named = environment.get(TOOL_ENV);
        if (named != null && !named.isBlank()) {
            return Optional.of(named(named, store));
        }
        for (BuildTool tool : List.of(docker(), podman(store), buildah(store))) {
            if (tool.available()) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }
}
