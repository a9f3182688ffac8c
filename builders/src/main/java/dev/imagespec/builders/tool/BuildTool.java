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

    /**
     * One command of a build or a push. A step that {@code mayFail} prepares (e.g. removes a stale
     * manifest list of the same name) and its exit code is not checked; any other failing step ends the build.
     *
     * @param command the command line, e.g. {@code [buildah, build, ...]}
     * @param mayFail whether a non-zero exit is expected and ignored
     */
    record Step(List<String> command, boolean mayFail) {
        public Step {
            command = List.copyOf(command);
        }

        /** A step whose failure ends the build. */
        public static Step of(List<String> command) {
            return new Step(command, false);
        }
    }

    /**
     * Which tool {@link #detectExplained} chose and why, in one line for the build log, e.g.
     * {@code "buildah (docker: no daemon answers `docker info`; buildah 1.28.2: ready)"}.
     *
     * @param tool the chosen tool; empty when none can build here
     * @param reason what was probed and what each probe said
     */
    record Detection(Optional<BuildTool> tool, String reason) {}

    /** The tool's name, e.g. {@code "buildah"}. */
    String name();

    /** Whether it is installed and ready (for docker: the daemon answers), e.g. {@code BuildTool.docker().available()}. */
    default boolean available() {
        return probe().isEmpty();
    }

    /**
     * Why the tool cannot build here, e.g. {@code Optional.of("not installed")}; empty when it can. A quick
     * check (its version and {@code info}, which opens its store; for docker, that a daemon answers).
     */
    Optional<String> probe();

    /** The command that builds and tags {@code b.imageName()} from {@code b.contextDir()} (the main one of {@link #buildSteps}). */
    List<String> buildCommand(BuildInvocation b);

    /** The command that pushes the built image to its registry and records its digest; empty when the build pushed. */
    List<String> pushCommand(BuildInvocation b);

    /** Every command of the build, in order: for several platforms one build per platform into one manifest list. */
    default List<Step> buildSteps(BuildInvocation b) {
        return List.of(Step.of(buildCommand(b)));
    }

    /** Every command of the push, in order; empty when the build itself pushed. */
    default List<Step> pushSteps(BuildInvocation b) {
        List<String> push = pushCommand(b);
        return push.isEmpty() ? List.of() : List.of(Step.of(push));
    }

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

    /**
     * {@code docker build} with BuildKit, then {@code docker push}; for several platforms or a layer cache
     * {@code docker buildx build ... --push}.
     */
    static BuildTool docker() {
        return new OciCliTool(OciCliTool.Kind.DOCKER, StoreOptions.DEFAULT);
    }

    /** {@code podman build --isolation chroot} (no OCI runtime needed), then {@code podman push}, in the given store. */
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
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "docker" -> docker();
            case "podman" -> podman(store);
            case "buildah" -> buildah(store);
            default ->
                throw new IllegalArgumentException("unknown build tool \"" + name + "\"; use docker, podman or buildah"
                        + " (option --tool or " + TOOL_ENV + ")");
        };
    }

    /**
     * The tool to use: the one {@code IMAGESPEC_BUILD_TOOL} names, else the first that can build here of
     * docker (as flytekit uses; only when its daemon answers), buildah, podman. Empty when none can.
     * Example: {@code BuildTool.detect(System.getenv(), StoreOptions.DEFAULT)}.
     */
    static Optional<BuildTool> detect(Map<String, String> environment, StoreOptions store) {
        return detectExplained(environment, store).tool();
    }

    /**
     * As {@link #detect}, saying which tool and why. buildah comes before podman: both build with the
     * same engine and {@code --isolation chroot} here, and buildah needs neither conmon nor an OCI
     * runtime, so an installed podman never wins over a working buildah. Example:
     * {@code BuildTool.detectExplained(System.getenv(), store).reason()}.
     */
    static Detection detectExplained(Map<String, String> environment, StoreOptions store) {
        return detectExplained(environment, List.of(docker(), buildah(store), podman(store)));
    }

    /** {@link #detectExplained(Map, StoreOptions)} over the given candidates, in order (for tests). */
    static Detection detectExplained(Map<String, String> environment, List<BuildTool> candidates) {
        String named = environment.get(TOOL_ENV);
        if (named != null && !named.isBlank()) {
            BuildTool tool = candidates.stream()
                    .filter(t -> t.name().equals(named.trim().toLowerCase(java.util.Locale.ROOT)))
                    .findFirst()
                    .orElseGet(() -> named(named, StoreOptions.DEFAULT));
            return new Detection(Optional.of(tool), tool.name() + " (named by " + TOOL_ENV + ")");
        }
        List<String> said = new java.util.ArrayList<>();
        for (BuildTool tool : candidates) {
            Optional<String> failure = tool.probe();
            if (failure.isEmpty()) {
                said.add(tool.name() + ": ready");
                return new Detection(Optional.of(tool), tool.name() + " (" + String.join("; ", said) + ")");
            }
            said.add(tool.name() + ": " + failure.get());
        }
        return new Detection(Optional.empty(), "no build tool can build here (" + String.join("; ", said) + ")");
    }
}
