package dev.imagespec.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.imagespec.annotations.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.spec.SpecValidator;
import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Turns a type into its resolved spec: finds its {@code @ImageSpec} (written on it, or on a
 * composed annotation it carries, through any number of annotation types), reads it, resolves
 * {@code baseSpec} recursively, and runs the shared validation and file checks. Each type is
 * resolved once per compilation, so a chain costs one resolution per spec; cycles (of base specs
 * or of composed annotations) are errors that name the cycle, and chains or compositions deeper
 * than {@link Limits#MAX_DEPTH} are refused before anything recurses into them. A type whose spec
 * javac could not resolve yet ({@code baseSpec} naming a class another processor generates later,
 * or a typo) is {@link Resolution#deferred() deferred}: not remembered, and tried again next round.
 */
final class SpecResolver {
    /** A type's spec (null when it has blocking problems) and every problem found, with its location. */
    record Resolution(
            dev.imagespec.runtime.ImageSpec spec, List<LocatedProblem> problems, boolean composed, boolean deferred) {
        boolean blocked() {
            return spec == null;
        }
    }

    /** javac could not resolve part of the spec yet: try again in a later round. */
    static final Resolution DEFERRED = new Resolution(null, List.of(), false, true);

    private static final String IMAGE_SPEC = ImageSpec.class.getCanonicalName();

    private final ProcessingEnvironment env;
    /** javac's trees, to see annotations it could not resolve; null under another compiler. */
    private final Trees trees;

    private final Path projectDir;
    private final Set<String> compiledHere;
    private final DigestCache digestCache;
    private final Map<String, Resolution> resolved = new HashMap<>();
    private final LinkedHashSet<String> inProgress = new LinkedHashSet<>();
    /** Annotation types by name: how deep their spec is composed (0: none), when known for good. */
    private final Map<String, Integer> specDepths = new HashMap<>();

    private final Set<String> depthInProgress = new LinkedHashSet<>();
    private boolean depthCycle;
    /** Types by name: how many specs their baseSpec chain holds (themselves included); cleared each round. */
    private final Map<String, Integer> chainLengths = new HashMap<>();

    /** {@code digestCache} may be null (no cache). */
    SpecResolver(ProcessingEnvironment env, Path projectDir, Set<String> compiledHere, DigestCache digestCache) {
        this.env = env;
        this.trees = treesOf(env);
        this.projectDir = projectDir;
        this.compiledHere = compiledHere;
        this.digestCache = digestCache;
    }

    private static Trees treesOf(ProcessingEnvironment env) {
        try {
            return Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            return null;
        }
    }

    /** Whether {@code type} comes from a source file of this compile (true when that cannot be told). */
    boolean fromSource(TypeElement type) {
        try {
            return trees == null || trees.getTree(type) != null;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** A new round: what was unresolved may resolve now. */
    void newRound() {
        chainLengths.clear();
    }

    /** The direct {@code @ImageSpec} mirror on {@code type}, if any. */
    static AnnotationMirror directSpec(Element type) {
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (annotationName(m).equals(IMAGE_SPEC)) {
                return m;
            }
        }
        return null;
    }

    private static String annotationName(AnnotationMirror m) {
        return ((TypeElement) m.getAnnotationType().asElement())
                .getQualifiedName()
                .toString();
    }

    /**
     * Whether some annotation on {@code type} is of a type javac could not resolve (yet), e.g. a
     * composed annotation another processor generates in a later round. JDK 22 and later keep such
     * an annotation with an error type; JDK 17 and 21 drop it from the element, so the annotations
     * written in source are compared with the element's, by simple name (a repeated annotation's
     * container counts for what it contains).
     */
    boolean hasUnresolvedAnnotation(Element type) {
        Set<String> present = new java.util.HashSet<>();
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (m.getAnnotationType().getKind() == TypeKind.ERROR) {
                return true;
            }
            present.add(m.getAnnotationType().asElement().getSimpleName().toString());
            for (AnnotationValue v : m.getElementValues().values()) {
                if (v.getValue() instanceof List<?> items) {
                    for (Object item : items) {
                        if (item instanceof AnnotationValue av && av.getValue() instanceof AnnotationMirror inner) {
                            present.add(inner.getAnnotationType()
                                    .asElement()
                                    .getSimpleName()
                                    .toString());
                        }
                    }
                }
            }
        }
        if (trees == null) {
            return false;
        }
        Tree tree;
        try {
            tree = trees.getTree(type);
        } catch (RuntimeException e) {
            return false;
        }
        if (!(tree instanceof ClassTree c)) {
            return false;
        }
        for (AnnotationTree written : c.getModifiers().getAnnotations()) {
            String name = written.getAnnotationType().toString();
            if (!present.contains(name.substring(name.lastIndexOf('.') + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The annotations on {@code type}, other than {@code @ImageSpec}, whose types carry a spec (composed specs). */
    List<AnnotationMirror> composedSpecs(Element type) {
        List<AnnotationMirror> out = new ArrayList<>();
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (m.getAnnotationType().getKind() != TypeKind.ERROR
                    && !annotationName(m).equals(IMAGE_SPEC)
                    && specDepth((TypeElement) m.getAnnotationType().asElement()) > 0) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether {@code type} carries a spec, directly or through composed annotations. */
    boolean carriesSpec(Element type) {
        return directSpec(type) != null || !composedSpecs(type).isEmpty();
    }

    /**
     * How deep annotation type {@code a} carries a spec: 1 when it carries {@code @ImageSpec}, n + 1
     * when it carries an annotation that carries one n deep, 0 when none; more than
     * {@link Limits#MAX_DEPTH} is not followed further. A result that depended on an annotation type
     * still being looked at (a cycle of annotation types) is not remembered.
     */
    int specDepth(TypeElement a) {
        if (a.getKind() != ElementKind.ANNOTATION_TYPE) {
            return 0;
        }
        String name = a.getQualifiedName().toString();
        if (name.equals(IMAGE_SPEC)) {
            return 0;
        }
        if (name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("dev.imagespec.annotations.")) {
            return 0; // never carry a spec; java.lang.annotation's types even carry themselves
        }
        Integer known = specDepths.get(name);
        if (known != null) {
            return known;
        }
        if (depthInProgress.contains(name)) {
            depthCycle = true;
            return 0;
        }
        if (depthInProgress.size() > Limits.MAX_DEPTH) {
            depthCycle = true; // not remembered either: deeper than anything accepted
            return Limits.MAX_DEPTH + 1;
        }
        boolean outerCycle = depthCycle;
        depthCycle = false;
        depthInProgress.add(name);
        int depth = 0;
        try {
            for (AnnotationMirror m : a.getAnnotationMirrors()) {
                if (m.getAnnotationType().getKind() == TypeKind.ERROR) {
                    depthCycle = true; // may resolve later: do not remember
                    continue;
                }
                TypeElement t = (TypeElement) m.getAnnotationType().asElement();
                int d = t.getQualifiedName().contentEquals(IMAGE_SPEC) ? 1 : specDepth(t);
                depth = Math.max(depth, d == 0 || d > Limits.MAX_DEPTH ? d : d + 1);
            }
        } finally {
            depthInProgress.remove(name);
        }
        if (!depthCycle) {
            specDepths.put(name, depth);
        }
        depthCycle |= outerCycle;
        return depth;
    }

    /** The resolution of {@code type}, or null when it carries no spec. */
    Resolution resolve(TypeElement type) {
        String name = type.getQualifiedName().toString();
        Resolution done = resolved.get(name);
        if (done != null) {
            return done;
        }
        if (hasUnresolvedAnnotation(type)) {
            return DEFERRED; // an annotation another processor generates later may be a composed spec
        }
        AnnotationMirror direct = directSpec(type);
        List<AnnotationMirror> composed = composedSpecs(type);
        if (direct == null && composed.isEmpty()) {
            return null;
        }
        if (inProgress.size() > 3 * Limits.MAX_DEPTH) {
            // a chain of base specs each composed through many annotation types: refused, not remembered
            return new Resolution(
                    null,
                    List.of(new LocatedProblem(
                            new SpecLocation(type, direct != null ? direct : composed.get(0), Map.of()),
                            Problem.of(
                                    SpecField.NAME.member(),
                                    Severity.ERROR,
                                    type.getSimpleName()
                                            + "'s image spec is nested more than " + 3 * Limits.MAX_DEPTH
                                            + " levels deep through base specs and"
                                            + " composed annotations (from "
                                            + simple(inProgress.iterator().next()) + "); flatten it"))),
                    false,
                    false);
        }
        inProgress.add(name);
        Resolution r;
        try {
            r = direct != null && composed.isEmpty()
                    ? resolveDirect(type, direct)
                    : resolveComposed(type, direct, composed);
        } finally {
            inProgress.remove(name);
        }
        if (!r.deferred()) {
            resolved.put(name, r);
        }
        return r;
    }

    private Resolution resolveComposed(TypeElement type, AnnotationMirror direct, List<AnnotationMirror> composed) {
        if (composed.size() + (direct == null ? 0 : 1) > 1) {
            List<String> names = new ArrayList<>();
            if (direct != null) {
                names.add("@ImageSpec");
            }
            composed.forEach(
                    c -> names.add("@" + c.getAnnotationType().asElement().getSimpleName()));
            return blocked(
                    new SpecLocation(type, direct != null ? direct : composed.get(0), Map.of()),
                    type.getSimpleName() + " carries " + names.size() + " image specs " + names
                            + "; a class runs in one image: keep one of them");
        }
        AnnotationMirror mirror = composed.get(0);
        TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
        SpecLocation here = new SpecLocation(type, mirror, Map.of());
        String qualified = annotation.getQualifiedName().toString();
        if (inProgress.contains(qualified)) {
            return blocked(
                    here,
                    "composed annotations form a cycle: " + cycle(qualified)
                            + "; an annotation type cannot take its image spec from itself: remove one of them");
        }
        int depth = specDepth(annotation);
        if (depth > Limits.MAX_DEPTH) {
            return blocked(
                    here,
                    "@" + annotation.getSimpleName() + " composes its image spec through more than "
                            + Limits.MAX_DEPTH + " annotation types; at most " + Limits.MAX_DEPTH
                            + " are supported: put"
                            + " @ImageSpec on an annotation type nearer to the classes that use it");
        }
        Resolution template = resolve(annotation);
        if (template == null || template.deferred()) {
            return template == null
                    ? blocked(here, "@" + annotation.getSimpleName() + " carries no image spec")
                    : DEFERRED;
        }
        if (template.blocked()) {
            return blocked(
                    here,
                    "@" + annotation.getSimpleName() + "'s image spec has errors (reported on "
                            + annotation.getQualifiedName() + "); fix them there");
        }
        return new Resolution(
                template.spec().toBuilder().origin(binaryName(type)).build(), List.of(), true, false);
    }

    private Resolution resolveDirect(TypeElement type, AnnotationMirror mirror) {
        SpecReader.Read read = SpecReader.read(type, mirror, projectDir, binaryName(type));
        if (read.erroneous()) {
            return DEFERRED; // javac left an error value in it: resolvable later, or javac reports it
        }
        SpecLocation location = read.location();
        read.builder().digestCache(digestCache);
        List<LocatedProblem> problems = new ArrayList<>();
        read.problems().forEach(p -> problems.add(new LocatedProblem(location, p)));
        if (read.baseSpec() != null && !baseSpec(type, read, problems)) {
            return DEFERRED;
        }
        read.builder().validate().forEach(p -> problems.add(new LocatedProblem(location, p)));
        if (blocking(problems)) {
            return new Resolution(null, problems, false, false);
        }
        dev.imagespec.runtime.ImageSpec spec = read.builder().build();
        SpecValidator.files(spec.values()).problems().forEach(p -> problems.add(new LocatedProblem(location, p)));
        if (!blocking(problems)) {
            SpecValidator.packages(spec.values())
                    .problems()
                    .forEach(p -> problems.add(new LocatedProblem(location, p)));
        }
        return new Resolution(blocking(problems) ? null : spec, problems, false, false);
    }

    /** Resolves the base spec into the builder, or adds a problem; false when it must wait for a later round. */
    private boolean baseSpec(TypeElement type, SpecReader.Read read, List<LocatedProblem> problems) {
        SpecLocation location = read.location();
        TypeMirror baseType = read.baseSpec();
        String baseName = SpecReader.typeName(baseType);
        if (location.members().containsKey(SpecField.BASE_IMAGE) && hasBaseImageString(location)) {
            problems.add(new LocatedProblem(
                    location,
                    Problem.of(
                            SpecField.BASE_IMAGE.member(),
                            Severity.ERROR,
                            dev.imagespec.runtime.validate.Messages.baseImageAndSpec())));
            return true;
        }
        if (!(baseType instanceof DeclaredType declared)) {
            problems.add(located(
                    location,
                    "baseSpec " + baseName + " is not a class; name a class or annotation"
                            + " type that carries @ImageSpec, e.g. baseSpec = BaseImage.class"));
            return true;
        }
        TypeElement base = (TypeElement) declared.asElement();
        String qualified = base.getQualifiedName().toString();
        if (inProgress.contains(qualified)) {
            problems.add(located(
                    location,
                    "baseSpec forms a cycle: " + cycle(qualified)
                            + "; a base image cannot be built from its own child: remove one baseSpec"));
            return true;
        }
        int length = chainLength(type);
        if (length > Limits.MAX_DEPTH) {
            problems.add(located(
                    location,
                    "baseSpec chain of " + type.getSimpleName() + " holds " + length
                            + " specs (" + chainSample(type) + "); at most " + Limits.MAX_DEPTH
                            + " are supported: build"
                            + " on an image name (baseImage = \"...\") somewhere down the chain"));
            return true;
        }
        dev.imagespec.runtime.ImageSpec fromClassPath = compiledHere.contains(qualified) ? null : fromDescriptor(base);
        if (fromClassPath != null) {
            int depth = 1;
            for (SpecValues s = fromClassPath.values();
                    s.baseSpec().isPresent();
                    s = s.baseSpec().get()) {
                depth++;
            }
            if (depth + length - 1 > Limits.MAX_DEPTH) {
                problems.add(located(
                        location,
                        "baseSpec " + qualified + " (compiled elsewhere) is a chain of " + depth
                                + " specs; with " + type.getSimpleName() + "'s own that is more than "
                                + Limits.MAX_DEPTH
                                + ": build on its image name (baseImage = \"" + fromClassPath.imageName()
                                + "\") instead"));
                return true;
            }
            read.builder().baseSpec(fromClassPath);
            return true;
        }
        Resolution r = resolve(base);
        if (r == null) {
            problems.add(located(
                    location,
                    "baseSpec " + qualified + " carries no @ImageSpec; annotate it, or name a"
                            + " class that has one, e.g. baseSpec = BaseImage.class"));
        } else if (r.deferred()) {
            return false;
        } else if (r.blocked()) {
            problems.add(located(
                    location,
                    "baseSpec " + qualified + " has an invalid image spec (reported on it);" + " fix it first"));
        } else {
            read.builder().baseSpec(r.spec());
        }
        return true;
    }

    /**
     * How many specs {@code type}'s baseSpec chain holds through types compiled here (a base from a
     * jar counts one), walked without recursion and remembered, so that the first look at a chain
     * of thousands costs one pass and refuses it before anything recurses.
     */
    int chainLength(TypeElement type) {
        List<String> path = new ArrayList<>();
        Set<String> onPath = new java.util.HashSet<>();
        int below = 0;
        TypeElement cur = type;
        while (cur != null) {
            String name = cur.getQualifiedName().toString();
            Integer known = chainLengths.get(name);
            if (known != null) {
                below = known;
                break;
            }
            if (!onPath.add(name)) {
                break; // a cycle: reported by resolve
            }
            path.add(name);
            cur = compiledHere.contains(name) || cur == type ? baseOf(cur) : null;
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            chainLengths.put(path.get(i), ++below);
        }
        return below;
    }

    /** The first and last few classes of a long chain, for its message. */
    private String chainSample(TypeElement type) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (TypeElement cur = type;
                cur != null && seen.add(cur.getQualifiedName().toString());
                cur = baseOf(cur)) {
            names.add(cur.getSimpleName().toString());
        }
        return names.size() <= 6
                ? String.join(" -> ", names)
                : String.join(" -> ", names.subList(0, 3)) + " -> ... -> "
                        + String.join(" -> ", names.subList(names.size() - 2, names.size()));
    }

    /** The class named by the baseSpec of the spec {@code type} carries (through composed annotations), or null. */
    private TypeElement baseOf(TypeElement type) {
        Element carrier = type;
        for (int depth = 0; depth <= Limits.MAX_DEPTH; depth++) {
            AnnotationMirror direct = directSpec(carrier);
            if (direct != null) {
                for (Map.Entry<? extends javax.lang.model.element.ExecutableElement, ? extends AnnotationValue> e :
                        direct.getElementValues().entrySet()) {
                    if (e.getKey().getSimpleName().contentEquals("baseSpec")
                            && e.getValue().getValue() instanceof DeclaredType d
                            && d.getKind() == TypeKind.DECLARED) {
                        return (TypeElement) d.asElement();
                    }
                }
                return null;
            }
            List<AnnotationMirror> composed = composedSpecs(carrier);
            if (composed.size() != 1) {
                return null;
            }
            carrier = composed.get(0).getAnnotationType().asElement();
        }
        return null;
    }

    private String cycle(String qualified) {
        List<String> cycle = new ArrayList<>();
        boolean in = false;
        for (String n : inProgress) {
            in |= n.equals(qualified);
            if (in) {
                cycle.add(simple(n));
            }
        }
        cycle.add(simple(qualified));
        return String.join(" -> ", cycle);
    }

    private static boolean hasBaseImageString(SpecLocation location) {
        for (var e : location.mirror().getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals("baseImage")) {
                return true;
            }
        }
        return false;
    }

    /** A base spec compiled into another jar: its descriptor, with the digests recorded there. */
    private dev.imagespec.runtime.ImageSpec fromDescriptor(TypeElement base) {
        String resource = Descriptor.resourceFor(binaryName(base));
        try {
            FileObject file = env.getFiler().getResource(StandardLocation.CLASS_PATH, "", resource);
            try (InputStream in = file.openInputStream()) {
                // Its recorded digests are checked against the files when they are here: through the cache.
                return dev.imagespec.runtime.ImageSpec.of(Descriptor.read(in, resource).toValues(projectDir).toBuilder()
                        .digestCache(digestCache)
                        .build());
            }
        } catch (IOException | RuntimeException e) {
            return null; // not on the class path (or unreadable): read its annotation instead
        }
    }

    private Resolution blocked(SpecLocation here, String message) {
        return new Resolution(
                null,
                List.of(new LocatedProblem(here, Problem.of(SpecField.NAME.member(), Severity.ERROR, message))),
                false,
                false);
    }

    private static LocatedProblem located(SpecLocation location, String message) {
        return new LocatedProblem(location, Problem.of(SpecField.BASE_IMAGE.member(), Severity.ERROR, message));
    }

    static boolean blocking(List<LocatedProblem> problems) {
        for (LocatedProblem p : problems) {
            if (p.problem().severity() != Severity.WARNING) {
                return true;
            }
        }
        return false;
    }

    String binaryName(TypeElement type) {
        return env.getElementUtils().getBinaryName(type).toString();
    }

    static boolean isAnnotationType(TypeElement type) {
        return type.getKind() == ElementKind.ANNOTATION_TYPE;
    }

    private static String simple(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
