package dev.imagespec.maven;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.SpecValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Brings the descriptors in a class output directory up to date with the files their specs name
 * ({@code requirements}, {@code copy}, {@code sourceRoot}), without recompiling: when only such a
 * file changed, the compiler finds nothing to compile and the processor does not run, so the
 * descriptor keeps the old digests and tag (and the runtime would call it stale).
 *
 * <p>For every descriptor whose spec or base chain names files, each level of the chain is
 * re-hashed where its files are (relative to the project directory); a base spec whose files are
 * elsewhere (another module, a jar) is taken from that module's own descriptor on the class path
 * when one describes the same spec, else kept as recorded. Then the descriptor's digests, tag and
 * image name are written anew, atomically (a temporary file moved over it); its id does not depend
 * on file contents and is kept. Descriptors that come out the same are not touched.
 *
 * <p>Example: {@code new DescriptorRefresher(classes, basedir, () -> deps, cache).refresh()}.
 */
final class DescriptorRefresher {

    /** One rewritten descriptor: its class, and its tag before and after. */
    record Refreshed(String className, String oldTag, String newTag) {}

    private final Path classesDir;
    private final Path projectDir;
    private final Supplier<Map<String, ImageSpec>> dependencySpecs;
    private final DigestCache cache;
    private List<SpecValues> dependencies;

    /**
     * @param classesDir the module's class output, e.g. {@code target/classes}
     * @param projectDir where the specs' relative files resolve (the processor's {@code imagespec.projectDir})
     * @param dependencySpecs the specs of the module's dependencies, asked only when a base spec's files are not here
     * @param cache the processor's digest cache, or null
     */
    DescriptorRefresher(
            Path classesDir, Path projectDir, Supplier<Map<String, ImageSpec>> dependencySpecs, DigestCache cache) {
        this.classesDir = classesDir;
        this.projectDir = projectDir;
        this.dependencySpecs = dependencySpecs;
        this.cache = cache;
    }

    /** Rewrites what changed; returns the descriptors whose tag changed or whose digests were updated. */
    List<Refreshed> refresh() throws IOException {
        List<Refreshed> out = new ArrayList<>();
        for (String className : ProjectSpecs.ownClasses(classesDir)) {
            Path file = classesDir.resolve(Descriptor.resourceFor(className));
            if (!Files.isRegularFile(file)) {
                continue; // the index names it, the compile did not write it: the runtime says so
            }
            Descriptor old;
            try (InputStream in = Files.newInputStream(file)) {
                old = Descriptor.read(in, file.toString());
            }
            SpecValues values = old.toValues(projectDir);
            if (!values.namesFilesInChain()) {
                continue; // its tag cannot change without a recompile
            }
            SpecValues fresh = refreshed(values);
            Descriptor now = new Descriptor(
                    old.className(), old.id(), fresh.tag(), fresh.computedImageName(), SpecMapper.toMap(fresh, true));
            String json = now.toJson();
            if (!json.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                writeAtomically(file, json);
                out.add(new Refreshed(className, old.tag(), now.tag()));
            }
        }
        return out;
    }

    /** The spec with each level's digests computed from the files now (or from the base's own module). */
    private SpecValues refreshed(SpecValues level) {
        SpecValues.Builder b = level.toBuilder().digestCache(cache);
        SpecValues base = level.baseSpec().orElse(null);
        if (base != null) {
            b.set(SpecField.BASE_IMAGE, filesHere(base) ? refreshed(base) : fromDependency(base));
        }
        if (filesHere(level)) {
            b.recordedDigests(null); // computed anew from the files
        }
        return b.build();
    }

    /** A base spec whose files are not in this project: the same spec as its own module describes it now. */
    private SpecValues fromDependency(SpecValues base) {
        if (dependencies == null) {
            dependencies = new ArrayList<>();
            for (ImageSpec s : dependencySpecs.get().values()) {
                dependencies.add(s.values());
            }
        }
        for (SpecValues d : dependencies) {
            if (d.equals(base)) {
                return d; // its digests and base chain as that module's (refreshed) descriptor records them
            }
        }
        SpecValues.Builder b = base.toBuilder();
        base.baseSpec()
                .ifPresent(
                        next -> b.set(SpecField.BASE_IMAGE, filesHere(next) ? refreshed(next) : fromDependency(next)));
        return b.build();
    }

    /** Whether the spec names files and all of them are here, so that they can be hashed. */
    private static boolean filesHere(SpecValues spec) {
        if (!spec.namesFiles()) {
            return false;
        }
        String req = spec.string(SpecField.REQUIREMENTS).orElse("");
        if (!req.isEmpty() && !Files.exists(spec.resolve(req))) {
            return false;
        }
        for (String c : spec.list(SpecField.COPY).orElse(List.of())) {
            if (!Files.exists(spec.resolve(c))) {
                return false;
            }
        }
        CopyFileDetection mode = spec.sourceCopyMode().orElse(CopyFileDetection.NO_COPY);
        String root = spec.string(SpecField.SOURCE_ROOT).orElse(null);
        return mode == CopyFileDetection.NO_COPY || (root != null && Files.isDirectory(spec.resolve(root)));
    }

    /** Writes {@code content} to a temporary file beside {@code target} and moves it over {@code target}. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The class names, for messages. */
    static List<String> names(Collection<Refreshed> refreshed) {
        return refreshed.stream().map(Refreshed::className).toList();
    }
}
