package dev.imagespec.runtime.spec;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts between an {@link ImageSpec} and flytekit's field map (snake_case keys, as
 * {@code yaml.safe_load} of an ImageSpec YAML gives them to {@code ImageSpec(**d)}). Used by the
 * YAML and JSON readers and by descriptors; descriptors add a {@value #FILE_DIGESTS} entry per spec.
 *
 * <p>Example: {@code SpecMapper.fromMap(Map.of("name", "x", "packages", List.of("numpy")), null, "spec.yaml")}.
 */
public final class SpecMapper {
    /** The descriptor-only key holding a spec's compile-time file digests. */
    public static final String FILE_DIGESTS = "file_digests";

    private SpecMapper() {}

    /**
     * A spec from a field map. Relative paths resolve against {@code baseDir} (the working
     * directory when null), as flytekit resolves them against its working directory.
     *
     * @throws InvalidImageSpecException naming each bad key or value
     */
    public static ImageSpec fromMap(Map<String, ?> map, Path baseDir, String origin) {
        return fromMap(map, baseDir, origin, false);
    }

    /** Like {@link #fromMap(Map, Path, String)}, accepting {@value #FILE_DIGESTS} entries (descriptors). */
    public static ImageSpec fromDescriptorMap(Map<String, ?> map, Path baseDir, String origin) {
        return fromMap(map, baseDir, origin, true);
    }

    /** Like {@link #fromDescriptorMap(Map, Path, String)}, with the id and tag the descriptor recorded for it. */
    public static ImageSpec fromDescriptorMap(Map<String, ?> map, Path baseDir, String origin, String recordedId,
                                              String recordedTag) {
        return fromMap(map, baseDir, origin, true, recordedId, recordedTag);
    }

    private static ImageSpec fromMap(Map<String, ?> map, Path baseDir, String origin, boolean digests) {
        return fromMap(map, baseDir, origin, digests, null, null);
    }

    private static ImageSpec fromMap(Map<String, ?> map, Path baseDir, String origin, boolean digests, String recordedId,
                                     String recordedTag) {
        ImageSpec.Builder b = ImageSpec.builder().baseDir(baseDir).origin(origin).recorded(recordedId, recordedTag);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (digests && FILE_DIGESTS.equals(e.getKey())) {
                b.recordedDigests(digestsFrom(e.getValue()));
                continue;
            }
            SpecField field = SpecField.fromKey(e.getKey()).orElse(null);
            if (field == null) {
                problems.add(Problem.of(SpecField.NAME, Severity.ERROR, "unknown field \"" + e.getKey()
                        + "\"; ImageSpec's fields are " + Arrays.stream(SpecField.values()).map(SpecField::key)
                        .collect(Collectors.joining(", "))));
                continue;
            }
            try {
                set(b, field, e.getValue(), baseDir, origin, digests);
            } catch (IllegalArgumentException ex) {
                if (ex instanceof InvalidImageSpecException nested) {
                    problems.addAll(nested.problems());
                } else {
                    problems.add(Problem.of(field, Severity.ERROR, ex.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidImageSpecException(origin, problems);
        }
        // A descriptor's values were validated when it was compiled; see buildCompiled.
        return digests ? b.buildCompiled() : b.build();
    }

    private static void set(ImageSpec.Builder b, SpecField f, Object v, Path baseDir, String origin, boolean digests) {
        if (v == null) {
            return; // None: the field stays unset
        }
        switch (f) {
            case NAME -> b.name(string(f, v));
            case PYTHON_VERSION -> b.pythonVersion(string(f, v));
            case BUILDER -> b.builder(string(f, v));
            case SOURCE_ROOT -> b.sourceRoot(string(f, v));
            case ENV -> b.env(stringMap(f, v));
            case REGISTRY -> b.registry(string(f, v));
            case PACKAGES -> b.packages(strings(f, v));
            case CONDA_PACKAGES -> b.condaPackages(strings(f, v));
            case CONDA_CHANNELS -> b.condaChannels(strings(f, v));
            case REQUIREMENTS -> b.requirements(string(f, v));
            case APT_PACKAGES -> b.aptPackages(strings(f, v));
            case CUDA -> b.cuda(string(f, v));
            case CUDNN -> b.cudnn(string(f, v));
            case BASE_IMAGE -> {
                if (v instanceof Map<?, ?> nested) {
                    b.baseSpec(fromMap(stringKeys(f, nested), baseDir, origin == null ? "base_image" : origin + " base_image", digests));
                } else {
                    b.baseImage(string(f, v));
                }
            }
            case PLATFORM -> b.platform(string(f, v));
            case PIP_INDEX -> b.pipIndex(string(f, v));
            case PIP_EXTRA_INDEX_URL -> b.pipExtraIndexUrl(strings(f, v));
            case PIP_SECRET_MOUNTS -> b.pipSecretMounts(mounts(f, v));
            case PIP_EXTRA_ARGS -> b.pipExtraArgs(string(f, v));
            case REGISTRY_CONFIG -> b.registryConfig(string(f, v));
            case ENTRYPOINT -> b.entrypoint(strings(f, v));
            case COMMANDS -> b.commands(strings(f, v));
            case TAG_FORMAT -> b.tagFormat(string(f, v));
            case SOURCE_COPY_MODE -> b.sourceCopyMode(copyMode(f, v));
            case COPY -> b.copy(strings(f, v));
            case PYTHON_EXEC -> b.pythonExec(string(f, v));
            case RUNTIME_PACKAGES -> b.runtimePackages(strings(f, v));
            case BUILDER_OPTIONS -> b.builderOptions(stringKeys(f, map(f, v)));
            case BUILDER_CONFIG -> b.builderConfig(stringKeys(f, map(f, v)));
            default -> throw new AssertionError(f);
        }
    }

    /**
     * flytekit's field map of a spec: non-None fields in dataclass order, a base spec nested. For a
     * descriptor ({@code forDescriptor}) it adds the file digests and leaves out
     * {@code pip_secret_mounts}: secrets, even their paths, never enter a jar.
     */
    public static Map<String, Object> toMap(ImageSpec spec, boolean forDescriptor) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : SpecHasher.pythonDict(spec, false).entrySet()) {
            if (forDescriptor && e.getKey().equals(SpecField.PIP_SECRET_MOUNTS.key())) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof CopyFileDetection mode) {
                v = mode.name();
            } else if (e.getKey().equals(SpecField.PIP_SECRET_MOUNTS.key())) {
                v = spec.pipSecretMounts().orElseThrow().stream().map(m -> List.of(m.src(), m.dst())).toList();
            }
            map.put(e.getKey(), v);
        }
        spec.baseSpec().ifPresent(base -> map.put(SpecField.BASE_IMAGE.key(), toMap(base, forDescriptor)));
        if (forDescriptor) {
            FileDigests d = spec.fileDigests();
            if (!d.isEmpty()) {
                Map<String, Object> digests = new LinkedHashMap<>();
                digests.put("requirements", d.requirements());
                digests.put("copy", d.copy());
                digests.put("source_root", d.sourceRoot());
                digests.values().removeIf(x -> x == null);
                map.put(FILE_DIGESTS, digests);
            }
        }
        return map;
    }

    private static FileDigests digestsFrom(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(FILE_DIGESTS + " must be a map of requirements/copy/source_root digests");
        }
        return new FileDigests((String) m.get("requirements"), (String) m.get("copy"), (String) m.get("source_root"));
    }

    private static String string(SpecField f, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(f.key() + " must be a string, not " + describe(v)
                + (f == SpecField.PYTHON_VERSION ? "; quote it, e.g. python_version: \"3.10\" (YAML reads 3.10 as 3.1)"
                        : "; quote it, e.g. " + f.key() + ": \"" + v + "\""));
    }

    private static List<String> strings(SpecField f, Object v) {
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw new IllegalArgumentException(f.key() + " must be a list of strings; " + describe(item)
                            + " is not one (quote it)");
                }
                out.add(s);
            }
            return out;
        }
        throw new IllegalArgumentException(f.key() + " must be a list of strings, not " + describe(v)
                + "; e.g. " + f.key() + ": [\"a\", \"b\"]");
    }

    private static Map<?, ?> map(SpecField f, Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(f.key() + " must be a mapping, not " + describe(v));
    }

    private static Map<String, String> stringMap(SpecField f, Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map(f, v).entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String val)) {
                throw new IllegalArgumentException(f.key() + " entries must be strings; " + e.getKey() + ": "
                        + describe(e.getValue()) + " is not (quote the value)");
            }
            out.put(k, val);
        }
        return out;
    }

    private static Map<String, Object> stringKeys(SpecField f, Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException(f.key() + " keys must be strings, not " + describe(e.getKey()));
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    private static List<SecretMount> mounts(SpecField f, Object v) {
        List<SecretMount> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String src
                        && pair.get(1) instanceof String dst) {
                    out.add(new SecretMount(src, dst));
                } else {
                    throw new IllegalArgumentException(f.key() + " must be a list of [src, dst] pairs of strings,"
                            + " e.g. [[\".netrc\", \"/root/.netrc\"]]");
                }
            }
            return out;
        }
        throw new IllegalArgumentException(f.key() + " must be a list of [src, dst] pairs, not " + describe(v));
    }

    private static CopyFileDetection copyMode(SpecField f, Object v) {
        String s = string(f, v);
        String name = s.startsWith("CopyFileDetection.") ? s.substring("CopyFileDetection.".length()) : s;
        for (CopyFileDetection mode : CopyFileDetection.values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(f.key() + " \"" + s + "\" is not one of LOADED_MODULES, ALL, NO_COPY");
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof String s ? "\"" + s + "\"" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
