package dev.imagespec.builders;

import dev.imagespec.builders.dockerfile.BuildContext;
import dev.imagespec.builders.dockerfile.DockerfileRenderer;
import dev.imagespec.builders.tool.BuildInvocation;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.builders.tool.ToolProcess;
import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecBuilder;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecHasher;
import dev.imagespec.runtime.validate.ValidationReport;
import dev.imagespec.runtime.spec.SpecValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * flytekit's {@code default} builder: renders a Dockerfile ({@link DockerfileRenderer}) into a fresh
 * {@link BuildContext}, builds it with a {@link BuildTool} (docker with BuildKit, podman or buildah),
 * and pushes it to the spec's registry unless {@code FLYTE_PUSH_IMAGE_SPEC} is false. Output streams
 * to the listener line by line; the build directory is deleted afterwards, also on failure and
 * interrupt; a failed build pushes nothing.
 *
 * <p>Before anything runs it refuses: specs with {@link SpecValidator#buildBlockers} problems, specs
 * whose compiled file digests are stale, and fields it cannot honour ({@link DefaultBuilderRules}).
 *
 * <p>Example: {@code DefaultImageBuilder.builder().tool(BuildTool.buildah(store)).build().buildImage(spec, line -> log(line))}.
 */
public final class DefaultImageBuilder implements ImageSpecBuilder {

    /** The name specs select it by. */
    public static final String TYPE = "default";
    /** Its priority, as flytekit registers it. */
    public static final int PRIORITY = 1;
    /** flytekit's switch: {@code FLYTE_PUSH_IMAGE_SPEC=false} builds without pushing. */
    public static final String PUSH_ENV = "FLYTE_PUSH_IMAGE_SPEC";

    private final BuildTool configuredTool;
    private final StoreOptions store;
    private final Map<String, String> environment;
    private final Path tempRoot;
    private final BuildListener listener;
    private volatile Optional<BuildTool> detected;

    /** With the tool from {@code IMAGESPEC_BUILD_TOOL} or the first available; what ServiceLoader makes. */
    public DefaultImageBuilder() {
        this(builder());
    }

    private DefaultImageBuilder(Builder b) {
        configuredTool = b.tool;
        store = b.store;
        environment = Map.copyOf(b.environment);
        tempRoot = b.tempRoot;
        listener = b.listener;
    }

    /** A builder for the options, e.g. {@code DefaultImageBuilder.builder().tool(BuildTool.docker()).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /** True when a build tool is configured or one of docker (daemon up), podman, buildah is installed. */
    @Override
    public boolean supported() {
        return configuredTool != null || environment.containsKey(BuildTool.TOOL_ENV) || tool().isPresent();
    }

    /** The Dockerfile this builder would build for {@code spec}, e.g. for {@code imagespec dockerfile}. */
    public String dockerfile(ImageSpec spec) {
        refuseUnbuildable(spec);
        ValidationReport unsupported = DefaultBuilderRules.check(spec);
        if (unsupported.hasErrors()) {
            throw new InvalidImageSpecException(spec.origin().orElse(spec.name()), unsupported.problems());
        }
        return DockerfileRenderer.render(spec);
    }

    /** Builds with the listener given to {@link Builder#listener(BuildListener)}. */
    @Override
    public Optional<String> buildImage(ImageSpec spec) {
        return buildImage(spec, listener);
    }

    /**
     * Builds (and pushes) {@code spec}, streaming the tool's output to {@code out}.
     *
     * @return empty: the image is named {@link ImageSpec#imageName()}, as in flytekit
     * @throws InvalidImageSpecException naming each field that blocks the build
     * @throws dev.imagespec.runtime.spec.StaleDescriptorException when a compiled spec's files changed
     * @throws ImageBuildException when the tool fails or the thread is interrupted (nothing is pushed)
     */
    @Override
    public Optional<String> buildImage(ImageSpec spec, BuildListener out) {
        long start = System.nanoTime();
        String dockerfile = dockerfile(spec);
        BuildTool tool = requireTool();
        String name = spec.imageName();
        String tag = spec.tag();
        boolean push = spec.registry().isPresent() && pushEnabled();
        try (BuildContext ctx = BuildContext.create(tempRoot, spec, dockerfile)) {
            // flytekit's guard: the files may have changed while they were copied into the context.
            if (!SpecHasher.tag(spec.values()).equals(tag)) {
                throw new ImageBuildException("the files of " + spec.name() + " changed while the build context was"
                        + " made (tag " + tag + " became " + SpecHasher.tag(spec.values()) + "); build again once they are stable");
            }
            BuildInvocation inv = invocation(spec, name, dockerfile, ctx);
            List<String> build = tool.buildCommand(inv);
            out.message("Run command: " + String.join(" ", build));
            ToolProcess.run(build, tool.environment(inv), ctx.toolTemp(), out, tool.name() + " build of " + name);
            Optional<String> digest = Optional.empty();
            if (push) {
                List<String> pushCmd = tool.pushCommand(inv);
                out.message("Run command: " + String.join(" ", pushCmd));
                ToolProcess.Finished pushed = ToolProcess.run(pushCmd, tool.environment(inv), ctx.toolTemp(), out,
                        tool.name() + " push of " + name);
                digest = tool.pushedDigest(inv, pushed.output());
                digest.ifPresent(d -> out.pushed(name, d));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.message("Built " + name + digest.map(d -> " (pushed " + d + ")").orElse(push ? " (pushed)" : " (not pushed)")
                    + " in " + seconds(took));
        }
        return Optional.empty();
    }

    private void refuseUnbuildable(ImageSpec spec) {
        ValidationReport blockers = SpecValidator.buildBlockers(spec.values());
        if (blockers.blocksBuild()) {
            throw new InvalidImageSpecException(spec.origin().orElse(spec.name()), blockers.problems());
        }
        SpecHasher.fileDigestsFor(spec.values());
    }

    private BuildInvocation invocation(ImageSpec spec, String name, String dockerfile, BuildContext ctx) {
        Map<String, Path> secrets = new LinkedHashMap<>();
        List<SecretMount> mounts = spec.pipSecretMounts().orElse(List.of());
        for (int i = 0; i < mounts.size(); i++) {
            secrets.put(DockerfileRenderer.secretId(i), spec.resolve(mounts.get(i).src()).toAbsolutePath());
        }
        boolean pullsOnlyLoopback = fromImages(dockerfile).stream().allMatch(Loopback::isLoopbackImage);
        return new BuildInvocation(name, spec.platform(), ctx.directory(), ctx.dockerfile(), secrets,
                !pullsOnlyLoopback, !Loopback.isLoopbackImage(name),
                spec.registryConfig().map(spec::resolve), ctx.root().resolve("digest"),
                DockerfileRenderer.needsPython(spec) && Loopback.reachesLoopbackPackageSource(spec));
    }

    /** The images the Dockerfile pulls: the word after each {@code FROM}. */
    static List<String> fromImages(String dockerfile) {
        List<String> images = new ArrayList<>();
        dockerfile.lines().filter(l -> l.startsWith("FROM ")).forEach(l -> images.add(l.split(" ")[1]));
        return images;
    }

    private boolean pushEnabled() {
        String v = environment.get(PUSH_ENV);
        // flytekit: anything but "true"/"1" (case-insensitive) turns pushing off; unset means on.
        return v == null || v.toLowerCase(Locale.ROOT).equals("true") || v.equals("1");
    }

    private BuildTool requireTool() {
        return tool().orElseThrow(() -> new ImageBuildException("no build tool found: the default builder needs"
                + " docker (with a running daemon), podman or buildah; install one (e.g. apt-get install buildah)"
                + " or name one with " + BuildTool.TOOL_ENV));
    }

    private Optional<BuildTool> tool() {
        if (configuredTool != null) {
            return Optional.of(configuredTool);
        }
        Optional<BuildTool> t = detected;
        if (t == null) {
            detected = t = BuildTool.detect(environment, store);
        }
        return t;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /**
     * Options of a {@link DefaultImageBuilder}. Example:
     * {@code DefaultImageBuilder.builder().tool(BuildTool.buildah(store)).tempRoot(dir).environment(Map.of()).build()}.
     */
    public static final class Builder {
        private BuildTool tool;
        private StoreOptions store = StoreOptions.DEFAULT;
        private Map<String, String> environment = System.getenv();
        private Path tempRoot;
        private BuildListener listener = BuildListener.logging();

        private Builder() {}

        /** The tool to use, instead of {@code IMAGESPEC_BUILD_TOOL} or detection. */
        public Builder tool(BuildTool v) { tool = v; return this; }
        /** The store podman or buildah use when detected (ignored when {@link #tool} is set). */
        public Builder store(StoreOptions v) { store = Objects.requireNonNull(v, "store"); return this; }
        /** Where {@code IMAGESPEC_BUILD_TOOL} and {@code FLYTE_PUSH_IMAGE_SPEC} are read; {@code System.getenv()} by default. */
        public Builder environment(Map<String, String> v) { environment = Objects.requireNonNull(v, "environment"); return this; }
        /** The directory build directories are made in; the system temp directory by default. */
        public Builder tempRoot(Path v) { tempRoot = v; return this; }
        /** Where output goes when {@link DefaultImageBuilder#buildImage(ImageSpec)} is called without a listener. */
        public Builder listener(BuildListener v) { listener = Objects.requireNonNull(v, "listener"); return this; }

        /** A new builder with these options, e.g. {@code DefaultImageBuilder.builder().build()}. */
        public DefaultImageBuilder build() {
            return new DefaultImageBuilder(this);
        }
    }
}
