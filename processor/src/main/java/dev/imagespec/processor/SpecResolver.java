package dev.imagespec.processor;

import dev.imagespec.annotations.ImageSpec;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.hash.DigestCache;
import dev.imagespec.runtime.spec.SpecValidator;
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
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Turns a type into its resolved spec: finds its {@code @ImageSpec} (written on it, or on a
 * composed annotation it carries), reads it, resolves {@code baseSpec} recursively (cycles are
 * an error that names the cycle), and runs the shared validation and file checks. Each type is
 * resolved once per compilation.
 */
final class SpecResolver {
    /** A type's spec (null when it has blocking problems) and every problem found, with its location. */
    record Resolution(dev.imagespec.runtime.ImageSpec spec, List<LocatedProblem> problems, boolean composed) {
        boolean blocked() {
            return spec == null;
        }
    }

    private static final String IMAGE_SPEC = ImageSpec.class.getCanonicalName();

    private final ProcessingEnvironment env;
    private final Path projectDir;
    private final Set<String> compiledHere;
    private final DigestCache digestCache;
    private final Map<String, Resolution> resolved = new HashMap<>();
    private final LinkedHashSet<String> inProgress = new LinkedHashSet<>();

    /** {@code digestCache} may be null (no cache). */
    SpecResolver(ProcessingEnvironment env, Path projectDir, Set<String> compiledHere, DigestCache digestCache) {
        this.env = env;
        this.projectDir = projectDir;
        this.compiledHere = compiledHere;
        this.digestCache = digestCache;
    }

    /** The direct {@code @ImageSpec} mirror on {@code type}, if any. */
    static AnnotationMirror directSpec(TypeElement type) {
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(IMAGE_SPEC)) {
                return m;
            }
        }
        return null;
    }

    /** The annotations on {@code type} that carry {@code @ImageSpec} (composed specs). */
    static List<TypeElement> composedSpecs(TypeElement type) {
        List<TypeElement> out = new ArrayList<>();
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            TypeElement annotation = (TypeElement) m.getAnnotationType().asElement();
            if (!annotation.getQualifiedName().contentEquals(IMAGE_SPEC) && directSpec(annotation) != null) {
                out.add(annotation);
            }
        }
        return out;
    }

    /** The resolution of {@code type}, or null when it carries no spec. */
    Resolution resolve(TypeElement type) {
        String name = type.getQualifiedName().toString();
        Resolution done = resolved.get(name);
        if (done != null) {
            return done;
        }
        AnnotationMirror direct = directSpec(type);
        List<TypeElement> composed = composedSpecs(type);
        if (direct == null && composed.isEmpty()) {
            return null;
        }
        inProgress.add(name);
        try {
            Resolution r = direct != null && composed.isEmpty() ? resolveDirect(type, direct)
                    : resolveComposed(type, direct, composed);
            resolved.put(name, r);
            return r;
        } finally {
            inProgress.remove(name);
        }
    }

    private Resolution resolveComposed(TypeElement type, AnnotationMirror direct, List<TypeElement> composed) {
        SpecLocation here = new SpecLocation(type, direct, Map.of());
        if (composed.size() + (direct == null ? 0 : 1) > 1) {
            List<String> names = new ArrayList<>();
            if (direct != null) {
                names.add("@ImageSpec");
            }
            composed.forEach(c -> names.add("@" + c.getSimpleName()));
            return blocked(here, type.getSimpleName() + " carries " + names.size() + " image specs " + names
                    + "; a class runs in one image: keep one of them");
        }
        TypeElement annotation = composed.get(0);
        Resolution template = resolve(annotation);
        if (template.blocked()) {
            return blocked(here, "@" + annotation.getSimpleName() + "'s image spec has errors (reported on "
                    + annotation.getQualifiedName() + "); fix them there");
        }
        return new Resolution(template.spec().toBuilder().origin(binaryName(type)).build(), List.of(), true);
    }

    private Resolution resolveDirect(TypeElement type, AnnotationMirror mirror) {
        SpecReader.Read read = SpecReader.read(type, mirror, projectDir, binaryName(type));
        SpecLocation location = read.location();
        read.builder().digestCache(digestCache);
        List<LocatedProblem> problems = new ArrayList<>();
        read.problems().forEach(p -> problems.add(new LocatedProblem(location, p)));
        if (read.baseSpec() != null) {
            baseSpec(read, problems);
        }
        read.builder().validate().forEach(p -> problems.add(new LocatedProblem(location, p)));
        if (blocking(problems)) {
            return new Resolution(null, problems, false);
        }
        dev.imagespec.runtime.ImageSpec spec = read.builder().build();
        SpecValidator.files(spec.values()).problems().forEach(p -> problems.add(new LocatedProblem(location, p)));
        if (!blocking(problems)) {
            SpecValidator.packages(spec.values()).problems().forEach(p -> problems.add(new LocatedProblem(location, p)));
        }
        return new Resolution(blocking(problems) ? null : spec, problems, false);
    }

    private void baseSpec(SpecReader.Read read, List<LocatedProblem> problems) {
        SpecLocation location = read.location();
        TypeMirror baseType = read.baseSpec();
        String baseName = SpecReader.typeName(baseType);
        if (location.members().containsKey(SpecField.BASE_IMAGE) && hasBaseImageString(location)) {
            problems.add(new LocatedProblem(location, Problem.of(SpecField.BASE_IMAGE.member(), Severity.ERROR,
                    dev.imagespec.runtime.validate.Messages.baseImageAndSpec())));
            return;
        }
        if (!(baseType instanceof DeclaredType declared)) {
            problems.add(located(location, "baseSpec " + baseName + " is not a class; name a class or annotation"
                    + " type that carries @ImageSpec, e.g. baseSpec = BaseImage.class"));
            return;
        }
        TypeElement base = (TypeElement) declared.asElement();
        String qualified = base.getQualifiedName().toString();
        if (inProgress.contains(qualified)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String n : inProgress) {
                in |= n.equals(qualified);
                if (in) {
                    cycle.add(simple(n));
                }
            }
            cycle.add(simple(qualified));
            problems.add(located(location, "baseSpec forms a cycle: " + String.join(" -> ", cycle)
                    + "; a base image cannot be built from its own child: remove one baseSpec"));
            return;
        }
        dev.imagespec.runtime.ImageSpec fromClassPath = compiledHere.contains(qualified) ? null : fromDescriptor(base);
        if (fromClassPath != null) {
            read.builder().baseSpec(fromClassPath);
            return;
        }
        Resolution r = resolve(base);
        if (r == null) {
            problems.add(located(location, "baseSpec " + qualified + " carries no @ImageSpec; annotate it, or name a"
                    + " class that has one, e.g. baseSpec = BaseImage.class"));
        } else if (r.blocked()) {
            problems.add(located(location, "baseSpec " + qualified + " has an invalid image spec (reported on it);"
                    + " fix it first"));
        } else {
            read.builder().baseSpec(r.spec());
        }
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
                return dev.imagespec.runtime.ImageSpec.of(
                        Descriptor.read(in, resource).toValues(projectDir).toBuilder().digestCache(digestCache).build());
            }
        } catch (IOException | IllegalArgumentException e) {
            return null; // not on the class path: read its annotation instead
        }
    }

    private Resolution blocked(SpecLocation here, String message) {
        return new Resolution(null, List.of(new LocatedProblem(here, Problem.of(SpecField.NAME.member(), Severity.ERROR, message))), false);
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
