package dev.imagespec.runtime;

import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The specs compiled into the class path: every {@code @ImageSpec} class's generated
 * {@code <Task>_ImageSpec} and descriptor under {@code META-INF/imagespec/}.
 *
 * <pre>{@code
 * String image = ImageSpecs.of(TrainTask.class).imageName();
 * }</pre>
 *
 * <p>{@link #of(Class)} (the task start-up path) looks in the jar or directory the task came from:
 * it takes the spec from the class the processor generated beside the task when the spec asked for
 * constants, {@code <Task>_ImageSpec.values(baseDir)}, which builds it as code; it reads the class's
 * descriptor when there is no such class (the default), and for every spec whose base chain names files ({@code requirements}, {@code copy}, {@code sourceRoot}): their
 * digests and tag are the descriptor's, which {@code imagespec:refresh} rewrites without a recompile.
 * {@link #all()} reads every {@code META-INF/imagespec/index.json} and the descriptors they list,
 * once, lazily. Both cache, and are thread-safe. Relative file paths in specs resolve against system
 * property {@code imagespec.projectDir}, else the working directory; a file that is there and has
 * changed since compile makes {@link ImageSpec#tag()} throw {@link StaleDescriptorException}.
 */
public final class ImageSpecs {
    private static final Map<Class<?>, ImageSpec> BY_CLASS = new ConcurrentHashMap<>();
    private static volatile Map<String, ImageSpec> all;

    private ImageSpecs() {}

    /**
     * The spec of a class compiled with {@code @ImageSpec} (directly or through a composed annotation).
     *
     * <p>From a descriptor, the names ({@link ImageSpec#id()}, and {@link ImageSpec#tag()} and {@link
     * ImageSpec#imageName()} of a spec that names no files) are read here and the fields when first
     * asked: a task start that asks for its image loads no field table. A damaged descriptor fails here
     * when it is not JSON or lacks its names, and from the first method that needs a field of the
     * wrong type; either way with {@link InvalidImageSpecException} or {@link UncheckedIOException}
     * naming it.
     *
     * @throws IllegalArgumentException if the class has neither a generated {@code _ImageSpec} class nor
     *     a descriptor on its class loader's class path
     */
    public static ImageSpec of(Class<?> type) {
        // get-then-put rather than computeIfAbsent(type, ImageSpecs::load): this is the task start-up
        // path, and a method reference costs a generated class. Two threads may both build the spec
        // the first time; both get equal values, and the first one stored wins.
        ImageSpec spec = BY_CLASS.get(type);
        if (spec == null) {
            ImageSpec loaded = load(type);
            spec = BY_CLASS.putIfAbsent(type, loaded);
            if (spec == null) {
                spec = loaded;
            }
        }
        return spec;
    }

    /** Every spec on the context class path, by binary class name, sorted. */
    public static Map<String, ImageSpec> all() {
        Map<String, ImageSpec> v = all;
        if (v == null) {
            synchronized (ImageSpecs.class) {
                v = all;
                if (v == null) {
                    all = v = loadAll(FromDescriptors.classLoader(), baseDir());
                }
            }
        }
        return v;
    }

    /**
     * The spec with image name {@code name} (as lower-cased by flytekit), e.g. {@code named("trainer")}.
     * Several classes may share one spec (composed annotations); specs that share a name but differ
     * are ambiguous.
     */
    public static Optional<ImageSpec> named(String name) {
        return FromDescriptors.named(name);
    }

    /** Every spec listed by the indexes that {@code loader} sees; {@code baseDir} resolves relative files. */
    public static Map<String, ImageSpec> loadAll(ClassLoader loader, Path baseDir) {
        return FromDescriptors.loadAll(loader, baseDir);
    }

    /**
     * Looks in the jar or directory the class came from, where the processor writes both its
     * generated class and its descriptor. Asking the class loader for a class that is not there
     * (the default compile generates none) would open every jar on the class path, which on a task's
     * class path of many jars is most of the start-up cost; it is asked only for a class with no
     * local code source.
     */
    private static ImageSpec load(Class<?> type) {
        Path home = codeHome(type);
        if (home == null) {
            ImageSpec generated = fromGeneratedClass(type);
            return generated != null ? generated : FromDescriptors.fromClassLoader(type);
        }
        String generatedFile = generatedClassName(type).replace('.', '/') + ".class";
        if (Files.isDirectory(home)) {
            ImageSpec generated = Files.isRegularFile(home.resolve(generatedFile)) ? fromGeneratedClass(type) : null;
            return generated != null ? generated : FromDescriptors.fromDirectory(type, home);
        }
        try (JarFile jar = new JarFile(home.toFile(), false)) {
            ImageSpec generated = jar.getEntry(generatedFile) != null ? fromGeneratedClass(type) : null;
            return generated != null ? generated : FromDescriptors.fromJar(type, jar);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + home + ", the jar " + type.getName() + " was loaded from, for"
                            + " its image spec: " + e.getMessage() + "; rebuild the jar",
                    e);
        }
    }

    /** The local jar or directory {@code type} was loaded from, or null (no code source, not a file, a JDK class). */
    private static Path codeHome(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The spec built by the generated {@code <Task>_ImageSpec.values(Path baseDir)}, from the task's
     * class loader: the descriptor's values as code, with the same id and tag, so no JSON is read
     * (see the README's Performance section, start-up). Null when there is no such class or method
     * (compiled with {@code -Aimagespec.constants=false}, without the runtime on the class path,
     * against a runtime that lacks what the code calls, or a spec that names files, which gets no
     * {@code values}), when it was generated for another class, or when its chain names files (a
     * class generated by an older processor): then the descriptor is read. Plain reflection, no method handles or lambdas:
     * they would spin classes at task start-up.
     */
    private static ImageSpec fromGeneratedClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return null; // a JDK class: nothing is generated there
        }
        // Only exception types the JVM has loaded before main are caught here: the verifier loads each
        // caught type, and those of the JDK not in its class-data archive cost a read of the runtime image.
        Method values;
        try {
            // not initialized here: a spec that names files has no values(), and its TAG initializer
            // would come back to of(type) to read the descriptor
            values = Class.forName(generatedClassName(type), false, loader).getMethod("values", Path.class);
        } catch (ReflectiveOperationException | LinkageError e) { // no class, no method, or it failed to load
            return null;
        }
        if (!Modifier.isStatic(values.getModifiers()) || values.getReturnType() != SpecValues.class) {
            return null;
        }
        Object spec;
        try {
            spec = values.invoke(null, baseDir());
        } catch (ReflectiveOperationException e) {
            return FromDescriptors.afterFailedValues(e);
        }
        // the generator names Outer.Inner's class Outer_Inner_ImageSpec: make sure it is this class's;
        // and a spec naming files is the descriptor's (imagespec:refresh rewrites its digests and tag)
        return spec instanceof SpecValues v && type.getName().equals(v.origin().orElse(null)) && !v.namesFilesInChain()
                ? ImageSpec.of(v)
                : null;
    }

    /**
     * The binary name of the class the processor generates for {@code type}: the simple names from
     * the outermost class joined by {@code _}, then {@code _ImageSpec}, in the same package, e.g.
     * {@code dev.acme.Outer$Inner} → {@code dev.acme.Outer_Inner_ImageSpec}.
     */
    static String generatedClassName(Class<?> type) {
        String name = type.getName();
        if (name.indexOf('$') < 0) {
            return name + "_ImageSpec";
        }
        StringBuilder simple = new StringBuilder(type.getSimpleName());
        for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            simple.insert(0, '_').insert(0, c.getSimpleName());
        }
        String pkg = type.getPackageName();
        return pkg.isEmpty() ? simple + "_ImageSpec" : pkg + "." + simple + "_ImageSpec";
    }

    private static Path baseDir() {
        String dir = System.getProperty("imagespec.projectDir");
        return dir == null ? null : Path.of(dir);
    }

    /**
     * What the start-up path through a generated class does not need, kept apart so that loading
     * {@link ImageSpecs} loads none of it: reading descriptors and indexes, and the failures of a
     * generated {@code values}.
     */
    private static final class FromDescriptors {
        private FromDescriptors() {}

        /** After {@code values} failed: null to read the descriptor instead, or what it threw. */
        static ImageSpec afterFailedValues(ReflectiveOperationException e) {
            if (!(e instanceof InvocationTargetException)) {
                return null; // not accessible
            }
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError) {
                return null; // generated against another runtime version: its descriptor still reads
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }

        static Optional<ImageSpec> named(String name) {
            ImageSpec found = null;
            for (ImageSpec spec : all().values()) {
                if (spec.name().equals(name.toLowerCase(java.util.Locale.ROOT))) {
                    if (found != null && !found.id().equals(spec.id())) {
                        throw new IllegalStateException("image name \"" + name + "\" is used by different specs ("
                                + found.origin().orElse("?") + ", "
                                + spec.origin().orElse("?") + "); use ImageSpecs.of(Class)");
                    }
                    found = spec;
                }
            }
            return Optional.ofNullable(found);
        }

        static Map<String, ImageSpec> loadAll(ClassLoader loader, Path baseDir) {
            Map<String, ImageSpec> specs = new LinkedHashMap<>();
            List<String> classes = new ArrayList<>();
            try {
                Enumeration<URL> indexes = loader.getResources(Descriptor.INDEX);
                while (indexes.hasMoreElements()) {
                    URL url = indexes.nextElement();
                    try (InputStream in = url.openStream()) {
                        classes.addAll(Descriptor.readIndex(in, url.toString()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + Descriptor.INDEX + ": " + e.getMessage(), e);
            }
            Collections.sort(classes);
            for (String name : classes) {
                specs.putIfAbsent(name, ImageSpec.of(read(loader, name).toValues(baseDir)));
            }
            return Collections.unmodifiableMap(specs);
        }

        /** From the class loader: for a class with no local code source. */
        static ImageSpec fromClassLoader(Class<?> type) {
            ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : classLoader();
            return ImageSpec.of(read(loader, type.getName()), baseDir());
        }

        /**
         * From the directory the class came from; else the class loader, whose other entries may hold it
         * (an IDE's or build tool's separate resource output).
         */
        static ImageSpec fromDirectory(Class<?> type, Path home) {
            String resource = Descriptor.resourceFor(type.getName());
            Path file = home.resolve(resource);
            if (!Files.isRegularFile(file)) {
                return fromClassLoader(type);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return ImageSpec.of(Descriptor.read(in, resource), baseDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
            }
        }

        /** From the jar the class came from; else the class loader, as {@link #fromDirectory}. */
        static ImageSpec fromJar(Class<?> type, JarFile jar) {
            String resource = Descriptor.resourceFor(type.getName());
            ZipEntry entry = jar.getEntry(resource);
            if (entry == null) {
                return fromClassLoader(type);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return ImageSpec.of(Descriptor.read(in, resource), baseDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
            }
        }

        private static Descriptor read(ClassLoader loader, String className) {
            String resource = Descriptor.resourceFor(className);
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no image spec for " + className + ": " + resource
                            + " is not on the class path; annotate the class with @ImageSpec and compile it with"
                            + " imagespec-processor on the annotation processor path");
                }
                return Descriptor.read(in, resource);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
            }
        }

        static ClassLoader classLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : ImageSpecs.class.getClassLoader();
        }
    }
}
