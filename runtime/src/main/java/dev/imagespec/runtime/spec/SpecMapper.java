package dev.imagespec.runtime.spec;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.hash.TagFormat;
import dev.imagespec.runtime.text.InputText;
import dev.imagespec.runtime.validate.Messages;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import dev.imagespec.runtime.validate.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts between {@link SpecValues} and flytekit's field map (snake_case keys, as
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
     * A spec from a field map, validated. Relative paths resolve against {@code baseDir} (the working
     * directory when null), as flytekit resolves them against its working directory.
     *
     * @throws InvalidImageSpecException naming each bad key or value
     */
    public static SpecValues fromMap(Map<String, ?> map, Path baseDir, String origin) {
        return validated(fromMap(map, baseDir, origin, false, null, null), origin);
    }

    /**
     * A spec from a descriptor's field map, with its {@value #FILE_DIGESTS} and the id and tag it
     * recorded; not validated again (the processor wrote it only after validating it).
     */
    public static SpecValues fromDescriptorMap(
            Map<String, ?> map, Path baseDir, String origin, String recordedId, String recordedTag) {
        SpecValues spec = fromMap(map, baseDir, origin, true, recordedId, recordedTag);
        List<Problem> problems = new ArrayList<>();
        for (SpecValues s = spec; s != null; s = s.get(SpecField.BASE_IMAGE) instanceof SpecValues base ? base : null) {
            hashable(s, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidImageSpecException(origin, problems);
        }
        return spec;
    }

    /**
     * What hashing a spec needs and a descriptor, not validated again, could lack (a hand-edited or damaged
     * one): a source root for a copy mode that copies, a tag format hashing can apply. Cheap: no regular
     * expressions on the task start-up path.
     */
    private static void hashable(SpecValues spec, List<Problem> problems) {
        CopyFileDetection mode = spec.sourceCopyMode().orElse(null);
        if (mode != null
                && mode != CopyFileDetection.NO_COPY
                && spec.string(SpecField.SOURCE_ROOT).isEmpty()) {
            problems.add(Problem.of(
                    SpecField.SOURCE_COPY_MODE.member(),
                    Severity.ERROR,
                    SpecField.SOURCE_COPY_MODE.key() + " " + mode + " needs " + SpecField.SOURCE_ROOT.key()
                            + "; recompile the class with imagespec-processor"));
        }
        String format = spec.string(SpecField.TAG_FORMAT).orElse(null);
        if (format != null) {
            try {
                TagFormat.apply(format, "x");
            } catch (IllegalArgumentException e) {
                problems.add(Problem.of(
                        SpecField.TAG_FORMAT.member(),
                        Severity.ERROR,
                        SpecField.TAG_FORMAT.key() + " "
                                + describe(format)
                                + " is not a tag format (only {spec_hash} may be in braces); recompile the"
                                + " class with imagespec-processor"));
            }
        }
    }

    private static SpecValues fromMap(
            Map<String, ?> map, Path baseDir, String origin, boolean digests, String recordedId, String recordedTag) {
        SpecValues.Builder b =
                SpecValues.builder().baseDir(baseDir).origin(origin).recorded(recordedId, recordedTag);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                // YAML keys may be numbers, booleans or null (yes: ..., 1: ...); ImageSpec(**d) refuses them too
                problems.add(new Problem(
                        SpecField.NAME.member(),
                        -1,
                        Severity.ERROR,
                        String.valueOf(e.getKey()),
                        Messages.notAStringKey("ImageSpec field", describe(e.getKey()))));
                continue;
            }
            if (digests && FILE_DIGESTS.equals(key)) {
                try {
                    b.recordedDigests(digestsFrom(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    problems.add(Problem.of(SpecField.NAME.member(), Severity.ERROR, ex.getMessage()));
                }
                continue;
            }
            SpecField field = SpecField.fromKey(key).orElse(null);
            if (field == null) {
                problems.add(new Problem(
                        SpecField.NAME.member(), -1, Severity.ERROR, key, Messages.unknownField(key, knownKeys())));
                continue;
            }
            if (e.getValue() == null) {
                continue; // None: the field stays unset
            }
            try {
                b.set(field, fromJson(field, e.getValue(), baseDir, origin, digests));
            } catch (IllegalArgumentException ex) {
                if (ex instanceof InvalidImageSpecException nested) {
                    problems.addAll(nested.problems());
                } else {
                    problems.add(Problem.of(field.member(), Severity.ERROR, ex.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidImageSpecException(origin, problems);
        }
        return b.build();
    }

    private static String knownKeys() {
        return Arrays.stream(SpecField.values()).map(SpecField::key).collect(Collectors.joining(", "));
    }

    private static Object fromJson(SpecField f, Object v, Path baseDir, String origin, boolean digests) {
        return switch (f.type()) {
            case STRING -> string(f, v);
            case STRING_LIST -> strings(f, v);
            case STRING_MAP -> stringMap(f, v);
            case SECRET_MOUNTS -> mounts(f, v);
            case COPY_MODE -> copyMode(f, v);
            case TYPED_MAP -> stringKeys(f, map(f, v));
            case IMAGE_OR_SPEC -> {
                if (v instanceof Map<?, ?> nested) {
                    String where = origin == null ? f.key() : origin + " " + f.key();
                    SpecValues base = fromMap(stringKeys(f, nested), baseDir, where, digests, null, null);
                    yield digests ? base : validated(base, where);
                }
                yield string(f, v);
            }
            default -> throw new AssertionError(f.type());
        };
    }

    /** Refuses {@code spec} on any ERROR of any rule ({@link SpecValidator#errors}), as flytekit raises. */
    private static SpecValues validated(SpecValues spec, String origin) {
        ValidationReport errors = SpecValidator.errors(spec);
        if (errors.hasErrors()) {
            throw new InvalidImageSpecException(origin, errors.errors());
        }
        return spec;
    }

    /**
     * flytekit's field map of a spec: non-None fields in dataclass order, a base spec nested. For a
     * descriptor ({@code forDescriptor}) it adds the file digests and leaves out
     * {@code pip_secret_mounts}: secrets, even their paths, never enter a jar.
     */
    public static Map<String, Object> toMap(SpecValues spec, boolean forDescriptor) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (SpecField f : SpecField.values()) {
            Object v = spec.get(f);
            if (v == null || (forDescriptor && f == SpecField.PIP_SECRET_MOUNTS)) {
                continue;
            }
            map.put(f.key(), toJson(v, forDescriptor));
        }
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

    private static Object toJson(Object v, boolean forDescriptor) {
        if (v instanceof SpecValues base) {
            return toMap(base, forDescriptor);
        }
        if (v instanceof CopyFileDetection mode) {
            return mode.name();
        }
        if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof SecretMount) {
            List<Object> pairs = new ArrayList<>();
            for (Object m : list) {
                pairs.add(List.of(((SecretMount) m).src(), ((SecretMount) m).dst()));
            }
            return pairs;
        }
        return v;
    }

    private static FileDigests digestsFrom(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(Messages.fileDigestsNotAMap(FILE_DIGESTS));
        }
        return new FileDigests(digest(m, "requirements"), digest(m, "copy"), digest(m, "source_root"));
    }

    private static String digest(Map<?, ?> digests, String key) {
        Object v = digests.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(
                    Messages.notAString(FILE_DIGESTS + "." + key, describe(v), false, example(v)));
        }
        return (String) v;
    }

    private static String string(SpecField f, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(
                Messages.notAString(f.key(), describe(v), f == SpecField.PYTHON_VERSION, example(v)));
    }

    private static List<String> strings(SpecField f, Object v) {
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw new IllegalArgumentException(Messages.notAStringInList(f.key(), describe(item)));
                }
                out.add(s);
            }
            return out;
        }
        throw new IllegalArgumentException(Messages.notAList(f.key(), describe(v)));
    }

    private static Map<?, ?> map(SpecField f, Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(Messages.notAMapping(f.key(), describe(v)));
    }

    private static Map<String, String> stringMap(SpecField f, Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map(f, v).entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String val)) {
                throw new IllegalArgumentException(
                        Messages.notAStringEntry(f.key(), describe(e.getKey()), describe(e.getValue())));
            }
            out.put(k, val);
        }
        return out;
    }

    private static Map<String, Object> stringKeys(SpecField f, Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException(Messages.notAStringKey(f.key(), describe(e.getKey())));
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    private static List<SecretMount> mounts(SpecField f, Object v) {
        List<SecretMount> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof List<?> pair
                        && pair.size() == 2
                        && pair.get(0) instanceof String src
                        && pair.get(1) instanceof String dst) {
                    out.add(new SecretMount(src, dst));
                } else {
                    throw new IllegalArgumentException(Messages.notAMountPair(f.key()));
                }
            }
            return out;
        }
        throw new IllegalArgumentException(Messages.notAMountList(f.key(), describe(v)));
    }

    private static CopyFileDetection copyMode(SpecField f, Object v) {
        String s = string(f, v);
        String name = s.startsWith("CopyFileDetection.") ? s.substring("CopyFileDetection.".length()) : s;
        for (CopyFileDetection mode : CopyFileDetection.values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(Messages.notACopyMode(f.key(), s));
    }

    /**
     * A value in a message, at a readable length whatever its size: a string quoted ({@link InputText#quote}
     * cuts it), anything else cut the same way and followed by its type, e.g. {@code 3.1 (Double)}.
     */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return InputText.quote(s);
        }
        String type = v instanceof Map<?, ?>
                ? "mapping"
                : v instanceof List<?> ? "list" : v.getClass().getSimpleName();
        return bare(String.valueOf(v)) + " (" + type + ")";
    }

    /** What to write instead, for "quote it, e.g. key: ..." (already quoted, cut to a readable length). */
    private static String example(Object v) {
        return InputText.quote(String.valueOf(v));
    }

    /** {@link InputText#quote} without the quotes: escaped and cut, for values that are not strings. */
    private static String bare(String text) {
        String q = InputText.quote(text);
        return q.substring(1, q.length() - 1);
    }
}
