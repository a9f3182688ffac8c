package dev.imagespec.maven;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecs;
import dev.imagespec.runtime.descriptor.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The specs a module sees: those compiled into its class output ({@code target/classes}, its own) and
 * those of its dependencies (jars or other modules' class directories), read from their
 * {@code META-INF/imagespec/} descriptors. Relative files in specs resolve against the project directory.
 *
 * <p>Example: {@code ProjectSpecs.load(classes, classpath, basedir).select(List.of())} gives the module's own specs.
 */
final class ProjectSpecs {
    private final Map<String, ImageSpec> all;
    private final List<String> own;

    private ProjectSpecs(Map<String, ImageSpec> all, List<String> own) {
        this.all = all;
        this.own = own;
    }

    /**
     * Reads every descriptor on {@code classesDir} and {@code classpath} (the module's class path; its
     * own class output may be among them). Only resources are read: no class is loaded.
     */
    static ProjectSpecs load(Path classesDir, Collection<Path> classpath, Path projectDir) {
        List<Path> entries = new ArrayList<>();
        entries.add(classesDir);
        entries.addAll(classpath);
        return new ProjectSpecs(read(entries, projectDir), ownClasses(classesDir));
    }

    /** Every spec on the class path {@code entries}, by binary class name, sorted; the first entry wins. */
    static Map<String, ImageSpec> read(Collection<Path> entries, Path projectDir) {
        Set<Path> distinct = new LinkedHashSet<>();
        for (Path p : entries) {
            distinct.add(p.toAbsolutePath().normalize());
        }
        List<URL> urls = new ArrayList<>();
        for (Path p : distinct) {
            if (Files.exists(p)) {
                urls.add(url(p));
            }
        }
        // No parent: the specs come from the module's class path alone, not from this plugin's.
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            return ImageSpecs.loadAll(loader, projectDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes listed by {@code classesDir}'s index, e.g. {@code [dev.acme.TrainTask]}; empty without one. */
    static List<String> ownClasses(Path classesDir) {
        Path index = classesDir.resolve(Descriptor.INDEX);
        if (!Files.isRegularFile(index)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(index)) {
            return List.copyOf(Descriptor.readIndex(in, index.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index + ": " + e.getMessage(), e);
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("class path entry " + p + " is not a valid URL", e);
        }
    }

    /** Every spec on the class path, by binary class name, sorted. */
    Map<String, ImageSpec> all() {
        return all;
    }

    /** The module's own classes with specs, sorted. */
    List<String> own() {
        return own;
    }

    /**
     * The specs to work on, by class: {@code classes} (binary names, from anywhere on the class path)
     * when given, else the module's own.
     *
     * @throws IllegalArgumentException naming a class that has no spec, and the known ones
     */
    Map<String, ImageSpec> select(List<String> classes) {
        Map<String, ImageSpec> out = new LinkedHashMap<>();
        if (classes.isEmpty()) {
            for (String c : own) {
                ImageSpec spec = all.get(c);
                if (spec != null) {
                    out.put(c, spec);
                }
            }
            return out;
        }
        for (String c : classes) {
            ImageSpec spec = all.get(c);
            if (spec == null) {
                throw new IllegalArgumentException("class " + c + " (imagespec.classes) has no image spec on this"
                        + " module's class path; known: " + (all.isEmpty() ? "none" : String.join(", ", all.keySet()))
                        + ". Give binary class names, e.g. dev.acme.Outer$Task, separated by commas");
            }
            out.put(c, spec);
        }
        return out;
    }

    /**
     * The class whose descriptor describes {@code spec} (equal values), the module's own first, e.g.
     * the class of a base spec named by {@code baseSpec = Base.class} in another module.
     */
    Optional<String> classOf(ImageSpec spec) {
        for (String c : own) {
            if (spec.equals(all.get(c))) {
                return Optional.of(c);
            }
        }
        for (Map.Entry<String, ImageSpec> e : all.entrySet()) {
            if (spec.equals(e.getValue())) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }
}
