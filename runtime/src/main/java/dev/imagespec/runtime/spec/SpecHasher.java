package dev.imagespec.runtime.spec;

import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigester;
import dev.imagespec.runtime.hash.FileDigests;
import dev.imagespec.runtime.hash.PythonRepr;
import dev.imagespec.runtime.hash.TagFormat;
import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final Set<SpecField> NOT_HASHED =
            EnumSet.of(SpecField.PIP_SECRET_MOUNTS, SpecField.BUILDER, SpecField.RUNTIME_PACKAGES);

    private SpecHasher() {}

    /** flytekit's {@code ImageSpec.id}. */
    public static String id(ImageSpec spec) {
        return md5Base64(PythonRepr.render(pythonDict(spec, true)));
    }

    /** flytekit's {@code ImageSpec.tag}; reads the spec's files or trusts its recorded digests. */
    public static String tag(ImageSpec spec) {
        FileDigests files = spec.fileDigests();
        Map<String, Object> dict = pythonDict(spec, true);
        spec.baseSpec().ifPresent(base -> dict.put(SpecField.BASE_IMAGE.key(), base.imageName()));
        if (files.sourceRoot() != null) {
            dict.put(SpecField.SOURCE_ROOT.key(), files.sourceRoot());
        }
        if (files.copy() != null) {
            dict.put(SpecField.COPY.key(), files.copy());
        }
        if (files.requirements() != null) {
            dict.put(SpecField.REQUIREMENTS.key(), files.requirements());
        }
        dict.remove(SpecField.REGISTRY_CONFIG.key());
        String hash = md5Base64(PythonRepr.render(dict)).replace('-', '_');
        return spec.tagFormat().map(format -> TagFormat.apply(format, hash)).orElse(hash);
    }

    /**
     * The dict flytekit hashes: every non-None field in dataclass order, as Python values.
     * Example: {@code {'name': 'flytekit', 'platform': 'linux/amd64'}} for the default spec.
     */
    public static Map<String, Object> pythonDict(ImageSpec spec, boolean hashedOnly) {
        Map<String, Object> dict = new LinkedHashMap<>();
        for (SpecField field : SpecField.values()) {
            if (hashedOnly && NOT_HASHED.contains(field)) {
                continue;
            }
            Object value = pythonValue(spec, field, hashedOnly);
            if (value != null) {
                dict.put(field.key(), value);
            }
        }
        return dict;
    }

    private static Object pythonValue(ImageSpec s, SpecField field, boolean hashedOnly) {
        switch (field) {
            case NAME: return s.name();
            case PYTHON_VERSION: return s.pythonVersion().orElse(null);
            case BUILDER: return s.builderName().orElse(null);
            case SOURCE_ROOT: return s.sourceRoot().orElse(null);
            case ENV: return s.env().orElse(null);
            case REGISTRY: return s.registry().orElse(null);
            case PACKAGES: return s.packages().orElse(null);
            case CONDA_PACKAGES: return s.condaPackages().orElse(null);
            case CONDA_CHANNELS: return s.condaChannels().orElse(null);
            case REQUIREMENTS: return s.requirements().orElse(null);
            case APT_PACKAGES: return s.aptPackages().orElse(null);
            case CUDA: return s.cuda().orElse(null);
            case CUDNN: return s.cudnn().orElse(null);
            case BASE_IMAGE:
                return s.baseSpec().<Object>map(b -> pythonDict(b, hashedOnly)).orElse(s.baseImage().orElse(null));
            case PLATFORM: return s.platform();
            case PIP_INDEX: return s.pipIndex().orElse(null);
            case PIP_EXTRA_INDEX_URL: return s.pipExtraIndexUrl().orElse(null);
            case PIP_SECRET_MOUNTS: return s.pipSecretMounts().map(SpecHasher::tuples).orElse(null);
            case PIP_EXTRA_ARGS: return s.pipExtraArgs().orElse(null);
            case REGISTRY_CONFIG: return s.registryConfig().orElse(null);
            case ENTRYPOINT: return s.entrypoint().orElse(null);
            case COMMANDS: return s.commands().orElse(null);
            case TAG_FORMAT: return s.tagFormat().orElse(null);
            case SOURCE_COPY_MODE: return s.sourceCopyMode().orElse(null);
            case COPY: return s.copy().orElse(null);
            case PYTHON_EXEC: return s.pythonExec().orElse(null);
            case RUNTIME_PACKAGES: return s.runtimePackages().orElse(null);
            case BUILDER_OPTIONS: return s.builderOptions().orElse(null);
            case BUILDER_CONFIG: return s.builderConfig().orElse(null);
            default: throw new AssertionError(field);
        }
    }

    private static List<PythonRepr.Tuple> tuples(List<SecretMount> mounts) {
        List<PythonRepr.Tuple> out = new ArrayList<>();
        for (SecretMount m : mounts) {
            out.add(new PythonRepr.Tuple(List.of(m.src(), m.dst())));
        }
        return out;
    }

    /**
     * The digests the tag uses: recorded ones (checked against the files when they are here), or
     * computed from the files now. Example: {@code fileDigestsFor(yamlSpec).requirements()}.
     */
    public static FileDigests fileDigestsFor(ImageSpec spec) {
        FileDigests recorded = spec.recordedDigests().orElse(null);
        FileDigests current = compute(spec, recorded);
        if (recorded == null) {
            return current;
        }
        staleCheck(spec, "requirements", spec.requirements().orElse(null), recorded.requirements(), current.requirements());
        staleCheck(spec, "copy", spec.copy().map(List::toString).orElse(null), recorded.copy(), current.copy());
        staleCheck(spec, "source_root", spec.sourceRoot().orElse(null), recorded.sourceRoot(), current.sourceRoot());
        return recorded;
    }

    private static void staleCheck(ImageSpec spec, String field, String path, String recorded, String now) {
        if (now != null && recorded != null && !now.equals(recorded)) {
            throw new StaleDescriptorException(spec.origin().orElse(null), field, path);
        }
    }

    /**
     * Digests of the files the spec names. With {@code recorded} digests, a file that is not here
     * (inside a container) is not an error: its digest is left null and the recorded one is used.
     */
    private static FileDigests compute(ImageSpec spec, FileDigests recorded) {
        boolean lenient = recorded != null;
        DigestCache cache = spec.digestCache().orElse(null);
        String requirements = null;
        String copy = null;
        String sourceRoot = null;
        String req = spec.requirements().orElse(null);
        if (req != null && !req.isEmpty() && (!lenient || Files.exists(spec.resolve(req)))) {
            try {
                requirements = FileDigester.requirements(spec.resolve(req), cache);
            } catch (IOException e) {
                throw FileDigester.failure("requirements", req, e);
            }
        }
        List<String> copied = spec.copy().orElse(null);
        if (copied != null && !copied.isEmpty() && (!lenient || allExist(spec, copied))) {
            try {
                copy = FileDigester.copy(copied, spec.baseDir().orElse(null), cache);
            } catch (IOException e) {
                throw FileDigester.failure("copy", copied.toString(), e);
            }
        }
        CopyFileDetection mode = spec.sourceCopyMode().orElse(null);
        if (mode != null && mode != CopyFileDetection.NO_COPY) {
            String root = spec.sourceRoot().orElseThrow(() -> new IllegalStateException(
                    "source_copy_mode " + mode + " needs source_root; set source_root or use NO_COPY"));
            Path rootPath = spec.resolve(root);
            if (!lenient || Files.isDirectory(rootPath)) {
                try {
                    sourceRoot = FileDigester.sourceRoot(rootPath, mode, cache);
                } catch (IOException e) {
                    throw FileDigester.failure("source_root", root, e);
                }
            }
        }
        return new FileDigests(requirements, copy, sourceRoot);
    }

    private static boolean allExist(ImageSpec spec, List<String> paths) {
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
