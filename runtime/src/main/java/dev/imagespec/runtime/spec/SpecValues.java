package dev.imagespec.runtime.spec;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.engine.RealImageNames;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.validate.Messages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values of one spec, held in the {@link SpecField} table (one slot per field, {@code null} for
 * Python's {@code None}), with where its files are and what a descriptor recorded for it. Immutable;
 * the {@code dev.imagespec.runtime.ImageSpec} façade wraps one. Its id, tag and file digests are
 * computed once, on first use.
 *
 * <p>Example: {@code SpecValues.builder().set(SpecField.PACKAGES, List.of("numpy")).build().id()}.
 */
// One slot per field, indexed by ordinal: the table's order is flytekit's, and an array is what the
// hasher and the start-up path can walk without boxing or an EnumMap's extra classes.
@SuppressWarnings("EnumOrdinal")
public final class SpecValues {
    /** flytekit's default image name. */
    public static final String DEFAULT_NAME = "flytekit";
    /** flytekit's default platform. */
    public static final String DEFAULT_PLATFORM = "linux/amd64";

    private static final SpecField[] FIELDS = SpecField.values();

    private final Object[] values;
    // Not flytekit fields: how to find the files the spec names, and what a descriptor recorded.
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

    private SpecValues(Builder b) {
        values = b.values.clone();
        Object name = values[SpecField.NAME.ordinal()];
        values[SpecField.NAME.ordinal()] = ((String) (name == null ? DEFAULT_NAME : name)).toLowerCase(Locale.ROOT);
        Object registry = values[SpecField.REGISTRY.ordinal()];
        if (registry != null) {
            values[SpecField.REGISTRY.ordinal()] = ((String) registry).toLowerCase(Locale.ROOT);
        }
        // flytekit picks linux/arm64 for localhost registries on arm64 hosts; we do not, so that a
        // spec names the same image on every machine (see the README's design notes).
        if (values[SpecField.PLATFORM.ordinal()] == null) {
            values[SpecField.PLATFORM.ordinal()] = DEFAULT_PLATFORM;
        }
        if (values[SpecField.SOURCE_ROOT.ordinal()] != null && values[SpecField.SOURCE_COPY_MODE.ordinal()] == null) {
            values[SpecField.SOURCE_COPY_MODE.ordinal()] = CopyFileDetection.LOADED_MODULES;
        }
        baseDir = b.baseDir;
        recordedDigests = b.recordedDigests;
        origin = b.origin;
        forcePush = b.forcePush;
        digestCache = b.digestCache;
        recordedId = b.recordedId;
        recordedTag = b.recordedTag;
    }

    /** A builder with every field unset, e.g. {@code SpecValues.builder().set(SpecField.CUDA, "12.1")}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An unmodifiable map of alternating keys and values, in that order, e.g.
     * {@code orderedMap("MODE", "train", "LEVEL", "2")}: how the generated {@code <Task>_ImageSpec}
     * writes {@code env} and typed options ({@code Map.of} keeps no order, and refuses null values).
     *
     * @throws IllegalArgumentException if a key is missing its value, or is not a string
     */
    public static Map<String, Object> orderedMap(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "orderedMap takes keys and values in pairs, not " + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("orderedMap keys must be strings, not " + keysAndValues[i]);
            }
            map.put(key, keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** A builder holding these values (not the recorded id and tag). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // ---- the fields ------------------------------------------------------------------------

    /** The field's value as the table types it, or {@code null} when unset. */
    public Object get(SpecField field) {
        return values[field.ordinal()];
    }

    /** Whether the field is set (not None), e.g. {@code isSet(SpecField.ENTRYPOINT)}. */
    public boolean isSet(SpecField field) {
        return values[field.ordinal()] != null;
    }

    /** A {@link SpecField.Type#STRING} field, e.g. {@code string(SpecField.REGISTRY)}. */
    public Optional<String> string(SpecField field) {
        Object v = values[field.ordinal()];
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** A {@link SpecField.Type#STRING_LIST} field, e.g. {@code list(SpecField.PACKAGES)}. */
    @SuppressWarnings("unchecked")
    public Optional<List<String>> list(SpecField field) {
        require(field, SpecField.Codes.STRING_LIST);
        return Optional.ofNullable((List<String>) values[field.ordinal()]);
    }

    /** The {@code env} field, in order. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, String>> env() {
        return Optional.ofNullable((Map<String, String>) values[SpecField.ENV.ordinal()]);
    }

    /** A {@link SpecField.Type#TYPED_MAP} field, e.g. {@code typedMap(SpecField.BUILDER_OPTIONS)}. */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> typedMap(SpecField field) {
        require(field, SpecField.Codes.TYPED_MAP);
        return Optional.ofNullable((Map<String, Object>) values[field.ordinal()]);
    }

    /** The {@code pip_secret_mounts} field. */
    @SuppressWarnings("unchecked")
    public Optional<List<SecretMount>> secretMounts() {
        return Optional.ofNullable((List<SecretMount>) values[SpecField.PIP_SECRET_MOUNTS.ordinal()]);
    }

    /** The {@code source_copy_mode} field; {@code LOADED_MODULES} when a source root is set without one. */
    public Optional<CopyFileDetection> sourceCopyMode() {
        return Optional.ofNullable((CopyFileDetection) values[SpecField.SOURCE_COPY_MODE.ordinal()]);
    }

    /** The image name, lower-cased. */
    public String name() {
        return (String) values[SpecField.NAME.ordinal()];
    }

    /** The platforms, {@value #DEFAULT_PLATFORM} by default. */
    public String platform() {
        return (String) values[SpecField.PLATFORM.ordinal()];
    }

    /** {@code base_image} when it is a reference string. */
    public Optional<String> baseImage() {
        return string(SpecField.BASE_IMAGE);
    }

    /** {@code base_image} when it is a nested spec. */
    public Optional<SpecValues> baseSpec() {
        Object v = values[SpecField.BASE_IMAGE.ordinal()];
        return v instanceof SpecValues s ? Optional.of(s) : Optional.empty();
    }

    private static void require(SpecField field, int typeCode) {
        if (field.typeCode() != typeCode) {
            throw new IllegalArgumentException(Messages.wrongFieldType(
                    field.key(), field.type().name(), SpecField.Type.values()[typeCode].name()));
        }
    }

    // ---- where files are, and what they hashed to ------------------------------------------

    /** Directory the spec's relative paths resolve against; the working directory when empty. */
    public Optional<Path> baseDir() {
        return Optional.ofNullable(baseDir);
    }

    /** File digests computed when the spec was compiled (from a descriptor), if any. */
    public Optional<FileDigests> recordedDigests() {
        return Optional.ofNullable(recordedDigests);
    }

    /** Where the spec came from, for messages, e.g. {@code "dev.acme.TrainTask"} or {@code "spec.yaml"}. */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /** Whether builders must push even when the image exists. */
    public boolean forcePush() {
        return forcePush;
    }

    /** Digests remembered between compiles, consulted before the spec's files are read. */
    public Optional<DigestCache> digestCache() {
        return Optional.ofNullable(digestCache);
    }

    /** Resolves a path the spec names, e.g. {@code resolve("requirements.txt")}. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p);
    }

    /** The file digests the tag uses, computed (or checked against the recorded ones) once. */
    public FileDigests fileDigests() {
        FileDigests v = fileDigests;
        if (v == null) {
            fileDigests = v = SpecHasher.fileDigestsFor(this);
        }
        return v;
    }

    // ---- names ---------------------------------------------------------------------------

    /** flytekit's {@code ImageSpec.id}; a descriptor's recorded id when there is one. */
    public String id() {
        String v = id;
        if (v == null) {
            // A compiled spec's id is read, not hashed: isContainer() runs at every task start, and
            // MD5 alone loads the security providers.
            id = v = recordedId != null ? recordedId : SpecHasher.id(this);
        }
        return v;
    }

    /** The id as hashed from these values, never a recorded one: what the tag may reuse. */
    String hashedId() {
        return recordedId == null ? id() : SpecHasher.id(this);
    }

    /** flytekit's {@code ImageSpec.tag}; a descriptor's recorded tag when no file can have changed. */
    public String tag() {
        String v = tag;
        if (v == null) {
            tag = v = canUseRecordedTag() ? recordedTag : SpecHasher.tag(this);
        }
        return v;
    }

    /**
     * A descriptor's tag is what hashing this spec gives, unless a file it names has changed (which
     * must be detected) or a base image was renamed by a builder in this JVM.
     */
    private boolean canUseRecordedTag() {
        return recordedTag != null
                && !namesFilesInChain()
                && RealImageNames.keepRecordedTag(baseSpec().isPresent());
    }

    /** Whether this spec or a base spec below it names files: a changed one must be detected, not trusted. */
    public boolean namesFilesInChain() {
        for (SpecValues s = this; s != null; s = s.baseSpec().orElse(null)) {
            if (s.namesFiles()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the spec names files whose digests enter its tag. */
    public boolean namesFiles() {
        return nonEmpty(values[SpecField.REQUIREMENTS.ordinal()])
                || nonEmpty(values[SpecField.COPY.ordinal()])
                || (isSet(SpecField.SOURCE_COPY_MODE) && get(SpecField.SOURCE_COPY_MODE) != CopyFileDetection.NO_COPY);
    }

    private static boolean nonEmpty(Object v) {
        return v instanceof String s ? !s.isEmpty() : v instanceof List<?> l && !l.isEmpty();
    }

    /** {@code registry/name:tag} as hashed, without a builder's renaming. */
    public String computedImageName() {
        // no lambdas on this path: it runs at every task start (see the README's start-up figures)
        String n = name() + ":" + tag();
        Object registry = get(SpecField.REGISTRY);
        return registry == null ? n : registry + "/" + n;
    }

    /** The full image name, or the name a builder reported for it in this JVM. */
    public String imageName() {
        String computed = computedImageName();
        return RealImageNames.lookup(computed).orElse(computed);
    }

    // ---- value semantics ----------------------------------------------------------------------

    /** Equal when every flytekit field is equal (like the Python dataclass); where files live is not compared. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SpecValues s && Arrays.equals(values, s.values));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Names the image and the spec's origin, never a value that could be secret. */
    @Override
    public String toString() {
        String registry = string(SpecField.REGISTRY).orElse(null);
        return "ImageSpec[" + name() + (registry == null ? "" : " @ " + registry)
                + (origin == null ? "" : ", from " + origin) + "]";
    }

    /**
     * Collects values field by field; {@link #set} checks each value against the field's
     * {@link SpecField.Type} and copies it, so a built {@link SpecValues} shares nothing mutable.
     */
    public static final class Builder {
        private final Object[] values;
        private Path baseDir;
        private FileDigests recordedDigests;
        private String origin;
        private boolean forcePush;
        private DigestCache digestCache;
        private String recordedId;
        private String recordedTag;

        private Builder() {
            values = new Object[FIELDS.length];
        }

        private Builder(SpecValues s) {
            values = s.values.clone();
            baseDir = s.baseDir;
            recordedDigests = s.recordedDigests;
            origin = s.origin;
            forcePush = s.forcePush;
            digestCache = s.digestCache;
        }

        /**
         * Sets a field; {@code null} unsets it. Lists and maps are copied; a {@code null} inside one
         * is refused at once.
         *
         * @throws IllegalArgumentException if the value does not have the field's type
         */
        public Builder set(SpecField field, Object value) {
            values[field.ordinal()] = value == null ? null : copy(field, value);
            return this;
        }

        /** The value set so far, e.g. {@code get(SpecField.PACKAGES)} before appending to it. */
        public Object get(SpecField field) {
            return values[field.ordinal()];
        }

        public Builder baseDir(Path v) {
            baseDir = v;
            return this;
        }

        public Builder recordedDigests(FileDigests v) {
            recordedDigests = v;
            return this;
        }

        public Builder origin(String v) {
            origin = v;
            return this;
        }

        public Builder forcePush(boolean v) {
            forcePush = v;
            return this;
        }

        public Builder digestCache(DigestCache v) {
            digestCache = v;
            return this;
        }

        /** The id and tag a descriptor recorded; not carried by {@link SpecValues#toBuilder()}. */
        public Builder recorded(String id, String tag) {
            recordedId = id;
            recordedTag = tag;
            return this;
        }

        /** The values, normalized as flytekit normalizes them; not validated ({@link SpecValidator} does that). */
        public SpecValues build() {
            return new SpecValues(this);
        }

        // by type code rather than over SpecField.Type: this runs at every task start, and an enum
        // switch would load the enum and a switch-map class (see SpecField.Codes)
        private static Object copy(SpecField field, Object value) {
            return switch (field.typeCode()) {
                case SpecField.Codes.STRING -> ofType(field, value, String.class);
                case SpecField.Codes.STRING_LIST -> frozenList(field, ofType(field, value, List.class), String.class);
                case SpecField.Codes.SECRET_MOUNTS ->
                    frozenList(field, ofType(field, value, List.class), SecretMount.class);
                case SpecField.Codes.STRING_MAP -> frozenStringMap(field, ofType(field, value, Map.class));
                case SpecField.Codes.COPY_MODE -> ofType(field, value, CopyFileDetection.class);
                case SpecField.Codes.TYPED_MAP -> JsonValues.deepCopy(castMap(ofType(field, value, Map.class)));
                default -> { // IMAGE_OR_SPEC
                    if (value instanceof String || value instanceof SpecValues) {
                        yield value;
                    }
                    throw wrongType(field, value);
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static Map<String, ?> castMap(Map<?, ?> m) {
            return (Map<String, ?>) m;
        }

        private static <T> T ofType(SpecField field, Object value, Class<T> type) {
            if (!type.isInstance(value)) {
                throw wrongType(field, value);
            }
            return type.cast(value);
        }

        private static IllegalArgumentException wrongType(SpecField field, Object value) {
            return new IllegalArgumentException(Messages.wrongValueType(
                    field.key(), field.type().name(), value.getClass().getSimpleName()));
        }

        private static <T> List<T> frozenList(SpecField field, List<?> list, Class<T> item) {
            List<T> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o == null) {
                    throw new IllegalArgumentException(Messages.nullInList(field.key(), String.valueOf(list)));
                }
                copy.add(ofType(field, o, item));
            }
            return Collections.unmodifiableList(copy);
        }

        private static Map<String, String> frozenStringMap(SpecField field, Map<?, ?> map) {
            Map<String, String> copy = new LinkedHashMap<>();
            // a loop, not forEach with a lambda: descriptors with env are read at task start-up
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                    throw new IllegalArgumentException(Messages.nullInMap(field.key()));
                }
                copy.put(k, v);
            }
            return Collections.unmodifiableMap(copy);
        }
    }
}
