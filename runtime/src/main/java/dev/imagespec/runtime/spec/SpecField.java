package dev.imagespec.runtime.spec;

import java.util.Locale;
import java.util.Optional;

/**
 * The field table: every field of flytekit's {@code ImageSpec} dataclass, declared once, in its
 * declaration order (the order is part of the hash: {@code str(asdict(spec))} prints fields in this
 * order). Each field knows its snake_case key (YAML, JSON, descriptors), its camelCase member
 * ({@code @ImageSpec} members, the Java API), its {@link Type} and how the id and the tag include it
 * ({@link Hashing}). The annotation reader, the descriptor and YAML mapping, the hash dict,
 * {@code equals}/{@code hashCode}/{@code toString} loop over this table.
 *
 * <p>Example: {@code SpecField.PIP_EXTRA_INDEX_URL.member()} is {@code "pipExtraIndexUrl"}.
 */
public enum SpecField {
    NAME(Type.STRING, Hashing.PLAIN),
    PYTHON_VERSION(Type.STRING, Hashing.PLAIN),
    BUILDER(Type.STRING, Hashing.NONE),
    SOURCE_ROOT(Type.STRING, Hashing.FILE_DIGEST),
    ENV(Type.STRING_MAP, Hashing.PLAIN),
    REGISTRY(Type.STRING, Hashing.PLAIN),
    PACKAGES(Type.STRING_LIST, Hashing.PLAIN),
    CONDA_PACKAGES(Type.STRING_LIST, Hashing.PLAIN),
    CONDA_CHANNELS(Type.STRING_LIST, Hashing.PLAIN),
    REQUIREMENTS(Type.STRING, Hashing.FILE_DIGEST),
    APT_PACKAGES(Type.STRING_LIST, Hashing.PLAIN),
    CUDA(Type.STRING, Hashing.PLAIN),
    CUDNN(Type.STRING, Hashing.PLAIN),
    /** A reference string, or a nested spec ({@code baseSpec}). */
    BASE_IMAGE(Type.IMAGE_OR_SPEC, Hashing.NESTED_SPEC),
    PLATFORM(Type.STRING, Hashing.PLAIN),
    PIP_INDEX(Type.STRING, Hashing.PLAIN),
    PIP_EXTRA_INDEX_URL(Type.STRING_LIST, Hashing.PLAIN),
    PIP_SECRET_MOUNTS(Type.SECRET_MOUNTS, Hashing.NONE),
    PIP_EXTRA_ARGS(Type.STRING, Hashing.PLAIN),
    REGISTRY_CONFIG(Type.STRING, Hashing.ID_ONLY),
    ENTRYPOINT(Type.STRING_LIST, Hashing.PLAIN),
    COMMANDS(Type.STRING_LIST, Hashing.PLAIN),
    TAG_FORMAT(Type.STRING, Hashing.PLAIN),
    SOURCE_COPY_MODE(Type.COPY_MODE, Hashing.PLAIN),
    COPY(Type.STRING_LIST, Hashing.FILE_DIGEST),
    PYTHON_EXEC(Type.STRING, Hashing.PLAIN),
    RUNTIME_PACKAGES(Type.STRING_LIST, Hashing.NONE),
    BUILDER_OPTIONS(Type.TYPED_MAP, Hashing.PLAIN),
    BUILDER_CONFIG(Type.TYPED_MAP, Hashing.PLAIN);

    /** The Java type of a field's value; every walker switches on this, not on the field. */
    public enum Type {
        /** {@code String}. */
        STRING,
        /** An unmodifiable {@code List<String>}. */
        STRING_LIST,
        /** An unmodifiable, ordered {@code Map<String, String>}. */
        STRING_MAP,
        /** An unmodifiable {@code List<SecretMount>}. */
        SECRET_MOUNTS,
        /** {@link dev.imagespec.annotations.CopyFileDetection}. */
        COPY_MODE,
        /** An unmodifiable, ordered {@code Map<String, Object>} of Python-typed values ({@link JsonValues}). */
        TYPED_MAP,
        /** A reference {@code String}, or a nested {@link SpecValues}. */
        IMAGE_OR_SPEC
    }

    /** How flytekit's {@code id} and {@code tag} include a field. */
    public enum Hashing {
        /** In the id and the tag as written. */
        PLAIN,
        /** In neither (flytekit drops it before hashing). */
        NONE,
        /** In the id as written; in the tag replaced by the digest of the files it names. */
        FILE_DIGEST,
        /** In the id; dropped from the tag. */
        ID_ONLY,
        /** A string as written; a nested spec as its dict in the id and as its image name in the tag. */
        NESTED_SPEC
    }

    private static final SpecField[] ALL = values();

    private final Type type;
    private final Hashing hashing;
    private final String key = name().toLowerCase(Locale.ROOT);
    private final String member = camel(key);

    SpecField(Type type, Hashing hashing) {
        this.type = type;
        this.hashing = hashing;
    }

    /** flytekit's name, e.g. {@code "python_version"}. */
    public String key() {
        return key;
    }

    /** The {@code @ImageSpec} member and Java name, e.g. {@code "pythonVersion"}. */
    public String member() {
        return member;
    }

    /** The value's type, e.g. {@code Type.STRING_LIST} for {@code packages}. */
    public Type type() {
        return type;
    }

    /** How the id and the tag include the field, e.g. {@code Hashing.FILE_DIGEST} for {@code copy}. */
    public Hashing hashing() {
        return hashing;
    }

    /** The field with flytekit name {@code key}, e.g. {@code fromKey("apt_packages")}. */
    public static Optional<SpecField> fromKey(String key) {
        for (SpecField f : ALL) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The field with {@code @ImageSpec} member {@code member}, e.g. {@code fromMember("aptPackages")}. */
    public static Optional<SpecField> fromMember(String member) {
        for (SpecField f : ALL) {
            if (f.member.equals(member)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static String camel(String snake) {
        StringBuilder s = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }
}
