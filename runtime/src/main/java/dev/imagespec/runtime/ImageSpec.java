package dev.imagespec.runtime;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.engine.Flags;
import dev.imagespec.runtime.engine.RealImageNames;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.spec.SpecValidator;
import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import dev.imagespec.runtime.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 * or from compiled {@code @ImageSpec} classes ({@link ImageSpecs}: the generated
 * {@code <Task>_ImageSpec}, else the descriptor); all are validated by the same {@link SpecValidator}
 * (compiled ones by the processor).
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
    public static final String DEFAULT_NAME = SpecValues.DEFAULT_NAME;
    /** flytekit's default platform. */
    public static final String DEFAULT_PLATFORM = SpecValues.DEFAULT_PLATFORM;

    // Read from a descriptor by ImageSpecs.of, the values are built when first asked (benign race:
    // equal values), so that a task start that asks only for the names loads no field table.
    private SpecValues values;
    private final Descriptor descriptor;
    private final Path descriptorBaseDir;

    private ImageSpec(SpecValues values) {
        this.values = values;
        this.descriptor = null;
        this.descriptorBaseDir = null;
    }

    private ImageSpec(Descriptor descriptor, Path baseDir) {
        this.descriptor = descriptor;
        this.descriptorBaseDir = baseDir;
    }

    /**
     * The spec holding {@code values}, e.g. {@code ImageSpec.of(descriptor.toValues(dir))}; for this
     * project's readers (generated classes, descriptors, YAML, the processor). Not validated: see
     * {@link Builder#build()}.
     */
    public static ImageSpec of(SpecValues values) {
        return new ImageSpec(values);
    }

    /**
     * The spec a descriptor holds, its fields read when first asked: {@link #id()}, and {@link #tag()}
     * and {@link #imageName()} when the descriptor's are final ({@link Descriptor#namesAreFinal()}),
     * answer from the descriptor alone. A field of the wrong type throws {@link
     * InvalidImageSpecException} naming the descriptor from the first method that needs the fields.
     */
    static ImageSpec of(Descriptor descriptor, Path baseDir) {
        return new ImageSpec(descriptor, baseDir);
    }

    /** The field table behind this spec, for this project's walkers (hashing, mapping, validation). */
    public SpecValues values() {
        SpecValues v = values;
        if (v == null) {
            values = v = descriptor.toValues(descriptorBaseDir);
        }
        return v;
    }

    /** The descriptor this spec was read from, while its fields are unread and its names are final; else null. */
    private Descriptor finalDescriptor() {
        Descriptor d = descriptor;
        return d != null && values == null && d.namesAreFinal() && RealImageNames.keepRecordedTag(d.hasBaseSpec())
                ? d
                : null;
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
        Object pythonVersion = base.values.get(SpecField.PYTHON_VERSION);
        if (pythonVersion != null) {
            throw new IllegalArgumentException("pythonVersion \"" + pythonVersion + "\" cannot be used with fromEnv,"
                    + " which takes the local Python's version; leave pythonVersion unset");
        }
        List<String> probed = PythonEnvironment.probe(pinnedPackages);
        List<String> packages = append(base.values.get(SpecField.PACKAGES), new String[0]);
        packages.addAll(probed.subList(1, probed.size()));
        return base.pythonVersion(probed.get(0)).packages(packages).build();
    }

    // ---- flytekit fields ------------------------------------------------------------------

    /** Image name, lower-cased, e.g. {@code "trainer"}. */
    public String name() {
        return values().name();
    }
    /** Python version, e.g. {@code Optional.of("3.11")}. */
    public Optional<String> pythonVersion() {
        return values().string(SpecField.PYTHON_VERSION);
    }
    /** Builder plug-in name, e.g. {@code Optional.of("default")}. Not hashed. */
    public Optional<String> builderName() {
        return values().string(SpecField.BUILDER);
    }
    /** Source root directory as written, e.g. {@code Optional.of("src/main/python")}. */
    public Optional<String> sourceRoot() {
        return values().string(SpecField.SOURCE_ROOT);
    }
    /** Environment variables in order, e.g. {@code Optional.of(Map.of("A", "1"))}. */
    public Optional<Map<String, String>> env() {
        return values().env();
    }
    /** Registry, lower-cased, e.g. {@code Optional.of("ghcr.io/acme")}. */
    public Optional<String> registry() {
        return values().string(SpecField.REGISTRY);
    }
    /** pip packages, e.g. {@code Optional.of(List.of("numpy==1.26.4"))}. */
    public Optional<List<String>> packages() {
        return values().list(SpecField.PACKAGES);
    }
    /** conda packages, e.g. {@code Optional.of(List.of("pytorch"))}. */
    public Optional<List<String>> condaPackages() {
        return values().list(SpecField.CONDA_PACKAGES);
    }
    /** conda channels, e.g. {@code Optional.of(List.of("nvidia"))}. */
    public Optional<List<String>> condaChannels() {
        return values().list(SpecField.CONDA_CHANNELS);
    }
    /** Requirements file path as written, e.g. {@code Optional.of("requirements.txt")}. */
    public Optional<String> requirements() {
        return values().string(SpecField.REQUIREMENTS);
    }
    /** apt packages, e.g. {@code Optional.of(List.of("git"))}. */
    public Optional<List<String>> aptPackages() {
        return values().list(SpecField.APT_PACKAGES);
    }
    /** CUDA version, e.g. {@code Optional.of("12.1")}. */
    public Optional<String> cuda() {
        return values().string(SpecField.CUDA);
    }
    /** cuDNN version, e.g. {@code Optional.of("9")}. */
    public Optional<String> cudnn() {
        return values().string(SpecField.CUDNN);
    }
    /** Base image reference, e.g. {@code Optional.of("python:3.11-slim")}; empty when {@link #baseSpec()} is set. */
    public Optional<String> baseImage() {
        return values().baseImage();
    }
    /** The nested base spec (flytekit's {@code base_image=ImageSpec(...)}), built before this one. */
    public Optional<ImageSpec> baseSpec() {
        return values().baseSpec().map(ImageSpec::new);
    }
    /** Platforms, e.g. {@code "linux/amd64"} (the default). */
    public String platform() {
        return values().platform();
    }
    /** pip index URL, e.g. {@code Optional.of("https://pypi.example.com/simple")}. */
    public Optional<String> pipIndex() {
        return values().string(SpecField.PIP_INDEX);
    }
    /** Extra pip index URLs. */
    public Optional<List<String>> pipExtraIndexUrl() {
        return values().list(SpecField.PIP_EXTRA_INDEX_URL);
    }
    /** pip build secrets. Not hashed, never written into the image. */
    public Optional<List<SecretMount>> pipSecretMounts() {
        return values().secretMounts();
    }
    /** Extra pip arguments, e.g. {@code Optional.of("--no-cache-dir")}. */
    public Optional<String> pipExtraArgs() {
        return values().string(SpecField.PIP_EXTRA_ARGS);
    }
    /** Registry credentials file, e.g. {@code Optional.of("/home/u/.docker/config.json")}. In the id, not the tag. */
    public Optional<String> registryConfig() {
        return values().string(SpecField.REGISTRY_CONFIG);
    }
    /** Entrypoint; {@code Optional.of(List.of())} removes the base image's. */
    public Optional<List<String>> entrypoint() {
        return values().list(SpecField.ENTRYPOINT);
    }
    /** Build commands, e.g. {@code Optional.of(List.of("mkdir -p /opt/data"))}. */
    public Optional<List<String>> commands() {
        return values().list(SpecField.COMMANDS);
    }
    /** Tag format, e.g. {@code Optional.of("{spec_hash}-dev")}. */
    public Optional<String> tagFormat() {
        return values().string(SpecField.TAG_FORMAT);
    }
    /** Source copy mode; {@code LOADED_MODULES} when a source root is set without one, as in flytekit. */
    public Optional<CopyFileDetection> sourceCopyMode() {
        return values().sourceCopyMode();
    }
    /** Files and directories copied into the image, as written, e.g. {@code Optional.of(List.of("conf"))}. */
    public Optional<List<String>> copy() {
        return values().list(SpecField.COPY);
    }
    /** Python executable, e.g. {@code Optional.of("/usr/local/bin/python3")}. */
    public Optional<String> pythonExec() {
        return values().string(SpecField.PYTHON_EXEC);
    }
    /** Packages installed at task start. Not hashed. */
    public Optional<List<String>> runtimePackages() {
        return values().list(SpecField.RUNTIME_PACKAGES);
    }
    /** Builder options in order; values are String, Long, Double, Boolean, null, List or Map. */
    public Optional<Map<String, Object>> builderOptions() {
        return values().typedMap(SpecField.BUILDER_OPTIONS);
    }
    /** Builder configuration in order, typed like {@link #builderOptions()}. */
    public Optional<Map<String, Object>> builderConfig() {
        return values().typedMap(SpecField.BUILDER_CONFIG);
    }

    // ---- where files are, and what they hashed to ------------------------------------------

    /** Directory the spec's relative paths resolve against; the working directory when empty. */
    public Optional<Path> baseDir() {
        return values().baseDir();
    }

    /** File digests computed when the spec was compiled (from a descriptor), if any. */
    public Optional<FileDigests> recordedDigests() {
        return values().recordedDigests();
    }

    /** Where the spec came from, for messages, e.g. {@code "dev.acme.TrainTask"} or {@code "spec.yaml"}. */
    public Optional<String> origin() {
        return values().origin();
    }

    /** Digests remembered between compiles, consulted before the spec's files are read; set by the processor. */
    public Optional<DigestCache> digestCache() {
        return values().digestCache();
    }

    /**
     * The file digests {@link #tag()} uses (recorded at compile time, or computed from the files), once
     * per spec: a descriptor and a tag of one spec then read its files once, not twice.
     */
    public FileDigests fileDigests() {
        return values().fileDigests();
    }

    /** Resolves a path the spec names, e.g. {@code resolve("requirements.txt")}. */
    public Path resolve(String path) {
        return values().resolve(path);
    }

    // ---- names ---------------------------------------------------------------------------

    /**
     * flytekit's {@code ImageSpec.id}: the md5 of Python's {@code str()} of the spec's non-None
     * fields (less {@code pip_secret_mounts}, {@code builder}, {@code runtime_packages}), URL-safe
     * base64 without padding, e.g. {@code "fv8aVGdGU6GT1t5W98ZQPA"} for the default spec. No I/O.
     */
    public String id() {
        // a descriptor's id is what SpecValues would answer: the recorded one
        return values == null && descriptor != null ? descriptor.id() : values().id();
    }

    /**
     * flytekit's {@code ImageSpec.tag}: the id of the spec with its files replaced by their digests,
     * {@code -} replaced by {@code _}, formatted with {@link #tagFormat()}. Uses the digests recorded
     * at compile time when the spec came from a descriptor, and refuses them if the files are here
     * and have changed since ({@link StaleDescriptorException}).
     */
    public String tag() {
        Descriptor d = finalDescriptor();
        return d != null ? d.tag() : values().tag();
    }

    /**
     * The full image name, e.g. {@code "ghcr.io/acme/trainer:PKFKFU8_WPhscRbatoaFag"}, or the name
     * a builder reported for it in this JVM (flytekit's {@code _IMAGE_NAME_TO_REAL_NAME}).
     */
    public String imageName() {
        Descriptor d = finalDescriptor();
        return d != null ? RealImageNames.lookup(d.imageName()).orElse(d.imageName()) : values().imageName();
    }

    /** {@code registry/name:tag} as hashed, without the builder's renaming. */
    String computedImageName() {
        return values().computedImageName();
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
        return values().forcePush() || Flags.isTrue(System.getenv(FORCE_PUSH_ENV));
    }

    /**
     * Every problem the spec has, of every severity, e.g. a warning for a base image without a tag;
     * builders refuse a spec with {@link SpecValidator#buildBlockers} problems before anything runs.
     */
    public List<Problem> problems() {
        return SpecValidator.validate(values()).problems();
    }

    // ---- flytekit's with_* builders ---------------------------------------------------------

    /** A new spec with {@code more} appended to {@code packages}, e.g. {@code spec.withPackages("numpy")}. */
    public ImageSpec withPackages(String... more) {
        return toBuilder()
                .packages(append(values().get(SpecField.PACKAGES), more))
                .build();
    }
    /** A new spec with {@code more} appended to {@code commands}. */
    public ImageSpec withCommands(String... more) {
        return toBuilder()
                .commands(append(values().get(SpecField.COMMANDS), more))
                .build();
    }
    /** A new spec with {@code more} appended to {@code apt_packages}. */
    public ImageSpec withAptPackages(String... more) {
        return toBuilder()
                .aptPackages(append(values().get(SpecField.APT_PACKAGES), more))
                .build();
    }
    /** A new spec with {@code more} appended to {@code copy}. */
    public ImageSpec withCopy(String... more) {
        return toBuilder()
                .copy(append(values().get(SpecField.COPY), more))
                .recordedDigests(null)
                .build();
    }
    /** A new spec with {@code more} appended to {@code runtime_packages}. */
    public ImageSpec withRuntimePackages(String... more) {
        return toBuilder()
                .runtimePackages(append(values().get(SpecField.RUNTIME_PACKAGES), more))
                .build();
    }

    /** A new spec with {@code options} merged into {@code builder_options} (Python's {@code dict.update}). */
    public ImageSpec withBuilderOptions(Map<String, ?> options) {
        Map<String, Object> merged = new LinkedHashMap<>(builderOptions().orElse(Map.of()));
        merged.putAll(options);
        return toBuilder().builderOptions(merged).build();
    }

    /** A new spec that builders push even if the image exists, e.g. {@code engine.build(spec.forcePush())}. */
    public ImageSpec forcePush() {
        return toBuilder().forcePush(true).build();
    }

    private static List<String> append(Object current, String[] more) {
        List<String> all = new ArrayList<>();
        if (current != null) {
            for (Object o : (List<?>) current) {
                all.add((String) o);
            }
        }
        all.addAll(Arrays.asList(more));
        return all;
    }

    // ---- value semantics ----------------------------------------------------------------------

    /** Equal when every flytekit field is equal (like the Python dataclass); where files live is not compared. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ImageSpec s && values().equals(s.values()));
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    /** Like flytekit's repr, less secrets: names the image and the spec's origin, e.g. {@code ImageSpec[trainer, from dev.acme.Train]}. */
    @Override
    public String toString() {
        try {
            return values().toString();
        } catch (InvalidImageSpecException e) {
            // a damaged descriptor (see of(Descriptor, Path)): still printable, e.g. in the log line about it
            return "ImageSpec[" + descriptor.className() + ", unreadable: " + e.getMessage() + "]";
        }
    }

    /**
     * Builds an {@link ImageSpec}; {@link #build()} validates every field at once and throws
     * {@link InvalidImageSpecException} listing all problems. {@code null} unsets a field.
     *
     * <p>Example: {@code ImageSpec.builder().name("etl").aptPackages("git").env("MODE", "batch").build()}.
     */
    public static final class Builder {
        private final SpecValues.Builder values;

        private Builder() {
            values = SpecValues.builder();
        }

        private Builder(ImageSpec s) {
            values = s.values().toBuilder();
        }

        /**
         * Sets any field from the field table, e.g. {@code set(SpecField.CUDA, "12.1")}; the value must
         * have the field's {@link SpecField#type()}. The named setters below are this for one field.
         */
        public Builder set(SpecField field, Object value) {
            values.set(field, value);
            return this;
        }

        public Builder name(String v) {
            return set(SpecField.NAME, Objects.requireNonNull(v, "name"));
        }

        public Builder pythonVersion(String v) {
            return set(SpecField.PYTHON_VERSION, v);
        }

        public Builder builder(String v) {
            return set(SpecField.BUILDER, v);
        }

        public Builder sourceRoot(String v) {
            return set(SpecField.SOURCE_ROOT, v);
        }
        /** Replaces all variables, keeping {@code v}'s iteration order; {@code null} unsets. */
        public Builder env(Map<String, String> v) {
            return set(SpecField.ENV, v);
        }
        /** Adds one variable after the others, e.g. {@code env("MODE", "train")}. */
        public Builder env(String key, String value) {
            Map<Object, Object> env = new LinkedHashMap<>();
            Object current = values.get(SpecField.ENV);
            if (current != null) {
                env.putAll((Map<?, ?>) current);
            }
            env.put(Objects.requireNonNull(key, "env name"), Objects.requireNonNull(value, "env value"));
            return set(SpecField.ENV, env);
        }

        public Builder registry(String v) {
            return set(SpecField.REGISTRY, v);
        }

        public Builder packages(List<String> v) {
            return set(SpecField.PACKAGES, v);
        }

        public Builder packages(String... v) {
            return packages(Arrays.asList(v));
        }

        public Builder condaPackages(List<String> v) {
            return set(SpecField.CONDA_PACKAGES, v);
        }

        public Builder condaPackages(String... v) {
            return condaPackages(Arrays.asList(v));
        }

        public Builder condaChannels(List<String> v) {
            return set(SpecField.CONDA_CHANNELS, v);
        }

        public Builder condaChannels(String... v) {
            return condaChannels(Arrays.asList(v));
        }

        public Builder requirements(String v) {
            return set(SpecField.REQUIREMENTS, v);
        }

        public Builder aptPackages(List<String> v) {
            return set(SpecField.APT_PACKAGES, v);
        }

        public Builder aptPackages(String... v) {
            return aptPackages(Arrays.asList(v));
        }

        public Builder cuda(String v) {
            return set(SpecField.CUDA, v);
        }

        public Builder cudnn(String v) {
            return set(SpecField.CUDNN, v);
        }
        /** A base image reference; replaces any {@link #baseSpec(ImageSpec)}. */
        public Builder baseImage(String v) {
            return v != null || values.get(SpecField.BASE_IMAGE) instanceof String
                    ? set(SpecField.BASE_IMAGE, v)
                    : this;
        }
        /** A nested base spec; replaces any {@link #baseImage(String)}. */
        public Builder baseSpec(ImageSpec v) {
            return v != null
                    ? set(SpecField.BASE_IMAGE, v.values())
                    : values.get(SpecField.BASE_IMAGE) instanceof SpecValues ? set(SpecField.BASE_IMAGE, null) : this;
        }

        public Builder platform(String v) {
            return set(SpecField.PLATFORM, v);
        }

        public Builder pipIndex(String v) {
            return set(SpecField.PIP_INDEX, v);
        }

        public Builder pipExtraIndexUrl(List<String> v) {
            return set(SpecField.PIP_EXTRA_INDEX_URL, v);
        }

        public Builder pipExtraIndexUrl(String... v) {
            return pipExtraIndexUrl(Arrays.asList(v));
        }

        public Builder pipSecretMounts(List<SecretMount> v) {
            return set(SpecField.PIP_SECRET_MOUNTS, v);
        }

        public Builder pipExtraArgs(String v) {
            return set(SpecField.PIP_EXTRA_ARGS, v);
        }

        public Builder registryConfig(String v) {
            return set(SpecField.REGISTRY_CONFIG, v);
        }

        public Builder entrypoint(List<String> v) {
            return set(SpecField.ENTRYPOINT, v);
        }

        public Builder entrypoint(String... v) {
            return entrypoint(Arrays.asList(v));
        }

        public Builder commands(List<String> v) {
            return set(SpecField.COMMANDS, v);
        }

        public Builder commands(String... v) {
            return commands(Arrays.asList(v));
        }

        public Builder tagFormat(String v) {
            return set(SpecField.TAG_FORMAT, v);
        }

        public Builder sourceCopyMode(CopyFileDetection v) {
            return set(SpecField.SOURCE_COPY_MODE, v);
        }

        public Builder copy(List<String> v) {
            return set(SpecField.COPY, v);
        }

        public Builder copy(String... v) {
            return copy(Arrays.asList(v));
        }

        public Builder pythonExec(String v) {
            return set(SpecField.PYTHON_EXEC, v);
        }

        public Builder runtimePackages(List<String> v) {
            return set(SpecField.RUNTIME_PACKAGES, v);
        }

        public Builder runtimePackages(String... v) {
            return runtimePackages(Arrays.asList(v));
        }
        /** Typed options (String, integral, floating, Boolean, null, List, Map), in order. */
        public Builder builderOptions(Map<String, ?> v) {
            return set(SpecField.BUILDER_OPTIONS, v);
        }
        /** Typed configuration, like {@link #builderOptions(Map)}. */
        public Builder builderConfig(Map<String, ?> v) {
            return set(SpecField.BUILDER_CONFIG, v);
        }
        /** Directory relative paths resolve against (a descriptor's project, a YAML file's cwd). */
        public Builder baseDir(Path v) {
            values.baseDir(v);
            return this;
        }
        /** Digests computed at compile time; used for the tag instead of reading the files. */
        public Builder recordedDigests(FileDigests v) {
            values.recordedDigests(v);
            return this;
        }
        /** Where the spec came from, for messages, e.g. a class name or a file. */
        public Builder origin(String v) {
            values.origin(v);
            return this;
        }

        public Builder forcePush(boolean v) {
            values.forcePush(v);
            return this;
        }
        /** Digests remembered between compiles, e.g. {@code digestCache(DigestCache.load(file))}; null: none. */
        public Builder digestCache(DigestCache v) {
            values.digestCache(v);
            return this;
        }
        /**
         * The id and tag a descriptor recorded when the spec was compiled: {@link #id()} answers with
         * the id (a pure function of the fields, computed by the same code), and {@link #tag()} with
         * the tag when no file can have changed. Not carried by {@link ImageSpec#toBuilder()}.
         */
        public Builder recorded(String id, String tag) {
            values.recorded(id, tag);
            return this;
        }

        /**
         * Every problem the spec would have, of every severity, without building it: for tools that
         * report problems themselves (the processor prints each on its annotation member).
         */
        public List<Problem> validate() {
            return SpecValidator.validate(values.build()).problems();
        }

        /**
         * Validates and builds; throws {@link InvalidImageSpecException} listing every ERROR any rule
         * found ({@link SpecValidator#errors}): what flytekit rejects too. STRICT problems still build.
         */
        public ImageSpec build() {
            SpecValues spec = values.build();
            dev.imagespec.runtime.validate.ValidationReport errors = SpecValidator.errors(spec);
            if (errors.hasErrors()) {
                throw new InvalidImageSpecException(spec.origin().orElse(null), errors.errors());
            }
            return new ImageSpec(spec);
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
            return new ImageSpec(values.build());
        }
    }
}
