package dev.imagespec.builders;

import dev.imagespec.builders.dockerfile.BuildContext;
import dev.imagespec.builders.dockerfile.DockerfileRenderer;
import dev.imagespec.builders.tool.BuildInvocation;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.BuildWorkspace;
import dev.imagespec.builders.tool.ContextFiles;
import dev.imagespec.builders.tool.ForeignPlatforms;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.builders.tool.ToolProcess;
import dev.imagespec.runtime.BuildCheck;
import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecBuilder;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecHasher;
import dev.imagespec.runtime.spec.SpecValidator;
import dev.imagespec.runtime.validate.ValidationReport;
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
 * to the listener line by line; the build directory is deleted afterwards, also on failure,
 * interrupt and SIGTERM (see {@link BuildWorkspace}); a failed build pushes nothing.
 *
 * <p>A spec of several platforms ({@code platform = "linux/amd64,linux/arm64"}) becomes one image per
 * platform under one manifest list (an OCI index) pushed under its tag. Builds are reproducible: every
 * time in the image is {@code SOURCE_DATE_EPOCH} (0 when unset) and the context's file modes are
 * normalized ({@link ContextFiles}), so the same spec and files give the same digest. The base image's
 * registry digest is asked before the build and reported ({@link BuildListener#baseImage}); a base that
 * names a tag, not a digest, gets a warning naming the digest used. Builds of one image on one machine
 * wait for each other (a lock per image); one that waited and then finds the image present skips it.
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
    /** The reproducible-builds variable: the epoch second every time in the image is set to; 0 when unset. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    /** The image lock {@link #shouldBuild(ImageSpec, BuildCheck)} took, handed to {@link #buildImage(ImageSpec, BuildListener)} on the same thread. */
    private static final ThreadLocal<HeldLock> HELD = new ThreadLocal<>();

    private record HeldLock(String imageName, BuildWorkspace.ImageLock lock) {}

    private final BuildTool configuredTool;
    private final StoreOptions store;
    private final Map<String, String> environment;
    private final Path tempRoot;
    private final BuildListener listener;
    private final Optional<String> cacheFrom;
    private final Optional<String> cacheTo;
    private volatile BuildTool.Detection detected;
    private volatile boolean toolAnnounced;

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
        cacheFrom = Optional.ofNullable(b.cacheFrom);
        cacheTo = Optional.ofNullable(b.cacheTo);
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
     * flytekit's rules ({@link BuildCheck}), then, for a build, the image's lock on this machine: when
     * another build held it, or pushed the image under it before, the registry is asked again and an
     * image that is there now is skipped. The lock is held until {@link #buildImage(ImageSpec, BuildListener)}
     * on the same thread ends.
     */
    @Override
    public boolean shouldBuild(ImageSpec spec, BuildCheck check) {
        if (!check.shouldBuild(spec)) {
            return false;
        }
        releaseHeld();
        String name = spec.imageName();
        BuildWorkspace.ImageLock lock = workspace().lock(name, listener::message);
        if (!spec.isForcePush() && (lock.waited() || lock.pushedBefore()) && presentNow(spec)) {
            lock.close();
            listener.message("Image " + name + " was built by another build on this machine meanwhile. Skip building.");
            return false;
        }
        HELD.set(new HeldLock(name, lock));
        return true;
    }

    private static boolean presentNow(ImageSpec spec) {
        Existence now = ImageExistence.check(spec);
        return now.isPresent();
    }

    private static void releaseHeld() {
        HeldLock held = HELD.get();
        if (held != null) {
            HELD.remove();
            held.lock().close();
        }
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
        HeldLock held = HELD.get();
        HELD.remove();
        BuildWorkspace.ImageLock lock = null;
        try {
            if (held != null && held.imageName().equals(spec.imageName())) {
                lock = held.lock();
            } else if (held != null) {
                held.lock().close();
            }
            String dockerfile = dockerfile(spec);
            BuildTool tool = requireTool(out);
            BuildWorkspace ws = workspace();
            List<Path> swept = ws.sweep();
            if (!swept.isEmpty()) {
                out.message("Removed " + swept.size() + " build director" + (swept.size() == 1 ? "y" : "ies")
                        + " of stopped processes from " + ws.root());
            }
            if (lock == null) {
                lock = ws.lock(spec.imageName(), out::message);
            }
            build(spec, dockerfile, tool, ws, lock, out);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
        return Optional.empty();
    }

    private void build(
            ImageSpec spec,
            String dockerfile,
            BuildTool tool,
            BuildWorkspace ws,
            BuildWorkspace.ImageLock lock,
            BuildListener out) {
        long start = System.nanoTime();
        String name = spec.imageName();
        String tag = spec.tag();
        boolean push = spec.registry().isPresent() && pushEnabled();
        List<String> platforms = BuildInvocation.platforms(spec.platform());
        if (dockerfile.lines().anyMatch(l -> l.startsWith("RUN "))) {
            List<String> missing = ForeignPlatforms.missingEmulators(platforms);
            if (!missing.isEmpty()) {
                out.message("Warning: " + ForeignPlatforms.advice(missing));
            }
        }
        String base = DockerfileRenderer.baseImage(spec);
        baseDigest(spec, base, out);
        Path dir = ws.newBuildDirectory();
        try (BuildContext ctx = BuildContext.create(dir, spec, dockerfile)) {
            // flytekit's guard: the files may have changed while they were copied into the context.
            if (!SpecHasher.tag(spec.values()).equals(tag)) {
                throw new ImageBuildException(
                        "the files of " + spec.name() + " changed while the build context was" + " made (tag " + tag
                                + " became " + SpecHasher.tag(spec.values()) + "); build again once they are stable");
            }
            long timestamp = timestamp();
            ContextFiles.normalize(ctx.directory(), timestamp);
            BuildInvocation inv = invocation(spec, name, dockerfile, ctx, timestamp, push);
            List<String> lastOutput = List.of();
            for (BuildTool.Step step : tool.buildSteps(inv)) {
                lastOutput = runStep(tool, inv, ctx, step, out, tool.name() + " build of " + name);
            }
            Optional<String> digest = Optional.empty();
            if (push) {
                for (BuildTool.Step step : tool.pushSteps(inv)) {
                    lastOutput = runStep(tool, inv, ctx, step, out, tool.name() + " push of " + name);
                }
                digest = tool.pushedDigest(inv, lastOutput);
                digest.ifPresent(d -> out.pushed(name, d));
                lock.recordPushed(name, digest.orElse(null));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.message("Built " + name + (platforms.size() > 1 ? " for " + String.join(", ", platforms) : "")
                    + digest.map(d -> " (pushed " + d + ")").orElse(push ? " (pushed)" : " (not pushed)")
                    + " in " + seconds(took));
        } finally {
            BuildWorkspace.remove(dir);
        }
    }

    private static List<String> runStep(
            BuildTool tool,
            BuildInvocation inv,
            BuildContext ctx,
            BuildTool.Step step,
            BuildListener out,
            String what) {
        out.message("Run command: " + String.join(" ", step.command()));
        return ToolProcess.run(
                        step.command(),
                        tool.environment(inv),
                        ctx.toolTemp(),
                        step.mayFail() ? BuildListener.NONE : out,
                        what,
                        !step.mayFail())
                .output();
    }

    /** Asks the base image's registry for its digest and reports it; warns when the base names a tag that can move. */
    private static void baseDigest(ImageSpec spec, String base, BuildListener out) {
        Existence e = BaseImageDigest.of(spec, base);
        if (e.isPresent() && e.digest().isPresent()) {
            String digest = e.digest().get();
            out.baseImage(base, digest);
            if (!BaseImageDigest.isPinned(base) && spec.baseSpec().isEmpty()) {
                out.message("Warning: base image " + base + " names a tag, which can move; this build uses " + base
                        + "@" + digest + ". Set baseImage to \"" + base + "@" + digest
                        + "\" to build from it every time");
            }
        } else {
            out.message("Warning: the digest of base image " + base + " could not be asked of its registry (" + e
                    + "); the build result records no base_digest");
        }
    }

    /** {@code SOURCE_DATE_EPOCH} when it is a number of seconds, else 0. */
    private long timestamp() {
        String v = environment.get(SOURCE_DATE_EPOCH);
        if (v != null) {
            try {
                long t = Long.parseLong(v.trim());
                if (t >= 0) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // not a number: as unset
            }
        }
        return 0;
    }

    private BuildWorkspace workspace() {
        return BuildWorkspace.at(tempRoot != null ? tempRoot : BuildWorkspace.defaultRoot());
    }

    private void refuseUnbuildable(ImageSpec spec) {
        ValidationReport blockers = SpecValidator.buildBlockers(spec.values());
        if (blockers.blocksBuild()) {
            throw new InvalidImageSpecException(spec.origin().orElse(spec.name()), blockers.problems());
        }
        SpecHasher.fileDigestsFor(spec.values());
    }

    private BuildInvocation invocation(
            ImageSpec spec, String name, String dockerfile, BuildContext ctx, long timestamp, boolean push) {
        Map<String, Path> secrets = new LinkedHashMap<>();
        List<SecretMount> mounts = spec.pipSecretMounts().orElse(List.of());
        for (int i = 0; i < mounts.size(); i++) {
            secrets.put(
                    DockerfileRenderer.secretId(i),
                    spec.resolve(mounts.get(i).src()).toAbsolutePath());
        }
        List<String> pulled = new ArrayList<>(fromImages(dockerfile));
        cacheFrom.ifPresent(pulled::add);
        cacheTo.ifPresent(pulled::add);
        boolean pullsOnlyLoopback = pulled.stream().allMatch(Loopback::isLoopbackImage);
        return new BuildInvocation(
                name,
                spec.platform(),
                ctx.directory(),
                ctx.dockerfile(),
                secrets,
                !pullsOnlyLoopback,
                !Loopback.isLoopbackImage(name),
                spec.registryConfig().map(spec::resolve),
                ctx.root().resolve("digest"),
                cacheFrom,
                cacheTo,
                timestamp,
                push,
                DockerfileRenderer.needsPython(spec) && Loopback.reachesLoopbackPackageSource(spec));
    }

    /** The images the Dockerfile pulls: the word after each {@code FROM}. */
    static List<String> fromImages(String dockerfile) {
        List<String> images = new ArrayList<>();
        dockerfile.lines().filter(l -> l.startsWith("FROM ")).forEach(l -> images.add(l.split(" ", -1)[1]));
        return images;
    }

    private boolean pushEnabled() {
        String v = environment.get(PUSH_ENV);
        // flytekit: anything but "true"/"1" (case-insensitive) turns pushing off; unset means on.
        return v == null || v.toLowerCase(Locale.ROOT).equals("true") || v.equals("1");
    }

    private BuildTool requireTool(BuildListener out) {
        BuildTool.Detection d = detection();
        BuildTool tool = d.tool()
                .orElseThrow(() -> new ImageBuildException("no build tool found: the default builder needs"
                        + " docker (with a running daemon), buildah or podman; install one (e.g. apt-get install buildah)"
                        + " or name one with " + BuildTool.TOOL_ENV + ": " + d.reason()));
        if (!toolAnnounced) {
            toolAnnounced = true;
            out.message("Build tool: " + d.reason());
        }
        return tool;
    }

    private Optional<BuildTool> tool() {
        return detection().tool();
    }

    private BuildTool.Detection detection() {
        if (configuredTool != null) {
            return new BuildTool.Detection(Optional.of(configuredTool), configuredTool.name() + " (configured)");
        }
        BuildTool.Detection d = detected;
        if (d == null) {
            detected = d = BuildTool.detectExplained(environment, store);
        }
        return d;
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
        private String cacheFrom;
        private String cacheTo;

        private Builder() {}

        /** The tool to use, instead of {@code IMAGESPEC_BUILD_TOOL} or detection. */
        public Builder tool(BuildTool v) {
            tool = v;
            return this;
        }
        /** The store podman or buildah use when detected (ignored when {@link #tool} is set). */
        public Builder store(StoreOptions v) {
            store = Objects.requireNonNull(v, "store");
            return this;
        }
        /** Where {@code IMAGESPEC_BUILD_TOOL} and {@code FLYTE_PUSH_IMAGE_SPEC} are read; {@code System.getenv()} by default. */
        public Builder environment(Map<String, String> v) {
            environment = Objects.requireNonNull(v, "environment");
            return this;
        }
        /** The directory build directories are made in; the system temp directory by default. */
        public Builder tempRoot(Path v) {
            tempRoot = v;
            return this;
        }
        /** Where output goes when {@link DefaultImageBuilder#buildImage(ImageSpec)} is called without a listener. */
        public Builder listener(BuildListener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }
        /**
         * A repository to take cached layers from, e.g. {@code "ghcr.io/acme/cache"} (buildah's and podman's
         * {@code --layers --cache-from}, docker's {@code --cache-from type=registry,ref=...}); null for none.
         */
        public Builder cacheFrom(String repository) {
            cacheFrom = cacheRepository(repository, "cacheFrom");
            return this;
        }
        /** A repository to store the build's layers in for later builds ({@code --cache-to}); null for none. */
        public Builder cacheTo(String repository) {
            cacheTo = cacheRepository(repository, "cacheTo");
            return this;
        }

        private static String cacheRepository(String repository, String what) {
            if (repository == null || repository.isBlank()) {
                return null;
            }
            String r = repository.trim();
            if (!dev.imagespec.builders.dockerfile.DockerfileSyntax.IMAGE_REFERENCE
                            .matcher(r)
                            .matches()
                    || r.contains("@")) {
                throw new IllegalArgumentException(what + " \"" + repository + "\" is not a repository; write one like"
                        + " \"ghcr.io/acme/cache\" (no digest: the tool tags each cached layer)");
            }
            return r;
        }

        /** A new builder with these options, e.g. {@code DefaultImageBuilder.builder().build()}. */
        public DefaultImageBuilder build() {
            return new DefaultImageBuilder(this);
        }
    }
}
