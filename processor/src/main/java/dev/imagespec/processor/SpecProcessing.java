package dev.imagespec.processor;

import com.palantir.javapoet.ClassName;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.hash.FileDigester;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The work of one compilation, shared by {@link ImageSpecProcessor} and {@link ComposedSpecProcessor}
 * (whichever javac calls first in a round does the round's work; the other finds it done).
 *
 * <p>Each round it looks at every type of the round's root elements, nested ones included, for a
 * spec ({@code @ImageSpec} directly or through composed annotations of any depth): it does not
 * depend on which annotation types javac hands a processor, so a class whose only annotation is a
 * composed one from another jar is found too. A type javac could not fully resolve yet is tried
 * again in the next round (another processor may generate what it names); one still unresolved when
 * processing is over is left to javac's own error ("cannot find symbol"), and nothing is written.
 *
 * <p>Descriptors and the index are written when javac has finished the whole compilation and has
 * written the class file of every class of it ({@link CompletionWatch}): a compile that fails after
 * annotation processing (a type error in another class, a constant javac rejects while generating
 * code) leaves no descriptor. Where javac's task API is not available (another compiler, a wrapped
 * processing environment) they are written when processing is over, if no error was raised by then.
 */
final class SpecProcessing {
    /** Option: where the spec's relative file paths resolve. */
    static final String PROJECT_DIR = "imagespec.projectDir";
    /**
     * Option: {@code true} generates the constants class of every spec, {@code false} of none; unset,
     * of the specs that ask with {@code @ImageSpec(constants = true)}.
     */
    static final String CONSTANTS = "imagespec.constants";
    /** Option: the directory of the digest cache, or {@code none}. */
    static final String CACHE_DIR = "imagespec.cacheDir";
    /** Option: whether to print a note with what was hashed and reused. */
    static final String STATS = "imagespec.stats";

    static final Set<String> OPTIONS = Set.of(PROJECT_DIR, CONSTANTS, CACHE_DIR, STATS);

    /** The value of {@code @Generated} on the classes this processor generates. */
    static final String GENERATOR = ImageSpecProcessor.class.getName();

    /** javac's own annotations, which it never reports as unclaimed (JavacProcessingEnvironment's platform annotations). */
    private static final Set<String> PLATFORM = Set.of(
            "java.lang.Deprecated",
            "java.lang.FunctionalInterface",
            "java.lang.Override",
            "java.lang.SafeVarargs",
            "java.lang.SuppressWarnings",
            "java.lang.annotation.Documented",
            "java.lang.annotation.Inherited",
            "java.lang.annotation.Native",
            "java.lang.annotation.Repeatable",
            "java.lang.annotation.Retention",
            "java.lang.annotation.Target",
            "java.io.Serial");

    private static final String GENERATED = "javax.annotation.processing.Generated";

    /** One engine per compilation, found through the compilation's {@link Elements} (also when a tool wraps the environment). */
    private static final Map<Elements, WeakReference<SpecProcessing>> ENGINES = new WeakHashMap<>();

    static SpecProcessing of(ProcessingEnvironment env) {
        synchronized (ENGINES) {
            WeakReference<SpecProcessing> ref = ENGINES.get(env.getElementUtils());
            SpecProcessing engine = ref == null ? null : ref.get();
            if (engine == null) {
                engine = new SpecProcessing(env);
                ENGINES.put(env.getElementUtils(), new WeakReference<>(engine));
            }
            return engine;
        }
    }

    private final ProcessingEnvironment env;
    private final long startMillis = System.currentTimeMillis();
    /** Qualified names of every type compiled here (root elements of all rounds, nested types too). */
    private final Set<String> compiledHere = new HashSet<>();
    /** Binary names of the same types: the class files javac must write for the compile to count as done. */
    private final Set<String> classFiles = new LinkedHashSet<>();
    /** Types waiting for a later round, by qualified name. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** The descriptors' JSON by binary class name, written when the compilation is over. */
    private final Map<String, String> descriptors = new TreeMap<>();
    /** Generated class name → the task it was generated for. */
    private final Map<String, String> generatedFor = new HashMap<>();
    /** Binary names of the tasks whose generated class has {@code values(Path)} → that class. */
    private final Map<String, ClassName> withValues = new HashMap<>();

    private SpecResolver resolver;
    private ProblemReporter reporter;
    /** The {@link #CONSTANTS} option: TRUE, FALSE, or null when each spec decides. */
    private Boolean constants;

    private boolean runtimePresent;
    private boolean failed;
    private boolean unresolvedLeft;
    private boolean written;
    private CompletionWatch watch;
    /** The descriptors being written beside the class output while javac compiles; null when none. */
    private DescriptorStage stage;

    private ProcessorStats stats = new ProcessorStats(false);
    private DigestCache digestCache;
    private long filesHashedBefore;
    private Set<? extends Element> lastRoots;
    private boolean lastOver;

    private SpecProcessing(ProcessingEnvironment env) {
        this.env = env;
    }

    /** Does the work of {@code round} once, whichever of the two processors asks. */
    synchronized void round(RoundEnvironment round) {
        Set<? extends Element> roots = round.getRootElements();
        if (lastRoots != null && lastOver == round.processingOver() && lastRoots.equals(roots)) {
            return;
        }
        lastRoots = roots;
        lastOver = round.processingOver();
        try {
            if (resolver == null && !start()) {
                return;
            }
            work(round);
        } catch (RuntimeException | StackOverflowError e) {
            reporter.error("imagespec-processor failed: " + e + "; this is a bug in the processor, please report it");
        }
        if (round.processingOver()) {
            finishProcessing();
        }
    }

    private boolean start() {
        stats = new ProcessorStats(Boolean.parseBoolean(env.getOptions().get(STATS)));
        long started = stats.start();
        try {
            return setUp();
        } finally {
            stats.add(ProcessorStats.Phase.SETUP, started);
        }
    }

    private boolean setUp() {
        WarmUp.start();
        reporter = new ProblemReporter(env.getMessager());
        String dir = env.getOptions().get(PROJECT_DIR);
        Path projectDir;
        try {
            projectDir =
                    (dir == null ? Path.of("") : Path.of(dir)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            reporter.error(
                    "-A" + PROJECT_DIR + "=" + Values.quote(dir) + " cannot be a path on this machine (" + e.getReason()
                            + "); name an ASCII directory, or run javac under a UTF-8 locale (e.g. LC_ALL=C.UTF-8)");
            failed = true;
            return false;
        }
        digestCache = loadDigestCache();
        filesHashedBefore = FileDigester.filesHashed();
        resolver = new SpecResolver(env, projectDir, compiledHere, digestCache);
        String option = env.getOptions().get(CONSTANTS);
        constants = (option == null || option.isBlank()) ? null : Boolean.valueOf(option.strip());
        runtimePresent = env.getElementUtils().getTypeElement("dev.imagespec.runtime.ImageSpecs") != null;
        watch = CompletionWatch.register(env, this::compilationFinished);
        return true;
    }

    private void work(RoundEnvironment round) {
        long scanning = stats.start();
        resolver.newRound();
        List<TypeElement> types = new ArrayList<>();
        for (Element root : round.getRootElements()) {
            collectTypes(root, types);
        }
        Map<String, TypeElement> targets = new TreeMap<>();
        for (TypeElement t : types) {
            String name = t.getQualifiedName().toString();
            compiledHere.add(name);
            if (resolver.fromSource(t)) {
                classFiles.add(resolver.binaryName(t)); // a class file another processor wrote is not javac's to write
            }
        }
        for (TypeElement t : types) {
            if (resolver.hasUnresolvedAnnotation(t) || resolver.carriesSpec(t)) {
                targets.put(t.getQualifiedName().toString(), t);
            }
        }
        stats.add(ProcessorStats.Phase.SCAN, scanning);
        if (round.processingOver()) {
            // nothing new can resolve in the last round (it comes when no file was generated in the
            // one before): what is still unresolved is javac's error to report
            unresolvedLeft |= !deferred.isEmpty();
        } else {
            for (String name : deferred) {
                TypeElement t = env.getElementUtils().getTypeElement(name);
                if (t != null) {
                    targets.putIfAbsent(name, t);
                }
            }
            deferred.clear();
        }
        List<Resolved> done = new ArrayList<>();
        for (TypeElement target : targets.values()) {
            long started = stats.start();
            try {
                Resolved r = handle(target, started);
                if (r != null) {
                    done.add(r);
                }
            } catch (RuntimeException | StackOverflowError e) {
                crashed(target, e);
            }
        }
        // base specs first, so that a spec's generated class can build its base with the base's own
        done.sort(java.util.Comparator.comparingInt(Resolved::depth));
        long generating = stats.start();
        for (Resolved r : done) {
            try {
                if (!wantsConstants(r.target()) || generate(r.target(), r.spec(), r.descriptor())) {
                    descriptors.put(r.descriptor().className(), r.json());
                }
            } catch (RuntimeException | IOException | StackOverflowError e) {
                crashed(r.target(), e);
            }
        }
        stats.add(ProcessorStats.Phase.CONSTANTS, generating);
        failed |= round.errorRaised() || reporter.anyErrors();
    }

    private void crashed(TypeElement target, Throwable e) {
        reporter.error(
                target,
                specMirror(target),
                "imagespec-processor could not process " + target.getQualifiedName() + ": " + e
                        + "; this is a bug in the processor, please report it with this class");
    }

    /** A spec ready to be written: its descriptor and JSON, and how many base specs it stands on. */
    private record Resolved(
            TypeElement target, dev.imagespec.runtime.ImageSpec spec, Descriptor descriptor, String json, int depth) {}

    /** {@code e} and every type nested in it, at any depth. */
    private static void collectTypes(Element e, List<TypeElement> out) {
        if (e instanceof TypeElement t) {
            out.add(t);
            for (Element enclosed : t.getEnclosedElements()) {
                if (enclosed instanceof TypeElement) {
                    collectTypes(enclosed, out);
                }
            }
        }
    }

    /**
     * Resolves {@code target} and reports its problems; its descriptor when it is a class with a
     * valid spec. Never called in the last round, which has no root elements and retries nothing.
     */
    private Resolved handle(TypeElement target, long started) {
        SpecResolver.Resolution r;
        try {
            r = resolver.resolve(target);
        } finally {
            stats.add(ProcessorStats.Phase.RESOLVE, started);
        }
        if (r == null) {
            return null;
        }
        if (r.deferred()) {
            deferred.add(target.getQualifiedName().toString());
            return null;
        }
        reporter.report(r.problems());
        if (r.blocked() || SpecResolver.isAnnotationType(target)) {
            return null; // a composed annotation is a template: the classes that use it get descriptors
        }
        String binaryName = resolver.binaryName(target);
        long rendering = stats.start();
        try {
            Descriptor descriptor = Descriptor.of(binaryName, r.spec().values());
            int depth = 0;
            for (var s = r.spec().values();
                    s.baseSpec().isPresent();
                    s = s.baseSpec().get()) {
                depth++;
            }
            return new Resolved(target, r.spec(), descriptor, descriptor.toJson(), depth);
        } catch (java.io.UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            reporter.error(
                    target,
                    specMirror(target),
                    "the image spec of " + target.getQualifiedName() + " cannot be" + " recorded: " + e.getMessage());
            return null;
        } finally {
            stats.add(ProcessorStats.Phase.RENDER, rendering);
        }
    }

    /** Whether {@code target} gets a constants class: the option, else its spec's {@code constants} member. */
    private boolean wantsConstants(TypeElement target) {
        return constants != null ? constants : asksForConstants(target, 0);
    }

    /** Whether {@code @ImageSpec(constants = true)} is on {@code e}, or on a composed annotation of it at any depth. */
    private boolean asksForConstants(Element e, int depth) {
        AnnotationMirror direct = SpecResolver.directSpec(e);
        if (direct != null) {
            for (Map.Entry<? extends javax.lang.model.element.ExecutableElement, ? extends AnnotationValue> v :
                    direct.getElementValues().entrySet()) {
                if (v.getKey().getSimpleName().contentEquals(SpecReader.CONSTANTS_MEMBER)) {
                    return Boolean.TRUE.equals(v.getValue().getValue());
                }
            }
            return false;
        }
        if (depth < Limits.MAX_DEPTH) {
            for (AnnotationMirror composed : resolver.composedSpecs(e)) {
                if (asksForConstants(composed.getAnnotationType().asElement(), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The annotation that holds {@code target}'s spec, for errors about the spec as a whole. */
    private AnnotationMirror specMirror(TypeElement target) {
        AnnotationMirror direct = SpecResolver.directSpec(target);
        if (direct != null) {
            return direct;
        }
        List<AnnotationMirror> composed = resolver.composedSpecs(target);
        return composed.isEmpty() ? null : composed.get(0);
    }

    /** Generates {@code <Task>_ImageSpec}, or reports why its name is taken; false when it was not generated. */
    private boolean generate(TypeElement target, dev.imagespec.runtime.ImageSpec spec, Descriptor descriptor)
            throws IOException {
        ClassName generated = ConstantsGenerator.generatedName(target);
        String generatedName = generated.canonicalName();
        String task = target.getQualifiedName().toString();
        String taken = generatedFor.putIfAbsent(generatedName, task);
        AnnotationMirror mirror = specMirror(target);
        if (taken != null) {
            reporter.error(
                    target,
                    mirror,
                    "the class generated for " + task + " would be " + generatedName
                            + ", which is already the one generated for " + taken
                            + " (the processor names the class of a nested"
                            + " Outer.Inner Outer_Inner_ImageSpec): rename one of the two classes, or compile with"
                            + " -A" + CONSTANTS + "=false");
            return false;
        }
        TypeElement existing = env.getElementUtils().getTypeElement(generatedName);
        if (existing != null && compiledHere.contains(generatedName)) {
            generatedFor.remove(generatedName);
            reporter.error(
                    target,
                    mirror,
                    isOurs(existing)
                            ? generatedName + ".java, generated for " + task
                                    + " by an earlier compile, is among this compile's"
                                    + " sources: delete the generated-sources directory (javac -s) and compile again"
                            : "the class generated for " + task + " would be " + generatedName
                                    + ", which a class of this"
                                    + " compile already declares: rename that class, or compile with -A" + CONSTANTS
                                    + "=false");
            return false;
        }
        try {
            if (ConstantsGenerator.write(env.getFiler(), target, spec, descriptor, runtimePresent, withValues::get)) {
                withValues.put(resolver.binaryName(target), generated);
            }
            return true;
        } catch (FilerException e) {
            generatedFor.remove(generatedName);
            reporter.error(
                    target,
                    mirror,
                    "the class generated for " + task + ", " + generatedName + ", cannot be"
                            + " created (" + e.getMessage()
                            + "): another class or processor has made a type by that name;"
                            + " rename one of them, or compile with -A" + CONSTANTS + "=false");
            return false;
        }
    }

    /** Whether {@code type} carries {@code @Generated} with this processor's name. */
    static boolean isOurs(Element type) {
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(GENERATED)) {
                for (Map.Entry<? extends javax.lang.model.element.ExecutableElement, ? extends AnnotationValue> e :
                        m.getElementValues().entrySet()) {
                    if (e.getKey().getSimpleName().contentEquals("value")
                            && e.getValue().getValue() instanceof List<?> l) {
                        for (Object item : l) {
                            if (item instanceof AnnotationValue v && GENERATOR.equals(v.getValue())) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether {@link ComposedSpecProcessor} claims {@code annotations}: only when one of them is a
     * composed spec or {@code @Generated} on the classes generated here (what {@code -Xlint:processing}
     * would otherwise report as unclaimed because of this processor), and every one is the project's
     * own (its package, a composed spec, that {@code @Generated}) or one of javac's platform
     * annotations, so that no other processor's annotation is taken from it. A round with nothing of
     * that kind is not claimed, so that javac goes on offering it to the processors after this one.
     */
    synchronized boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (resolver == null || annotations.isEmpty()) {
            return false;
        }
        try {
            boolean needed = false;
            for (TypeElement a : annotations) {
                String name = a.getQualifiedName().toString();
                if (name.startsWith("dev.imagespec.annotations.") || PLATFORM.contains(name)) {
                    continue;
                }
                if (resolver.specDepth(a) > 0
                        || (name.equals(GENERATED) && allOurs(round.getElementsAnnotatedWith(a)))) {
                    needed = true;
                    continue;
                }
                return false;
            }
            return needed;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean allOurs(Set<? extends Element> elements) {
        for (Element e : elements) {
            if (!isOurs(e)) {
                return false;
            }
        }
        return true;
    }

    private void finishProcessing() {
        if (resolver == null) {
            return;
        }
        failed |= reporter.anyErrors();
        long saving = stats.start();
        if (digestCache != null) {
            try {
                digestCache.save();
            } catch (IOException | RuntimeException e) {
                // a cache that cannot be written costs the next compile time, never correctness
                env.getMessager()
                        .printMessage(
                                Diagnostic.Kind.NOTE,
                                "imagespec-processor could not save its digest cache (" + e.getMessage() + ")");
            }
        }
        stats.add(ProcessorStats.Phase.CACHE, saving);
        stats.countClasses();
        if (watch != null && !failed && !unresolvedLeft && !descriptors.isEmpty()) {
            Path classOutput = classOutputDirectory();
            if (classOutput != null) {
                stage = DescriptorStage.start(classOutput, descriptorFiles());
            }
        }
        if (watch == null) {
            if (!failed && !unresolvedLeft) {
                long writing = stats.start();
                writeDescriptors(); // no task events to wait for: as good as it gets
                stats.add(ProcessorStats.Phase.WRITE, writing);
            }
            printStats();
        }
    }

    /** The {@code -Aimagespec.stats} note, once the processor's last phase is over. */
    private void printStats() {
        if (!stats.on()) {
            return;
        }
        // plain concatenation: String.format would load the locale machinery inside javac just for this
        env.getMessager()
                .printMessage(
                        Diagnostic.Kind.NOTE,
                        "imagespec: " + descriptors.size() + " specs, "
                                + (FileDigester.filesHashed() - filesHashedBefore)
                                + " files hashed, " + (digestCache == null ? 0 : digestCache.hits())
                                + " digests reused from " + (digestCache == null ? "no cache" : digestCache) + "; "
                                + stats.totalMillis() + " ms in the processor (" + stats.phases() + "), "
                                + stats.classesLoaded() + " classes loaded while processing");
    }

    /** Called by {@link CompletionWatch} when javac has finished: writes the descriptors if it wrote every class. */
    synchronized void compilationFinished() {
        if (resolver == null || written) {
            return;
        }
        try {
            if (!descriptors.isEmpty() && !failed && !unresolvedLeft) {
                long writing = stats.start();
                writeIfComplete();
                stats.add(ProcessorStats.Phase.WRITE, writing);
            }
        } finally {
            if (stage != null && !written) {
                stage.discard();
            }
            printStats();
        }
    }

    private void writeIfComplete() {
        try {
            List<String> missing = new ArrayList<>();
            for (String c : classFiles) {
                if (!watch.generated(c) || !fresh(c)) {
                    missing.add(c);
                }
            }
            if (missing.isEmpty()) {
                writeDescriptors();
            } else if (watch.analyzed() == 0) {
                env.getMessager()
                        .printMessage(
                                Diagnostic.Kind.NOTE,
                                "imagespec-processor wrote no descriptors:"
                                        + " javac generated no class files (the compile failed, or ran with -proc:only); they are"
                                        + " written with the class files of a compile that succeeds");
            } else {
                env.getMessager()
                        .printMessage(
                                Diagnostic.Kind.NOTE,
                                "imagespec-processor wrote no descriptors: javac"
                                        + " did not write the class file of " + missing.get(0)
                                        + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "")
                                        + " into the class output (an error, or no -d directory)");
            }
        } catch (RuntimeException e) {
            reporter.error("imagespec-processor could not write " + Descriptor.DIRECTORY + ": " + e
                    + "; this is a bug in the processor, please report it");
        }
    }

    /**
     * Whether javac wrote the class file of {@code binaryName} in this compile: it writes none once an
     * error has been reported, even for a class it goes on to "generate". True when it cannot be told
     * (an unusual file manager).
     */
    private boolean fresh(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binaryName.substring(0, dot);
        try {
            FileObject file = env.getFiler()
                    .getResource(StandardLocation.CLASS_OUTPUT, pkg, binaryName.substring(dot + 1) + ".class");
            long modified = file.getLastModified();
            if (modified > 0) {
                // a file system may keep whole seconds, or two (FAT): a little slack
                return modified >= startMillis - 2_000;
            }
            try (InputStream in = file.openInputStream()) {
                return in.read() >= 0;
            }
        } catch (IOException e) {
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void writeDescriptors() {
        try {
            if (stage != null) {
                written = true;
                stage.commit();
                return;
            }
            written = true;
            Path classOutput = classOutputDirectory();
            for (Map.Entry<String, String> f : descriptorFiles().entrySet()) {
                write(classOutput, f.getKey(), f.getValue());
            }
        } catch (IOException | RuntimeException e) {
            reporter.error("imagespec-processor could not write " + Descriptor.DIRECTORY + ": " + e.getMessage()
                    + "; check that the class output directory is writable");
        }
    }

    /** Every file a successful compile writes, by resource name: the descriptors, then the index. */
    private Map<String, String> descriptorFiles() {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        descriptors.forEach((className, json) -> files.put(Descriptor.resourceFor(className), json));
        files.put(Descriptor.INDEX, Descriptor.indexJson(new ArrayList<>(descriptors.keySet())));
        return files;
    }

    /**
     * Writes one resource where nothing could be staged ({@link DescriptorStage}): straight into
     * {@code classOutput} when the class output is a directory on disk, else through the
     * {@link javax.annotation.processing.Filer}. Measured: javac's Filer checks every file it creates
     * against every source and every file created before, 0.55 ms a descriptor in a 1,000-task compile
     * (a cost that grows with the square of the module). Nothing else writes there at this point:
     * javac has finished the compilation, and these are resources no later tool asks the Filer about.
     */
    private void write(Path classOutput, String resource, String content) throws IOException {
        if (classOutput != null) {
            Path target = classOutput.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, content.getBytes(StandardCharsets.UTF_8));
            return;
        }
        FileObject file = env.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", resource);
        try (OutputStream out = file.openOutputStream()) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The cache named by {@link #CACHE_DIR}, or beside a class output on disk; null when off or in memory. */
    private DigestCache loadDigestCache() {
        String option = env.getOptions().get(CACHE_DIR);
        if ("none".equals(option)) {
            return null;
        }
        try {
            Path classOutput = classOutputDirectory();
            String fileName = (classOutput == null ? "classes" : classOutput.getFileName()) + ".tsv";
            if (option != null && !option.isBlank()) {
                return DigestCache.load(Path.of(option).resolve(fileName));
            }
            // Beside the class output, not in it: the cache must not end up in the jar.
            return classOutput == null || classOutput.getParent() == null
                    ? null
                    : DigestCache.load(
                            classOutput.getParent().resolve("imagespec-cache").resolve(fileName));
        } catch (RuntimeException e) {
            return null; // a cache is an optimisation: none rather than no compile
        }
    }

    private Path classOutputDirectory() {
        try {
            // Never created: only its location is asked for.
            URI probe = env.getFiler()
                    .getResource(StandardLocation.CLASS_OUTPUT, "", "imagespec-probe")
                    .toUri();
            return "file".equals(probe.getScheme()) ? Path.of(probe).getParent() : null;
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return null; // an in-memory file manager (compile-testing) or an unusual one: no cache
        }
    }
}
