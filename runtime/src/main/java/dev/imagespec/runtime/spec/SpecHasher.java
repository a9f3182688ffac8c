package dev.imagespec.runtime.spec;

import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigester;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.hash.PythonRepr;
import dev.imagespec.runtime.hash.TagFormat;
import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.validate.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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

    private SpecHasher() {}

    /** flytekit's {@code ImageSpec.id}. */
    public static String id(SpecValues spec) {
        return md5Base64(PythonRepr.render(pythonDict(spec, true)));
    }

    /** flytekit's {@code ImageSpec.tag}; reads the spec's files or trusts its recorded digests. */
    public static String tag(SpecValues spec) {
        FileDigests files = spec.fileDigests();
        Map<String, Object> dict = new LinkedHashMap<>();
        for (SpecField field : FIELDS) {
            Object value = spec.get(field);
            if (value == null) {
                continue;
            }
            switch (field.hashing()) {
                case NONE, ID_ONLY -> { }
                case PLAIN -> dict.put(field.key(), pythonValue(field, value, true));
                case NESTED_SPEC -> dict.put(field.key(), value instanceof SpecValues base ? base.imageName() : value);
                case FILE_DIGEST -> {
                    String digest = files.digest(field.key());
                    dict.put(field.key(), digest != null ? digest : pythonValue(field, value, true));
                }
                default -> throw new AssertionError(field.hashing());
            }
        }
        String hash = md5Base64(PythonRepr.render(dict)).replace('-', '_');
        String format = spec.string(SpecField.TAG_FORMAT).orElse(null);
        return format == null ? hash : TagFormat.apply(format, hash);
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
        staleCheck(spec, "requirements", spec.string(SpecField.REQUIREMENTS).orElse(null), recorded.requirements(), current.requirements());
        staleCheck(spec, "copy", spec.list(SpecField.COPY).map(List::toString).orElse(null), recorded.copy(), current.copy());
        staleCheck(spec, "source_root", spec.string(SpecField.SOURCE_ROOT).orElse(null), recorded.sourceRoot(), current.sourceRoot());
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
            String root = spec.string(SpecField.SOURCE_ROOT).orElseThrow(() -> new IllegalStateException(
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
            return new UncheckedIOException(Messages.fileMissing(member, path,
                    Path.of(missing.getFile()).toAbsolutePath().normalize().toString()), e);
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

    static String md5Base64(String pythonStr) {
        byte[] md5 = FileDigester.digest("MD5").digest(pythonStr.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(md5);
    }
}
