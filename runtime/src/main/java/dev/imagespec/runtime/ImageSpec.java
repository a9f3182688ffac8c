package dev.imagespec.runtime;

import dev.imagespec.runtime.engine.Flags;
import dev.imagespec.runtime.engine.RealImageNames;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.JsonValues;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.spec.SpecHasher;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.spec.SpecValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The container image a task runs in: flytekit's {@code ImageSpec} as an immutable Java value,
 * with the same fields, defaults and normalizations, and the same {@link #id()}, {@link #tag()} and
 * {@link #imageName()} for the same spec.
 *
 * <pre>{@code
 * ImageSpec spec = ImageSpec.builder().name("trainer").registry("ghcr.io/acme")
 *         .packages("numpy==1.26.4").build();
 * spec.imageName();   // "ghcr.io/acme/trainer:<tag>"
 * }</pre>
 *
 * <p>Every optional field distinguishes unset ({@link Optional#empty()}, Python's {@code None}) from
 * empty ({@code Optional.of(List.of())}, Python's {@code []}), because flytekit hashes them
 * differently. Specs come from the {@link Builder}, from flytekit's YAML ({@link ImageSpecYaml}),
 * or from compiled {@code @ImageSpec} descriptors ({@link ImageSpecs}); all are validated by the same
 * {@link SpecValidator}.
 *
 * @see <a href="https://docs.flyte.org/en/latest/api/flytekit/generated/flytekit.ImageSpec.html">flytekit ImageSpec</a>
 */
public final class ImageSpec {

    /** flytekit's environment variable that forces a push of an image that exists: {@code FLYTE_FORCE_PUSH_IMAGE_SPEC=true}. */
    public static final String FORCE_PUSH_ENV = "FLYTE_FORCE_PUSH_IMAGE_SPEC";
    /** flytekit's environment variable that fails a build whose existence check cannot answer. */
    public static final String FAST_FAIL_ENV = "FLYTE_IMG_FAST_FAIL";
    /** flytekit's environment variable baked into every built image: the spec's {@link #id()}. */
    public static final String IMAGE_ID_ENV = "_F_IMG_ID";
    /** Set by Flyte inside a task execution; {@link #isContainer()} only compares ids when it is set. */
    public static final String EXECUTION_ID_ENV = "FLYTE_INTERNAL_EXECUTION_ID";
    /** flytekit's default image name. */
    public static final String DEFAULT_NAME = "flytekit";
    /** flytekit's default platform. */
    public static final String DEFAULT_PLATFORM = "linux/amd64";

    private final String name;
    private final String pythonVersion;
    private final String builder;
    private final String sourceRoot;
    private final Map<String, String> env;
    private final String registry;
    private final List<String> packages;
    private final List<String> condaPackages;
    private final List<String> condaChannels;
    private final String requirements;
    private final List<String> aptPackages;
    private final String cuda;
    private final String cudnn;
    private final String baseImage;
    private final ImageSpec baseSpec;
    private final String platform;
    private final String pipIndex;
    private final List<String> pipExtraIndexUrl;
    private final List<SecretMount> pipSecretMounts;
    private final String pipExtraArgs;
    private final String registryConfig;
    private final List<String> entrypoint;
    private final List<String> commands;
    private final String tagFormat;
    private final CopyFileDetection sourceCopyMode;
    private final List<String> copy;
    private final String pythonExec;
    private final List<String> runtimePackages;
    private final Map<String, Object> builderOptions;
    private final Map<String, Object> builderConfig;

    // Not flytekit fields: how to find or replace the files the spec names.
    private final Path baseDir;
    private final FileDigests recordedDigests;
    private final String origin;
    private final boolean forcePush;
    private final DigestCache digestCache;
    private final String recordedId;
    private final String recordedTag;

    private volatile String id;
    private volatile String tag;
    private volatile FileDigests fileDigests;

    private ImageSpec(Builder b) {
        name = b.name.toLowerCase(Locale.ROOT);
        pythonVersion = b.pythonVersion;
        builder = b.builder;
        sourceRoot = b.sourceRoot;
        env = frozen(b.env);
        registry = b.registry == null ? null : b.registry.toLowerCase(Locale.ROOT);
        packages = frozen(b.packages);
        condaPackages = frozen(b.condaPackages);
        condaChannels = frozen(b.condaChannels);
        requirements = b.requirements;
        aptPackages = frozen(b.aptPackages);
        cuda = b.cuda;
        cudnn = b.cudnn;
        baseImage = b.baseImage;
        baseSpec = b.baseSpec;
        // flytekit picks linux/arm64 for localhost registries on arm64 hosts; we do not, so that a
        // spec names the same image on every machine (see the README's design notes).
        platform = b.platform == null ? DEFAULT_PLATFORM : b.platform;
        pipIndex = b.pipIndex;
        pipExtraIndexUrl = frozen(b.pipExtraIndexUrl);
        pipSecretMounts = frozen(b.pipSecretMounts);
        pipExtraArgs = b.pipExtraArgs;
        registryConfig = b.registryConfig;
        entrypoint = frozen(b.entrypoint);
        commands = frozen(b.commands);
        tagFormat = b.tagFormat;
        sourceCopyMode = b.sourceRoot != null && b.sourceCopyMode == null
                ? CopyFileDetection.LOADED_MODULES : b.sourceCopyMode;
        copy = frozen(b.copy);
        pythonExec = b.pythonExec;
        runtimePackages = frozen(b.runtimePackages);
        builderOptions = frozenMap(b.builderOptions);
        builderConfig = frozenMap(b.builderConfig);
        baseDir = b.baseDir;
        recordedDigests = b.recordedDigests;
        origin = b.origin;
        forcePush = b.forcePush;
        digestCache = b.digestCache;
        recordedId = b.recordedId;
        recordedTag = b.recordedTag;
    }

    /** A new builder with flytekit's defaults, e.g. {@code ImageSpec.builder().name("x").build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, e.g. {@code spec.toBuilder().cuda("12.1").build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * flytekit's {@code ImageSpec.from_env}: {@code base} with the local Python's {@code major.minor}
     * as its Python version and each of {@code pinnedPackages} pinned to its installed version,
     * appended to {@code base}'s packages. The Python asked is {@code $IMAGESPEC_PYTHON}, else
     * {@code python3}. Example: {@code ImageSpec.fromEnv(List.of("numpy"), ImageSpec.builder().name("etl"))}.
     *
     * @throws IllegalArgumentException if {@code base} sets a Python version (it is inferred)
     */
    public static ImageSpec fromEnv(List<String> pinnedPackages, Builder base) {
        if (base.pythonVersion != null) {
            throw new IllegalArgumentException("pythonVersion \"" + base.pythonVersion + "\" cannot be used with fromEnv,"
                    + " which takes the local Python's version; leave pythonVersion unset");
        }
        List<String> probed = PythonEnvironment.probe(pinnedPackages);
        List<String> packages = base.packages == null ? new ArrayList<>() : new ArrayList<>(base.packages);
        packages.addAll(probed.subList(1, probed.size()));
        return base.pythonVersion(probed.get(0)).packages(packages).build();
    }

    // ---- flytekit fields ------------------------------------------------------------------

    /** Image name, lower-cased, e.g. {@code "trainer"}. */
    public String name() { return name; }
    /** Python version, e.g. {@code Optional.of("3.11")}. */
    public Optional<String> pythonVersion() { return Optional.ofNullable(pythonVersion); }
    /** Builder plug-in name, e.g. {@code Optional.of("default")}. Not hashed. */
    public Optional<String> builderName() { return Optional.ofNullable(builder); }
    /** Source root directory as written, e.g. {@code Optional.of("src/main/python")}. */
    public Optional<String> sourceRoot() { return Optional.ofNullable(sourceRoot); }
    /** Environment variables in order, e.g. {@code Optional.of(Map.of("A", "1"))}. */
    public Optional<Map<String, String>> env() { return Optional.ofNullable(env); }
    /** Registry, lower-cased, e.g. {@code Optional.of("ghcr.io/acme")}. */
    public Optional<String> registry() { return Optional.ofNullable(registry); }
    /** pip packages, e.g. {@code Optional.of(List.of("numpy==1.26.4"))}. */
    public Optional<List<String>> packages() { return Optional.ofNullable(packages); }
    /** conda packages, e.g. {@code Optional.of(List.of("pytorch"))}. */
    public Optional<List<String>> condaPackages() { return Optional.ofNullable(condaPackages); }
    /** conda channels, e.g. {@code Optional.of(List.of("nvidia"))}. */
    public Optional<List<String>> condaChannels() { return Optional.ofNullable(condaChannels); }
    /** Requirements file path as written, e.g. {@code Optional.of("requirements.txt")}. */
    public Optional<String> requirements() { return Optional.ofNullable(requirements); }
    /** apt packages, e.g. {@code Optional.of(List.of("git"))}. */
    public Optional<List<String>> aptPackages() { return Optional.ofNullable(aptPackages); }
    /** CUDA version, e.g. {@code Optional.of("12.1")}. */
    public Optional<String> cuda() { return Optional.ofNullable(cuda); }
    /** cuDNN version, e.g. {@code Optional.of("9")}. */
    public Optional<String> cudnn() { return Optional.ofNullable(cudnn); }
    /** Base image reference, e.g. {@code Optional.of("python:3.11-slim")}; empty when {@link #baseSpec()} is set. */
    public Optional<String> baseImage() { return Optional.ofNullable(baseImage); }
    /** The nested base spec (flytekit's {@code base_image=ImageSpec(...)}), built before this one. */
    public Optional<ImageSpec> baseSpec() { return Optional.ofNullable(baseSpec); }
    /** Platforms, e.g. {@code "linux/amd64"} (the default). */
    public String platform() { return platform; }
    /** pip index URL, e.g. {@code Optional.of("https://pypi.example.com/simple")}. */
    public Optional<String> pipIndex() { return Optional.ofNullable(pipIndex); }
    /** Extra pip index URLs. */
    public Optional<List<String>> pipExtraIndexUrl() { return Optional.ofNullable(pipExtraIndexUrl); }
    /** pip build secrets. Not hashed, never written into the image. */
    public Optional<List<SecretMount>> pipSecretMounts() { return Optional.ofNullable(pipSecretMounts); }
    /** Extra pip arguments, e.g. {@code Optional.of("--no-cache-dir")}. */
    public Optional<String> pipExtraArgs() { return Optional.ofNullable(pipExtraArgs); }
    /** Registry credentials file, e.g. {@code Optional.of("/home/u/.docker/config.json")}. In the id, not the tag. */
    public Optional<String> registryConfig() { return Optional.ofNullable(registryConfig); }
    /** Entrypoint; {@code Optional.of(List.of())} removes the base image's. */
    public Optional<List<String>> entrypoint() { return Optional.ofNullable(entrypoint); }
    /** Build commands, e.g. {@code Optional.of(List.of("mkdir -p /opt/data"))}. */
    public Optional<List<String>> commands() { return Optional.ofNullable(commands); }
    /** Tag format, e.g. {@code Optional.of("{spec_hash}-dev")}. */
    public Optional<String> tagFormat() { return Optional.ofNullable(tagFormat); }
    /** Source copy mode; {@code LOADED_MODULES} when a source root is set without one, as in flytekit. */
    public Optional<CopyFileDetection> sourceCopyMode() { return Optional.ofNullable(sourceCopyMode); }
    /** Files and directories copied into the image, as written, e.g. {@code Optional.of(List.of("conf"))}. */
    public Optional<List<String>> copy() { return Optional.ofNullable(copy); }
    /** Python executable, e.g. {@code Optional.of("/usr/local/bin/python3")}. */
    public Optional<String> pythonExec() { return Optional.ofNullable(pythonExec); }
    /** Packages installed at task start. Not hashed. */
    public Optional<List<String>> runtimePackages() { return Optional.ofNullable(runtimePackages); }
    /** Builder options in order; values are String, Long, Double, Boolean, null, List or Map. */
    public Optional<Map<String, Object>> builderOptions() { return Optional.ofNullable(builderOptions); }
    /** Builder configuration in order, typed like {@link #builderOptions()}. */
    public Optional<Map<String, Object>> builderConfig() { return Optional.ofNullable(builderConfig); }

    // ---- where files are, and what they hashed to ------------------------------------------

    /** Directory the spec's relative paths resolve against; the working directory when empty. */
    public Optional<Path> baseDir() { return Optional.ofNullable(baseDir); }

    /** File digests computed when the spec was compiled (from a descriptor), if any. */
    public Optional<FileDigests> recordedDigests() { return Optional.ofNullable(recordedDigests); }

    /** Where the spec came from, for messages, e.g. {@code "dev.acme.TrainTask"} or {@code "spec.yaml"}. */
    public Optional<String> origin() { return Optional.ofNullable(origin); }

    /** Digests remembered between compiles, consulted before the spec's files are read; set by the processor. */
    public Optional<DigestCache> digestCache() { return Optional.ofNullable(digestCache); }

    /**
     * The file digests {@link #tag()} uses (recorded at compile time, or computed from the files), once
     * per spec: a descriptor and a tag of one spec then read its files once, not twice.
     */
    public FileDigests fileDigests() {
        FileDigests v = fileDigests;
        if (v == null) {
            fileDigests = v = SpecHasher.fileDigestsFor(this);
        }
        return v;
    }

    /** Resolves a path the spec names, e.g. {@code resolve("requirements.txt")}. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p);
    }

    // ---- names ---------------------------------------------------------------------------

    /**
     * flytekit's {@code ImageSpec.id}: the md5 of Python's {@code str()} of the spec's non-None
     * fields (less {@code pip_secret_mounts}, {@code builder}, {@code runtime_packages}), URL-safe
     * base64 without padding, e.g. {@code "fv8aVGdGU6GT1t5W98ZQPA"} for the default spec. No I/O.
     */
    public String id() {
        String v = id;
        if (v == null) {
            // A compiled spec's id is read, not hashed: isContainer() runs at every task start, and
            // MD5 alone loads the security providers.
            id = v = recordedId != null ? recordedId : SpecHasher.id(this);
        }
        return v;
    }

    /**
     * flytekit's {@code ImageSpec.tag}: the id of the spec with its files replaced by their digests,
     * {@code -} replaced by {@code _}, formatted with {@link #tagFormat()}. Uses the digests recorded
     * at compile time when the spec came from a descriptor, and refuses them if the files are here
     * and have changed since ({@link StaleDescriptorException}).
     */
    public String tag() {
        String v = tag;
        if (v == null) {
            tag = v = canUseRecordedTag() ? recordedTag : SpecHasher.tag(this);
        }
        return v;
    }

    /**
     * A descriptor's tag is what hashing this spec gives, unless a file it names has changed (which
     * must be detected) or a base image was renamed by a builder in this JVM. Reusing it keeps the
     * task start-up path free of hashing (MD5 alone loads the security providers).
     */
    private boolean canUseRecordedTag() {
        return recordedTag != null && !namesFilesInChain() && (baseSpec == null || RealImageNames.isEmpty());
    }

    /** Whether this spec or a base spec below it names files: a changed one must be detected, not trusted. */
    private boolean namesFilesInChain() {
        for (ImageSpec s = this; s != null; s = s.baseSpec) {
            if (s.requirements != null && !s.requirements.isEmpty() || s.copy != null && !s.copy.isEmpty()
                    || s.sourceCopyMode != null && s.sourceCopyMode != CopyFileDetection.NO_COPY) {
                return true;
            }
        }
        return false;
    }

    /**
     * The full image name, e.g. {@code "ghcr.io/acme/trainer:PKFKFU8_WPhscRbatoaFag"}, or the name
     * a builder reported for it in this JVM (flytekit's {@code _IMAGE_NAME_TO_REAL_NAME}).
     */
    public String imageName() {
        String computed = computedImageName();
        return RealImageNames.lookup(computed).orElse(computed);
    }

    /** {@code registry/name:tag} as hashed, without the builder's renaming. */
    String computedImageName() {
        String n = name + ":" + tag();
        return registry == null ? n : registry + "/" + n;
    }

    /**
     * flytekit's {@code is_container()}: inside a task execution ({@code FLYTE_INTERNAL_EXECUTION_ID}
     * set), true only when {@code _F_IMG_ID} equals {@link #id()}; outside one, true.
     * Example: {@code if (TrainTask_ImageSpec.spec().isContainer()) { ... }}.
     */
    public boolean isContainer() {
        return isContainer(System.getenv());
    }

    /** {@link #isContainer()} against the given environment, e.g. {@code isContainer(Map.of())}. */
    public boolean isContainer(Map<String, String> environment) {
        if (environment.get(EXECUTION_ID_ENV) == null) {
            return true;
        }
        return id().equals(environment.get(IMAGE_ID_ENV));
    }

    /**
     * flytekit's {@code exist()}: {@code Optional.of(true)} when the image is in its registry (or,
     * without a registry, in the local builder's store), {@code Optional.of(false)} when it is not,
     * empty when that cannot be told (the reason is in {@link #existence()}). Speaks the OCI
     * distribution API directly: no Docker daemon needed. Example: {@code spec.exist().orElse(true)}.
     */
    public Optional<Boolean> exist() {
        return existence().asOptional();
    }

    /** {@link #exist()} with the reason when unknown, e.g. {@code unknown: connection refused}. */
    public dev.imagespec.runtime.registry.Existence existence() {
        return ImageExistence.check(this);
    }

    /** Whether a builder must push even when the image exists ({@link #forcePush()} or {@code FLYTE_FORCE_PUSH_IMAGE_SPEC}). */
    public boolean isForcePush() {
        return forcePush || Flags.isTrue(System.getenv(FORCE_PUSH_ENV));
    }

    // ---- flytekit's with_* builders ---------------------------------------------------------

    /** A new spec with {@code more} appended to {@code packages}, e.g. {@code spec.withPackages("numpy")}. */
    public ImageSpec withPackages(String... more) { return toBuilder().packages(append(packages, more)).build(); }
    /** A new spec with {@code more} appended to {@code commands}. */
    public ImageSpec withCommands(String... more) { return toBuilder().commands(append(commands, more)).build(); }
    /** A new spec with {@code more} appended to {@code apt_packages}. */
    public ImageSpec withAptPackages(String... more) { return toBuilder().aptPackages(append(aptPackages, more)).build(); }
    /** A new spec with {@code more} appended to {@code copy}. */
    public ImageSpec withCopy(String... more) { return toBuilder().copy(append(copy, more)).recordedDigests(null).build(); }
    /** A new spec with {@code more} appended to {@code runtime_packages}. */
    public ImageSpec withRuntimePackages(String... more) { return toBuilder().runtimePackages(append(runtimePackages, more)).build(); }

    /** A new spec with {@code options} merged into {@code builder_options} (Python's {@code dict.update}). */
    public ImageSpec withBuilderOptions(Map<String, ?> options) {
        Map<String, Object> merged = builderOptions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(builderOptions);
        merged.putAll(options);
        return toBuilder().builderOptions(merged).build();
    }

    /** A new spec that builders push even if the image exists, e.g. {@code engine.build(spec.forcePush())}. */
    public ImageSpec forcePush() {
        return toBuilder().forcePush(true).build();
    }

    private static List<String> append(List<String> current, String[] more) {
        List<String> all = current == null ? new ArrayList<>() : new ArrayList<>(current);
        all.addAll(Arrays.asList(more));
        return all;
    }

    // ---- value semantics ----------------------------------------------------------------------

    /** Equal when every flytekit field is equal (like the Python dataclass); where files live is not compared. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ImageSpec s)) {
            return false;
        }
        return fields().equals(s.fields()) && Objects.equals(baseSpec, s.baseSpec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields(), baseSpec);
    }

    private List<Object> fields() {
        return Arrays.asList(name, pythonVersion, builder, sourceRoot, env, registry, packages, condaPackages,
                condaChannels, requirements, aptPackages, cuda, cudnn, baseImage, platform, pipIndex,
                pipExtraIndexUrl, pipSecretMounts, pipExtraArgs, registryConfig, entrypoint, commands, tagFormat,
                sourceCopyMode, copy, pythonExec, runtimePackages, builderOptions, builderConfig);
    }

    /** Like flytekit's repr, less secrets: names the image and the spec's origin, e.g. {@code ImageSpec[trainer, from dev.acme.Train]}. */
    @Override
    public String toString() {
        return "ImageSpec[" + name + (registry == null ? "" : " @ " + registry)
                + (origin == null ? "" : ", from " + origin) + "]";
    }

    private static <T> List<T> frozen(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static Map<String, String> frozen(Map<String, String> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static Map<String, Object> frozenMap(Map<String, Object> map) {
        return map == null ? null : Collections.unmodifiableMap(JsonValues.deepCopy(map));
    }

    /**
     * Builds an {@link ImageSpec}; {@link #build()} validates every field at once and throws
     * {@link InvalidImageSpecException} listing all problems. {@code null} unsets a field.
     *
     * <p>Example: {@code ImageSpec.builder().name("etl").aptPackages("git").env("MODE", "batch").build()}.
     */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String pythonVersion;
        private String builder;
        private String sourceRoot;
        private LinkedHashMap<String, String> env;
        private String registry;
        private List<String> packages;
        private List<String> condaPackages;
        private List<String> condaChannels;
        private String requirements;
        private List<String> aptPackages;
        private String cuda;
        private String cudnn;
        private String baseImage;
        private ImageSpec baseSpec;
        private String platform;
        private String pipIndex;
        private List<String> pipExtraIndexUrl;
        private List<SecretMount> pipSecretMounts;
        private String pipExtraArgs;
        private String registryConfig;
        private List<String> entrypoint;
        private List<String> commands;
        private String tagFormat;
        private CopyFileDetection sourceCopyMode;
        private List<String> copy;
        private String pythonExec;
        private List<String> runtimePackages;
        private Map<String, Object> builderOptions;
        private Map<String, Object> builderConfig;
        private Path baseDir;
        private FileDigests recordedDigests;
        private String origin;
        private boolean forcePush;
        private DigestCache digestCache;
        private String recordedId;
        private String recordedTag;

        private Builder() {}

        private Builder(ImageSpec s) {
            name = s.name;
            pythonVersion = s.pythonVersion;
            builder = s.builder;
            sourceRoot = s.sourceRoot;
            env = s.env == null ? null : new LinkedHashMap<>(s.env);
            registry = s.registry;
            packages = s.packages;
            condaPackages = s.condaPackages;
            condaChannels = s.condaChannels;
            requirements = s.requirements;
            aptPackages = s.aptPackages;
            cuda = s.cuda;
            cudnn = s.cudnn;
            baseImage = s.baseImage;
            baseSpec = s.baseSpec;
            platform = s.platform;
            pipIndex = s.pipIndex;
            pipExtraIndexUrl = s.pipExtraIndexUrl;
            pipSecretMounts = s.pipSecretMounts;
            pipExtraArgs = s.pipExtraArgs;
            registryConfig = s.registryConfig;
            entrypoint = s.entrypoint;
            commands = s.commands;
            tagFormat = s.tagFormat;
            sourceCopyMode = s.sourceCopyMode;
            copy = s.copy;
            pythonExec = s.pythonExec;
            runtimePackages = s.runtimePackages;
            builderOptions = s.builderOptions;
            builderConfig = s.builderConfig;
            baseDir = s.baseDir;
            recordedDigests = s.recordedDigests;
            origin = s.origin;
            forcePush = s.forcePush;
            digestCache = s.digestCache;
        }

        public Builder name(String v) { name = Objects.requireNonNull(v, "name"); return this; }
        public Builder pythonVersion(String v) { pythonVersion = v; return this; }
        public Builder builder(String v) { builder = v; return this; }
        public Builder sourceRoot(String v) { sourceRoot = v; return this; }
        /** Replaces all variables, keeping {@code v}'s iteration order; {@code null} unsets. */
        public Builder env(Map<String, String> v) { env = v == null ? null : new LinkedHashMap<>(noNulls(v)); return this; }
        /** Adds one variable after the others, e.g. {@code env("MODE", "train")}. */
        public Builder env(String key, String value) {
            if (env == null) {
                env = new LinkedHashMap<>();
            }
            env.put(Objects.requireNonNull(key, "env name"), Objects.requireNonNull(value, "env value"));
            return this;
        }
        public Builder registry(String v) { registry = v; return this; }
        public Builder packages(List<String> v) { packages = copyOf(v, "packages"); return this; }
        public Builder packages(String... v) { return packages(Arrays.asList(v)); }
        public Builder condaPackages(List<String> v) { condaPackages = copyOf(v, "conda_packages"); return this; }
        public Builder condaPackages(String... v) { return condaPackages(Arrays.asList(v)); }
        public Builder condaChannels(List<String> v) { condaChannels = copyOf(v, "conda_channels"); return this; }
        public Builder condaChannels(String... v) { return condaChannels(Arrays.asList(v)); }
        public Builder requirements(String v) { requirements = v; return this; }
        public Builder aptPackages(List<String> v) { aptPackages = copyOf(v, "apt_packages"); return this; }
        public Builder aptPackages(String... v) { return aptPackages(Arrays.asList(v)); }
        public Builder cuda(String v) { cuda = v; return this; }
        public Builder cudnn(String v) { cudnn = v; return this; }
        /** A base image reference; clears any {@link #baseSpec(ImageSpec)}. */
        public Builder baseImage(String v) { baseImage = v; if (v != null) { baseSpec = null; } return this; }
        /** A nested base spec; clears any {@link #baseImage(String)}. */
        public Builder baseSpec(ImageSpec v) { baseSpec = v; if (v != null) { baseImage = null; } return this; }
        public Builder platform(String v) { platform = v; return this; }
        public Builder pipIndex(String v) { pipIndex = v; return this; }
        public Builder pipExtraIndexUrl(List<String> v) { pipExtraIndexUrl = copyOf(v, "pip_extra_index_url"); return this; }
        public Builder pipExtraIndexUrl(String... v) { return pipExtraIndexUrl(Arrays.asList(v)); }
        public Builder pipSecretMounts(List<SecretMount> v) { pipSecretMounts = copyOf(v, "pip_secret_mounts"); return this; }
        public Builder pipExtraArgs(String v) { pipExtraArgs = v; return this; }
        public Builder registryConfig(String v) { registryConfig = v; return this; }
        public Builder entrypoint(List<String> v) { entrypoint = copyOf(v, "entrypoint"); return this; }
        public Builder entrypoint(String... v) { return entrypoint(Arrays.asList(v)); }
        public Builder commands(List<String> v) { commands = copyOf(v, "commands"); return this; }
        public Builder commands(String... v) { return commands(Arrays.asList(v)); }
        public Builder tagFormat(String v) { tagFormat = v; return this; }
        public Builder sourceCopyMode(CopyFileDetection v) { sourceCopyMode = v; return this; }
        public Builder copy(List<String> v) { copy = copyOf(v, "copy"); return this; }
        public Builder copy(String... v) { return copy(Arrays.asList(v)); }
        public Builder pythonExec(String v) { pythonExec = v; return this; }
        public Builder runtimePackages(List<String> v) { runtimePackages = copyOf(v, "runtime_packages"); return this; }
        public Builder runtimePackages(String... v) { return runtimePackages(Arrays.asList(v)); }
        /** Typed options (String, integral, floating, Boolean, null, List, Map), in order. */
        public Builder builderOptions(Map<String, ?> v) { builderOptions = v == null ? null : JsonValues.deepCopy(v); return this; }
        /** Typed configuration, like {@link #builderOptions(Map)}. */
        public Builder builderConfig(Map<String, ?> v) { builderConfig = v == null ? null : JsonValues.deepCopy(v); return this; }
        /** Directory relative paths resolve against (a descriptor's project, a YAML file's cwd). */
        public Builder baseDir(Path v) { baseDir = v; return this; }
        /** Digests computed at compile time; used for the tag instead of reading the files. */
        public Builder recordedDigests(FileDigests v) { recordedDigests = v; return this; }
        /** Where the spec came from, for messages, e.g. a class name or a file. */
        public Builder origin(String v) { origin = v; return this; }
        public Builder forcePush(boolean v) { forcePush = v; return this; }
        /** Digests remembered between compiles, e.g. {@code digestCache(DigestCache.load(file))}; null: none. */
        public Builder digestCache(DigestCache v) { digestCache = v; return this; }
        /**
         * The id and tag a descriptor recorded when the spec was compiled: {@link #id()} answers with
         * the id (a pure function of the fields, computed by the same code), and {@link #tag()} with
         * the tag when no file can have changed. Not carried by {@link ImageSpec#toBuilder()}.
         */
        public Builder recorded(String id, String tag) { recordedId = id; recordedTag = tag; return this; }

        /**
         * Every problem the spec would have, of every severity, without building it: for tools that
         * report problems themselves (the processor prints each on its annotation member).
         */
        public List<Problem> validate() {
            return SpecValidator.validate(new ImageSpec(this));
        }

        /** Validates and builds; throws {@link InvalidImageSpecException} listing every problem. */
        public ImageSpec build() {
            ImageSpec spec = new ImageSpec(this);
            List<Problem> errors = SpecValidator.errors(spec);
            if (!errors.isEmpty()) {
                throw new InvalidImageSpecException(spec.origin, errors);
            }
            return spec;
        }

        /**
         * Builds a spec read back from a descriptor without validating it again: the processor wrote
         * the descriptor only after {@link SpecValidator} found no error and no strict problem in these
         * values, and a build checks them once more ({@link SpecValidator#buildBlockers}) before
         * anything runs. Skipping it here keeps the task start-up path ({@code ImageSpecs.of}) lean:
         * the rules' regular expressions cost more than the rest of that path (see
         * the README's Performance section, start-up). Every other spec goes through {@link #build()}.
         */
        public ImageSpec buildCompiled() {
            return new ImageSpec(this);
        }

        private static <T> List<T> copyOf(List<T> v, String field) {
            if (v == null) {
                return null;
            }
            for (T item : v) {
                if (item == null) {
                    throw new IllegalArgumentException(field + " must not contain null: " + v);
                }
            }
            return new ArrayList<>(v);
        }

        private static Map<String, String> noNulls(Map<String, String> v) {
            // a loop, not forEach with a lambda: descriptors with env are read at task start-up
            for (Map.Entry<String, String> e : v.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("env must not contain null names or values");
                }
            }
            return v;
        }
    }
}
