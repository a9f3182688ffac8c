package dev.imagespec.runtime;

import dev.imagespec.runtime.BuildResult.Outcome;
import dev.imagespec.runtime.engine.RealImageNames;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SpecValidator;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import dev.imagespec.runtime.validate.ValidationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * flytekit's {@code ImageBuildEngine}: picks a builder for a spec, asks it whether to build, builds
 * the base spec first, and remembers the name a builder reports so that {@link ImageSpec#imageName()}
 * answers with it afterwards. Each image is built at most once per engine: concurrent calls for the
 * same image name wait for the one build and get its result (a forced push counts as another image).
 *
 * <p>Builders come from {@link #register(String, ImageSpecBuilder, int)} and, for engines made with
 * {@link Builder#discover(ClassLoader)} (such as {@link #shared()}), from {@link ServiceLoader}:
 * {@code default} at priority 1 and {@code noop} at 0, as in flytekit, plus any plug-in jar.
 *
 * <p>Example:
 * <pre>{@code
 * ImageBuildEngine engine = ImageBuildEngine.shared();
 * BuildResult result = engine.build(TrainTask_ImageSpec.spec());
 * result.imageName();   // "ghcr.io/acme/train:PKFKFU8_WPhscRbatoaFag"
 * }</pre>
 *
 * @see <a href="https://docs.flyte.org/en/latest/api/flytekit/generated/flytekit.image_spec.ImageBuildEngine.html">flytekit ImageBuildEngine</a>
 */
public final class ImageBuildEngine {

    private static volatile ImageBuildEngine shared;

    private final Map<String, Registration> builders = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<BuildResult>> builds = new ConcurrentHashMap<>();
    private final Function<ImageSpec, Optional<Boolean>> presence;
    private final Function<ImageSpec, Existence> existence;
    private final BuildListener listener;
    private final Map<String, String> environment;

    /** A registered builder and its rank, e.g. {@code engine.registry().get("default").priority()} is 1. */
    public record Registration(ImageSpecBuilder builder, int priority) {
        public Registration {
            Objects.requireNonNull(builder, "builder");
        }
    }

    /** An engine with no builders, the local existence check, logging, and this process's environment. */
    public ImageBuildEngine() {
        this(builder());
    }

    private ImageBuildEngine(Builder b) {
        presence = b.presence;
        existence = b.existence;
        listener = b.listener;
        environment = Map.copyOf(b.environment);
        if (b.classLoader != null) {
            for (ImageSpecBuilder found : ServiceLoader.load(ImageSpecBuilder.class, b.classLoader)) {
                register(found.type(), found, found.priority());
            }
        }
    }

    /** Options for a new engine, e.g. {@code ImageBuildEngine.builder().presence(spec -> Optional.of(false)).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The JVM's engine, with the builders {@link ServiceLoader} finds on the context class loader;
     * what the CLI and {@code ImageSpec} helpers use. Example: {@code ImageBuildEngine.shared().build(spec)}.
     */
    public static ImageBuildEngine shared() {
        ImageBuildEngine e = shared;
        if (e == null) {
            synchronized (ImageBuildEngine.class) {
                e = shared;
                if (e == null) {
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    shared = e = builder()
                            .discover(cl == null ? ImageBuildEngine.class.getClassLoader() : cl)
                            .build();
                }
            }
        }
        return e;
    }

    /**
     * Registers {@code builder} as {@code type} with {@code priority} (higher wins when a spec names no
     * builder); a later registration of the same type replaces the earlier one, as in flytekit.
     * Example: {@code engine.register("kaniko", new KanikoBuilder(), 7)}.
     */
    public void register(String type, ImageSpecBuilder builder, int priority) {
        Objects.requireNonNull(type, "type");
        synchronized (builders) {
            builders.remove(type);
            builders.put(type, new Registration(builder, priority));
        }
    }

    /** {@link #register(String, ImageSpecBuilder, int)} with flytekit's default priority 5. */
    public void register(String type, ImageSpecBuilder builder) {
        register(type, builder, ImageSpecBuilder.DEFAULT_PRIORITY);
    }

    /** The registered builders by type, in registration order; a snapshot that cannot be changed. */
    public Map<String, Registration> registry() {
        synchronized (builders) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(builders));
        }
    }

    /**
     * The builder for {@code spec}: the one it names ({@link ImageSpec#builderName()}), else the
     * supported one with the highest priority (the first registered among equals).
     *
     * @throws IllegalStateException naming the known builders when the spec names an unknown one or none can run
     */
    public ImageSpecBuilder builderFor(ImageSpec spec) {
        return chooseBuilder(spec).getValue();
    }

    private Map.Entry<String, ImageSpecBuilder> chooseBuilder(ImageSpec spec) {
        Map<String, Registration> known = registry();
        if (spec.builderName().isPresent()) {
            String name = spec.builderName().get();
            Registration r = known.get(name);
            if (r == null) {
                throw new IllegalStateException("image builder \"" + name + "\" of " + describe(spec)
                        + " is not registered; known builders: " + known.keySet()
                        + ". Put the plug-in's jar on the class path, or set builder to one of them");
            }
            return Map.entry(name, r.builder());
        }
        Map.Entry<String, Registration> best = null;
        for (Map.Entry<String, Registration> e : known.entrySet()) {
            if ((best == null || e.getValue().priority() > best.getValue().priority())
                    && e.getValue().builder().supported()) {
                best = e;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no image builder can run here for " + describe(spec) + "; registered: "
                    + known.keySet()
                    + (known.isEmpty()
                            ? " (none: put imagespec-runtime on the class path, or register one)"
                            : " (none is supported here: for \"default\", install buildah, podman or docker)"));
        }
        return Map.entry(best.getKey(), best.getValue().builder());
    }

    /**
     * Builds {@code spec} if its builder says so: base spec first, each image at most once per engine.
     * Refuses specs that cannot be built safely ({@link SpecValidator#buildBlockers}) and compiled
     * specs whose files changed (stale) before anything runs.
     *
     * @throws InvalidImageSpecException listing every problem that blocks the build
     * @throws StaleDescriptorException naming the changed file; recompile
     * @throws ImageBuildException when a build fails, is interrupted, or existence is unknown with fast fail on
     */
    public BuildResult build(ImageSpec spec) {
        // Stale and invalid specs stop here, before any name is computed or any build waited for.
        spec.fileDigests();
        ValidationReport blockers = SpecValidator.buildBlockers(spec.values());
        if (blockers.blocksBuild()) {
            throw new InvalidImageSpecException(spec.origin().orElse(spec.name()), blockers.problems());
        }
        String key = spec.computedImageName();
        // A forced push asks for a build even after this engine skipped the image; flytekit's cache,
        // keyed on spec equality, would answer it with the skip.
        String onceKey = spec.isForcePush() ? key + " (force push)" : key;
        CompletableFuture<BuildResult> mine = new CompletableFuture<>();
        CompletableFuture<BuildResult> running = builds.putIfAbsent(onceKey, mine);
        if (running != null) {
            return await(running, key);
        }
        try {
            BuildResult result = buildOnce(spec, key);
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            // Waiting callers get this failure; later calls try again, as flytekit's cache keeps no failures.
            builds.remove(onceKey, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private BuildResult buildOnce(ImageSpec spec, String key) {
        if (spec.baseSpec().isPresent()) {
            build(spec.baseSpec().get());
        }
        long start = System.nanoTime();
        Map.Entry<String, ImageSpecBuilder> chosen = chooseBuilder(spec);
        String type = chosen.getKey();
        ImageSpecBuilder builder = chosen.getValue();
        if (environment.get(ImageSpec.EXECUTION_ID_ENV) != null) {
            // As flytekit: inside a running task the image already exists; it is the one we run in.
            return new BuildResult(spec.imageName(), Optional.empty(), Outcome.SKIPPED, type, elapsed(start));
        }
        BuildCheck check = existence != null
                ? BuildCheck.withExistence(existence, listener, environment)
                : new BuildCheck(presence, listener, environment);
        if (!builder.shouldBuild(spec, check)) {
            Outcome outcome = check.decision()
                    .filter(d -> d == BuildCheck.Decision.UNKNOWN_ASSUMED_PRESENT)
                    .map(d -> Outcome.ASSUMED_PRESENT)
                    .orElse(Outcome.SKIPPED);
            return new BuildResult(spec.imageName(), Optional.empty(), outcome, type, elapsed(start));
        }
        DigestCapture capture = new DigestCapture(listener);
        Optional<String> reported = builder.buildImage(spec, capture);
        reported.filter(name -> !name.equals(key)).ifPresent(name -> RealImageNames.record(key, name));
        return new BuildResult(
                spec.imageName(),
                Optional.ofNullable(capture.digest),
                Outcome.BUILT,
                type,
                elapsed(start),
                Optional.ofNullable(capture.baseImage),
                Optional.ofNullable(capture.baseDigest));
    }

    private static BuildResult await(CompletableFuture<BuildResult> running, String key) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageBuildException.interrupted("waiting for the build of " + key);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ImageBuildException("the build of " + key + " failed: " + cause, cause);
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String describe(ImageSpec spec) {
        return spec.origin().map(o -> "spec " + o).orElse("image " + spec.name());
    }

    /** Passes everything on and keeps the pushed digest and the base image's for the {@link BuildResult}. */
    private static final class DigestCapture implements BuildListener {
        private final BuildListener delegate;
        private volatile String digest;
        private volatile String baseImage;
        private volatile String baseDigest;

        DigestCapture(BuildListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void output(String line) {
            delegate.output(line);
        }

        @Override
        public void message(String text) {
            delegate.message(text);
        }

        @Override
        public void pushed(String imageName, String pushedDigest) {
            digest = pushedDigest;
            delegate.pushed(imageName, pushedDigest);
        }

        @Override
        public void baseImage(String reference, String digest) {
            baseImage = reference;
            baseDigest = digest;
            delegate.baseImage(reference, digest);
        }
    }

    /**
     * Options of an engine. Example:
     * {@code ImageBuildEngine.builder().discover(getClass().getClassLoader()).listener(System.out::println).build()}.
     */
    public static final class Builder {
        private Function<ImageSpec, Optional<Boolean>> presence = ImageSpec::exist;
        private Function<ImageSpec, Existence> existence = ImageSpec::existence;
        private BuildListener listener = BuildListener.logging();
        private Map<String, String> environment = System.getenv();
        private ClassLoader classLoader;

        private Builder() {}

        /**
         * How to tell whether an image exists: {@code Optional.of(true|false)}, or empty when unknown.
         * {@link ImageSpec#exist()} by default: the spec's registry, or the local builder's store without one.
         */
        public Builder presence(Function<ImageSpec, Optional<Boolean>> v) {
            presence = Objects.requireNonNull(v, "presence");
            existence = null;
            return this;
        }
        /**
         * {@link #presence} with the reason when it cannot tell, which the "could not check" message and the
         * fast-fail error then carry; {@link ImageSpec#existence()} by default.
         */
        public Builder existence(Function<ImageSpec, Existence> v) {
            existence = Objects.requireNonNull(v, "existence");
            return this;
        }
        /** Where progress and tool output go; {@link BuildListener#logging()} by default. */
        public Builder listener(BuildListener v) {
            listener = Objects.requireNonNull(v, "listener");
            return this;
        }
        /** Where {@code FLYTE_IMG_FAST_FAIL} and {@code FLYTE_INTERNAL_EXECUTION_ID} are read; {@code System.getenv()} by default. */
        public Builder environment(Map<String, String> v) {
            environment = Objects.requireNonNull(v, "environment");
            return this;
        }
        /** Also registers the builders {@link ServiceLoader} finds with {@code loader}, at their own priorities. */
        public Builder discover(ClassLoader loader) {
            classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** A new engine with these options, e.g. {@code ImageBuildEngine.builder().build()}. */
        public ImageBuildEngine build() {
            return new ImageBuildEngine(this);
        }
    }

    @Override
    public String toString() {
        return "ImageBuildEngine" + new ArrayList<>(registry().keySet());
    }
}
