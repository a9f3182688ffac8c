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
// key and member are computed on first use (an idempotent race: every thread derives the same String);
// the table itself, and so every SpecField, is immutable.
@SuppressWarnings("ImmutableEnumChecker")
public enum SpecField {
    NAME(Codes.STRING, Codes.PLAIN),
    PYTHON_VERSION(Codes.STRING, Codes.PLAIN),
    BUILDER(Codes.STRING, Codes.NONE),
    SOURCE_ROOT(Codes.STRING, Codes.FILE_DIGEST),
    ENV(Codes.STRING_MAP, Codes.PLAIN),
    REGISTRY(Codes.STRING, Codes.PLAIN),
    PACKAGES(Codes.STRING_LIST, Codes.PLAIN),
    CONDA_PACKAGES(Codes.STRING_LIST, Codes.PLAIN),
    CONDA_CHANNELS(Codes.STRING_LIST, Codes.PLAIN),
    REQUIREMENTS(Codes.STRING, Codes.FILE_DIGEST),
    APT_PACKAGES(Codes.STRING_LIST, Codes.PLAIN),
    CUDA(Codes.STRING, Codes.PLAIN),
    CUDNN(Codes.STRING, Codes.PLAIN),
    /** A reference string, or a nested spec ({@code baseSpec}). */
    BASE_IMAGE(Codes.IMAGE_OR_SPEC, Codes.NESTED_SPEC),
    PLATFORM(Codes.STRING, Codes.PLAIN),
    PIP_INDEX(Codes.STRING, Codes.PLAIN),
    PIP_EXTRA_INDEX_URL(Codes.STRING_LIST, Codes.PLAIN),
    PIP_SECRET_MOUNTS(Codes.SECRET_MOUNTS, Codes.NONE),
    PIP_EXTRA_ARGS(Codes.STRING, Codes.PLAIN),
    REGISTRY_CONFIG(Codes.STRING, Codes.ID_ONLY),
    ENTRYPOINT(Codes.STRING_LIST, Codes.PLAIN),
    COMMANDS(Codes.STRING_LIST, Codes.PLAIN),
    TAG_FORMAT(Codes.STRING, Codes.PLAIN),
    SOURCE_COPY_MODE(Codes.COPY_MODE, Codes.PLAIN),
    COPY(Codes.STRING_LIST, Codes.FILE_DIGEST),
    PYTHON_EXEC(Codes.STRING, Codes.PLAIN),
    RUNTIME_PACKAGES(Codes.STRING_LIST, Codes.NONE),
    BUILDER_OPTIONS(Codes.TYPED_MAP, Codes.PLAIN),
    BUILDER_CONFIG(Codes.TYPED_MAP, Codes.PLAIN);

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
        IMAGE_OR_SPEC;

        private static final Type[] BY_CODE = values();
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
        NESTED_SPEC;

        private static final Hashing[] BY_CODE = values();
    }

    /**
     * {@link Type} and {@link Hashing} as their ordinals, for the table above and the code that runs at
     * every task start ({@code <Task>_ImageSpec.values} sets fields; {@code SpecValues.Builder} checks
     * each value by {@link #typeCode()}): the table is then built without loading either enum, nor the
     * switch-map class a {@code switch} over an enum compiles to. Constant variables, inlined by javac, so
     * this interface itself is never loaded. {@code SpecFieldTest} holds each to its enum constant.
     */
    interface Codes {
        int STRING = 0;
        int STRING_LIST = 1;
        int STRING_MAP = 2;
        int SECRET_MOUNTS = 3;
        int COPY_MODE = 4;
        int TYPED_MAP = 5;
        int IMAGE_OR_SPEC = 6;

        int PLAIN = 0;
        int NONE = 1;
        int FILE_DIGEST = 2;
        int ID_ONLY = 3;
        int NESTED_SPEC = 4;
    }

    private static final SpecField[] ALL = values();

    private final int type;
    private final int hashing;
    // derived from name() on first use: nothing on the start-up path needs them
    private String key;
    private String member;

    SpecField(int type, int hashing) {
        this.type = type;
        this.hashing = hashing;
    }

    /** flytekit's name, e.g. {@code "python_version"}. */
    public String key() {
        String k = key;
        if (k == null) {
            key = k = name().toLowerCase(Locale.ROOT); // the same String whichever thread computes it
        }
        return k;
    }

    /** The {@code @ImageSpec} member and Java name, e.g. {@code "pythonVersion"}. */
    public String member() {
        String m = member;
        if (m == null) {
            member = m = camel(key());
        }
        return m;
    }

    /** The value's type, e.g. {@code Type.STRING_LIST} for {@code packages}. */
    public Type type() {
        return Type.BY_CODE[type];
    }

    /** {@link #type()} as its {@link Codes} ordinal, without loading {@link Type}. */
    int typeCode() {
        return type;
    }

    /** How the id and the tag include the field, e.g. {@code Hashing.FILE_DIGEST} for {@code copy}. */
    public Hashing hashing() {
        return Hashing.BY_CODE[hashing];
    }

    /** The field with flytekit name {@code key}, e.g. {@code fromKey("apt_packages")}. */
    public static Optional<SpecField> fromKey(String key) {
        for (SpecField f : ALL) {
            if (f.key().equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The field with {@code @ImageSpec} member {@code member}, e.g. {@code fromMember("aptPackages")}. */
    public static Optional<SpecField> fromMember(String member) {
        for (SpecField f : ALL) {
            if (f.member().equals(member)) {
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
