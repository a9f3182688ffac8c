package dev.imagespec.runtime.spec;

import java.util.Locale;
import java.util.Optional;

/**
 * The fields of flytekit's {@code ImageSpec} dataclass, in its declaration order: the order is part
 * of the hash ({@code str(asdict(spec))} prints fields in this order). Each knows its snake_case
 * name (YAML, JSON, descriptors) and its camelCase name ({@code @ImageSpec} members, Java API).
 *
 * <p>Example: {@code SpecField.PIP_EXTRA_INDEX_URL.member()} is {@code "pipExtraIndexUrl"}.
 */
public enum SpecField {
    NAME, PYTHON_VERSION, BUILDER, SOURCE_ROOT, ENV, REGISTRY, PACKAGES, CONDA_PACKAGES,
    CONDA_CHANNELS, REQUIREMENTS, APT_PACKAGES, CUDA, CUDNN, BASE_IMAGE, PLATFORM, PIP_INDEX,
    PIP_EXTRA_INDEX_URL, PIP_SECRET_MOUNTS, PIP_EXTRA_ARGS, REGISTRY_CONFIG, ENTRYPOINT, COMMANDS,
    TAG_FORMAT, SOURCE_COPY_MODE, COPY, PYTHON_EXEC, RUNTIME_PACKAGES, BUILDER_OPTIONS,
    BUILDER_CONFIG;

    private final String key = name().toLowerCase(Locale.ROOT);
    private final String member = camel(key);

    /** flytekit's name, e.g. {@code "python_version"}. */
    public String key() {
        return key;
    }

    /** The {@code @ImageSpec} member and Java name, e.g. {@code "pythonVersion"}. */
    public String member() {
        return member;
    }

    /** The field with flytekit name {@code key}, e.g. {@code fromKey("apt_packages")}. */
    public static Optional<SpecField> fromKey(String key) {
        for (SpecField f : values()) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static String camel(String snake) {
        StringBuilder s = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
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
