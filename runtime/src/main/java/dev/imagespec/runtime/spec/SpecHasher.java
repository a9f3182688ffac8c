package dev.imagespec.runtime.spec;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigester;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.hash.PythonRepr;
import dev.imagespec.runtime.hash.PythonStr;
import dev.imagespec.runtime.hash.TagFormat;
import dev.imagespec.runtime.validate.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * flytekit's {@code ImageSpec.id} and {@code ImageSpec.tag}, byte for byte.
 *
 * <p>The id is the md5 of Python's {@code str()} of the dict of the spec's non-None fields in
 * dataclass order, less {@code pip_secret_mounts}, {@code builder} and {@code runtime_packages}
 * (a nested base spec is a nested dict), URL-safe base64 without padding. The tag is the id of
 * the spec with its files replaced by their digests, a nested base spec by its image name, and
 * {@code registry_config} dropped; {@code -} becomes {@code _}, then {@code tag_format} applies.
 *
 * <p>Example: {@code SpecHasher.id(ImageSpec.builder().build())} is {@code "fv8aVGdGU6GT1t5W98ZQPA"}.
 */
public final class SpecHasher {
    private static final SpecField[] FIELDS = SpecField.values();
    /** Per field, in table order: whether the id includes it ({@link SpecField.Hashing} other than NONE). */
    private static final boolean[] IN_ID = new boolean[FIELDS.length];
    /** Per field, in table order: how the tag includes it. */
    private static final SpecField.Hashing[] HASHING = new SpecField.Hashing[FIELDS.length];
    /** Per field, in table order: {@code repr(key)} followed by {@code ": "}, e.g. {@code 'name': }. */
    private static final byte[][] KEYS = new byte[FIELDS.length][];

    static {
        for (int i = 0; i < FIELDS.length; i++) {
            IN_ID[i] = FIELDS[i].hashing() != SpecField.Hashing.NONE;
            HASHING[i] = FIELDS[i].hashing();
            KEYS[i] = ("'" + FIELDS[i].key() + "': ").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private SpecHasher() {}

    /** flytekit's {@code ImageSpec.id}: the md5 of {@code str()} of {@link #pythonDict(SpecValues, boolean) the dict}. */
    public static String id(SpecValues spec) {
        PythonStr w = PythonStr.acquire();
        try {
            writeIdDict(w, spec);
            return w.md5Base64(false);
        } finally {
            w.release();
        }
    }

    /** flytekit's {@code ImageSpec.tag}; reads the spec's files or trusts its recorded digests. */
    public static String tag(SpecValues spec) {
        String hash;
        if (tagDictIsIdDict(spec)) {
            // nothing the tag replaces or drops is set: the tag hashes the id's very dict
            hash = spec.hashedId().replace('-', '_');
        } else {
            // before the writer is taken: a base spec's name hashes that spec, a digest reads files
            FileDigests files = spec.fileDigests();
            Object base = spec.get(SpecField.BASE_IMAGE);
            String baseName = base instanceof SpecValues b ? b.imageName() : null;
            PythonStr w = PythonStr.acquire();
            try {
                writeTagDict(w, spec, files, baseName);
                hash = w.md5Base64(true);
            } finally {
                w.release();
            }
        }
        Object format = spec.get(SpecField.TAG_FORMAT);
        return format instanceof String f ? TagFormat.apply(f, hash) : hash;
    }

    /**
     * Whether the tag's dict is the id's: no file field (nor a copy mode that needs a source root),
     * no {@code registry_config}, no nested base spec. Then flytekit's tag is its id with {@code -}
     * as {@code _}, and {@link SpecValues#fileDigests()} has nothing to read or check.
     */
    private static boolean tagDictIsIdDict(SpecValues spec) {
        Object mode = spec.get(SpecField.SOURCE_COPY_MODE);
        return spec.get(SpecField.SOURCE_ROOT) == null
                && spec.get(SpecField.REQUIREMENTS) == null
                && spec.get(SpecField.COPY) == null
                && spec.get(SpecField.REGISTRY_CONFIG) == null
                && !(spec.get(SpecField.BASE_IMAGE) instanceof SpecValues)
                && (mode == null || mode == CopyFileDetection.NO_COPY);
    }

    private static void writeIdDict(PythonStr w, SpecValues spec) {
        w.raw('{');
        boolean first = true;
        for (int i = 0; i < FIELDS.length; i++) {
            Object value = spec.get(FIELDS[i]);
            if (value == null || !IN_ID[i]) {
                continue;
            }
            key(w, first, i);
            first = false;
            if (value instanceof SpecValues base) {
                writeIdDict(w, base);
            } else {
                w.value(value);
            }
        }
        w.raw('}');
    }

    private static void writeTagDict(PythonStr w, SpecValues spec, FileDigests files, String baseName) {
        w.raw('{');
        boolean first = true;
        for (int i = 0; i < FIELDS.length; i++) {
            Object value = spec.get(FIELDS[i]);
            if (value == null) {
                continue;
            }
            switch (HASHING[i]) {
                case NONE, ID_ONLY -> {
                    continue;
                }
                case PLAIN -> {
                    key(w, first, i);
                    w.value(value);
                }
                case NESTED_SPEC -> {
                    key(w, first, i);
                    w.value(value instanceof SpecValues ? baseName : value);
                }
                case FILE_DIGEST -> {
                    key(w, first, i);
                    String digest = files.digest(FIELDS[i].key());
                    w.value(digest != null ? digest : value);
                }
                default -> throw new AssertionError(HASHING[i]);
            }
            first = false;
        }
        w.raw('}');
    }

    private static void key(PythonStr w, boolean first, int field) {
        if (!first) {
            w.raw(',').raw(' ');
        }
        w.raw(KEYS[field]);
    }

    /**
     * The dict flytekit hashes: every non-None field in dataclass order, as Python values; with
     * {@code hashedOnly}, less the fields the id leaves out. Example: {@code {'name': 'flytekit',
     * 'platform': 'linux/amd64'}} for the default spec.
     */
    public static Map<String, Object> pythonDict(SpecValues spec, boolean hashedOnly) {
        Map<String, Object> dict = new LinkedHashMap<>();
        for (SpecField field : FIELDS) {
            Object value = spec.get(field);
            if (value != null && !(hashedOnly && field.hashing() == SpecField.Hashing.NONE)) {
                dict.put(field.key(), pythonValue(field, value, hashedOnly));
            }
        }
        return dict;
    }

    private static Object pythonValue(SpecField field, Object value, boolean hashedOnly) {
        if (value instanceof SpecValues base) {
            return pythonDict(base, hashedOnly);
        }
        if (field.type() == SpecField.Type.SECRET_MOUNTS) {
            List<PythonRepr.Tuple> out = new ArrayList<>();
            for (Object m : (List<?>) value) {
                SecretMount mount = (SecretMount) m;
                out.add(new PythonRepr.Tuple(List.of(mount.src(), mount.dst())));
            }
            return out;
        }
        return value;
    }

    /**
     * The digests the tag uses: recorded ones (checked against the files when they are here), or
     * computed from the files now. Example: {@code fileDigestsFor(yamlSpec).requirements()}.
     */
    public static FileDigests fileDigestsFor(SpecValues spec) {
        FileDigests recorded = spec.recordedDigests().orElse(null);
        FileDigests current = compute(spec, recorded);
        if (recorded == null) {
            return current;
        }
        staleCheck(
                spec,
                "requirements",
                spec.string(SpecField.REQUIREMENTS).orElse(null),
                recorded.requirements(),
                current.requirements());
        staleCheck(
                spec,
                "copy",
                spec.list(SpecField.COPY).map(List::toString).orElse(null),
                recorded.copy(),
                current.copy());
        staleCheck(
                spec,
                "source_root",
                spec.string(SpecField.SOURCE_ROOT).orElse(null),
                recorded.sourceRoot(),
                current.sourceRoot());
        return recorded;
    }

    private static void staleCheck(SpecValues spec, String field, String path, String recorded, String now) {
        if (now != null && recorded != null && !now.equals(recorded)) {
            throw new StaleDescriptorException(spec.origin().orElse(null), field, path);
        }
    }

    /**
     * Digests of the files the spec names. With {@code recorded} digests, a file that is not here
     * (inside a container) is not an error: its digest is left null and the recorded one is used.
     */
    private static FileDigests compute(SpecValues spec, FileDigests recorded) {
        boolean lenient = recorded != null;
        DigestCache cache = spec.digestCache().orElse(null);
        String requirements = null;
        String copy = null;
        String sourceRoot = null;
        String req = spec.string(SpecField.REQUIREMENTS).orElse(null);
        if (req != null && !req.isEmpty() && (!lenient || Files.exists(spec.resolve(req)))) {
            try {
                requirements = FileDigester.requirements(spec.resolve(req), cache);
            } catch (IOException e) {
                throw failure("requirements", req, e);
            }
        }
        List<String> copied = spec.list(SpecField.COPY).orElse(null);
        if (copied != null && !copied.isEmpty() && (!lenient || allExist(spec, copied))) {
            try {
                copy = FileDigester.copy(copied, spec.baseDir().orElse(null), cache);
            } catch (IOException e) {
                throw FileDigester.failure("copy", copied.toString(), e);
            }
        }
        CopyFileDetection mode = spec.sourceCopyMode().orElse(null);
        if (mode != null && mode != CopyFileDetection.NO_COPY) {
            String root = spec.string(SpecField.SOURCE_ROOT)
                    .orElseThrow(() -> new IllegalStateException(
                            "source_copy_mode " + mode + " needs source_root; set source_root or use NO_COPY"));
            Path rootPath = spec.resolve(root);
            if (!lenient || Files.isDirectory(rootPath)) {
                try {
                    sourceRoot = FileDigester.sourceRoot(rootPath, mode, cache);
                } catch (IOException e) {
                    throw failure("sourceRoot", root, e);
                }
            }
        }
        return new FileDigests(requirements, copy, sourceRoot);
    }

    /** A missing file says where it was looked for and how relative paths resolve; other failures as before. */
    private static UncheckedIOException failure(String member, String path, IOException e) {
        if (e instanceof NoSuchFileException missing && missing.getFile() != null) {
            return new UncheckedIOException(
                    Messages.fileMissing(
                            member,
                            path,
                            Path.of(missing.getFile())
                                    .toAbsolutePath()
                                    .normalize()
                                    .toString()),
                    e);
        }
        return FileDigester.failure(member, path, e);
    }

    private static boolean allExist(SpecValues spec, List<String> paths) {
        for (String p : paths) {
            if (!Files.exists(spec.resolve(p))) {
                return false;
            }
        }
        return true;
    }
}
