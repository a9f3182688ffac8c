package dev.imagespec.processor;

import com.google.auto.service.AutoService;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigester;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The javac annotation processor for {@code @ImageSpec}: validates every member and prints each
 * problem on the exact member, writes {@code META-INF/imagespec/<binary class name>.json} and
 * {@code META-INF/imagespec/index.json}, and generates {@code <Task>_ImageSpec}: constants and the
 * spec as code ({@link ConstantsGenerator}).
 *
 * <p>Options (javac {@code -A}):
 * <ul>
 *   <li>{@code imagespec.projectDir}: the directory {@code requirements}, {@code copy} and
 *       {@code sourceRoot} resolve against, e.g. {@code -Aimagespec.projectDir=${project.basedir}};
 *       the working directory when absent.</li>
 *   <li>{@code imagespec.constants}: {@code false} turns off the generated {@code _ImageSpec} classes.</li>
 *   <li>{@code imagespec.cacheDir}: where file digests are remembered between compiles, so that an
 *       unchanged {@code requirements}/{@code copy}/{@code sourceRoot} is not read again (see
 *       {@link DigestCache}); by default {@code imagespec-cache/} beside the class output directory
 *       (Maven: {@code target/imagespec-cache/}); {@code none} turns the cache off.</li>
 *   <li>{@code imagespec.stats}: {@code true} prints a note with the number of specs, files hashed
 *       and digests reused from the cache.</li>
 * </ul>
 *
 * <p>Descriptors and the index are written once, when processing is over, and only when the
 * compilation raised no error: a failed compile leaves no partial descriptor.
 */
@AutoService(Processor.class)
public final class ImageSpecProcessor extends AbstractProcessor {
    /** Option: where the spec's relative file paths resolve. */
    public static final String PROJECT_DIR = "imagespec.projectDir";
    /** Option: whether to generate constants classes ({@code true} by default). */
    public static final String CONSTANTS = "imagespec.constants";
    /** Option: the directory of the digest cache, or {@code none}. */
    public static final String CACHE_DIR = "imagespec.cacheDir";
    /** Option: whether to print a note with what was hashed and reused. */
    public static final String STATS = "imagespec.stats";

    private final Set<String> compiledHere = new HashSet<>();
    private final Map<String, Descriptor> descriptors = new TreeMap<>();
    private SpecResolver resolver;
    private ProblemReporter reporter;
    private boolean constants;
    private boolean runtimePresent;
    private boolean compilationFailed;
    private long processingNanos;
    private DigestCache digestCache;
    private long filesHashedBefore;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        // Composed annotations (annotation types carrying @ImageSpec) can have any name.
        return Set.of("*");
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(PROJECT_DIR, CONSTANTS, CACHE_DIR, STATS);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (resolver == null) {
            String dir = processingEnv.getOptions().get(PROJECT_DIR);
            Path projectDir = (dir == null ? Path.of("") : Path.of(dir)).toAbsolutePath().normalize();
            digestCache = loadDigestCache();
            filesHashedBefore = FileDigester.filesHashed();
            resolver = new SpecResolver(processingEnv, projectDir, compiledHere, digestCache);
            reporter = new ProblemReporter(processingEnv.getMessager());
            constants = !"false".equalsIgnoreCase(processingEnv.getOptions().get(CONSTANTS));
            runtimePresent = processingEnv.getElementUtils().getTypeElement("dev.imagespec.runtime.ImageSpecs") != null;
        }
        long start = System.nanoTime();
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement t) {
                compiledHere.add(t.getQualifiedName().toString());
            }
        }
        for (TypeElement target : targets(annotations, round)) {
            try {
                handle(target);
            } catch (RuntimeException | IOException e) {
                reporter.error(target, "imagespec-processor could not process " + target.getQualifiedName() + ": "
                        + e + "; this is a bug in the processor, please report it with this class");
            }
        }
        compilationFailed |= round.errorRaised() || reporter.anyErrors();
        if (round.processingOver() && !compilationFailed && !descriptors.isEmpty()) {
            writeDescriptors();
        }
        processingNanos += System.nanoTime() - start;
        if (round.processingOver()) {
            finishDigestCache();
        }
        return false;
    }

    /** The cache named by {@link #CACHE_DIR}, or beside a class output on disk; null when off or in memory. */
    private DigestCache loadDigestCache() {
        String option = processingEnv.getOptions().get(CACHE_DIR);
        if ("none".equals(option)) {
            return null;
        }
        Path classOutput = classOutputDirectory();
        String fileName = (classOutput == null ? "classes" : classOutput.getFileName()) + ".tsv";
        if (option != null && !option.isBlank()) {
            return DigestCache.load(Path.of(option).resolve(fileName));
        }
        // Beside the class output, not in it: the cache must not end up in the jar.
        return classOutput == null || classOutput.getParent() == null ? null
                : DigestCache.load(classOutput.getParent().resolve("imagespec-cache").resolve(fileName));
    }

    private Path classOutputDirectory() {
        try {
            // Never created: only its location is asked for.
            URI probe = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", "imagespec-probe").toUri();
            return "file".equals(probe.getScheme()) ? Path.of(probe).getParent() : null;
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return null; // an in-memory file manager (compile-testing) or an unusual one: no cache
        }
    }

    private void finishDigestCache() {
        if (digestCache != null) {
            try {
                digestCache.save();
            } catch (IOException e) {
                // a cache that cannot be written costs the next compile time, never correctness
                processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE,
                        "imagespec-processor could not save its digest cache (" + e.getMessage() + ")");
            }
        }
        if (Boolean.parseBoolean(processingEnv.getOptions().get(STATS))) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, String.format(java.util.Locale.ROOT,
                    "imagespec: %d specs, %d files hashed, %d digests reused from %s; %d ms in the processor",
                    descriptors.size(), FileDigester.filesHashed() - filesHashedBefore,
                    digestCache == null ? 0 : digestCache.hits(), digestCache == null ? "no cache" : digestCache,
                    processingNanos / 1_000_000));
        }
    }

    /** The types carrying {@code @ImageSpec} directly or through a composed annotation, sorted by name. */
    private List<TypeElement> targets(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<TypeElement> found = new LinkedHashSet<>();
        for (TypeElement annotation : annotations) {
            boolean spec = annotation.getQualifiedName().contentEquals(dev.imagespec.annotations.ImageSpec.class.getCanonicalName());
            if (!spec && SpecResolver.directSpec(annotation) == null) {
                continue;
            }
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e instanceof TypeElement t) {
                    found.add(t);
                }
            }
        }
        List<TypeElement> out = new ArrayList<>(found);
        out.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
        return out;
    }

    private void handle(TypeElement target) throws IOException {
        SpecResolver.Resolution r = resolver.resolve(target);
        if (r == null) {
            return;
        }
        reporter.report(r.problems());
        if (r.blocked() || SpecResolver.isAnnotationType(target)) {
            return; // a composed annotation is a template: the classes that use it get descriptors
        }
        String binaryName = resolver.binaryName(target);
        Descriptor descriptor;
        try {
            descriptor = Descriptor.of(binaryName, r.spec().values());
        } catch (UncheckedIOException | IllegalStateException e) {
            reporter.error(target, e.getMessage());
            return;
        }
        descriptors.put(binaryName, descriptor);
        if (constants) {
            ConstantsGenerator.write(processingEnv.getFiler(), target, r.spec(), descriptor, runtimePresent);
        }
    }

    private void writeDescriptors() {
        try {
            for (Descriptor d : descriptors.values()) {
                write(Descriptor.resourceFor(d.className()), d.toJson());
            }
            write(Descriptor.INDEX, Descriptor.indexJson(new ArrayList<>(descriptors.keySet())));
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "imagespec-processor could not write " + Descriptor.DIRECTORY + ": " + e.getMessage()
                            + "; check that the class output directory is writable");
        }
    }

    private void write(String resource, String content) throws IOException {
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", resource);
        try (Writer w = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            w.write(content);
        }
    }
}
