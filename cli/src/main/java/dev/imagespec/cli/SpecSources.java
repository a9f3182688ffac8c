package dev.imagespec.cli;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecYaml;
import dev.imagespec.runtime.ImageSpecs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the commands get specs from: spec files, or the descriptors on a class path or in jars. */
final class SpecSources {
    private SpecSources() {}

    /** A spec file (YAML, or JSON by its {@code .json} name); relative paths against {@code baseDir} or the working directory. */
    static ImageSpec file(Path file, Path baseDir) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("spec file " + file + " does not exist; give a flytekit ImageSpec YAML"
                    + " (.yaml) or JSON (.json) file");
        }
        return ImageSpecYaml.read(file, baseDir);
    }

    /**
     * Every spec compiled into {@code classpath} (entries separated by the path separator), by
     * class name. Relative files in specs resolve against {@code projectDir} (for stale checks).
     */
    static Map<String, ImageSpec> classpath(String classpath, Path projectDir) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator, -1)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("class path entry " + entry + " does not exist; build first"
                        + " (mvn package) or fix the path");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Map<String, ImageSpec> specs = ImageSpecs.loadAll(loader, projectDir);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no image specs on class path " + classpath + ": no "
                    + "META-INF/imagespec/index.json; compile @ImageSpec classes with imagespec-processor");
        }
        return specs;
    }

    /** One class's spec, or all when {@code className} is null. */
    static Map<String, ImageSpec> pick(Map<String, ImageSpec> specs, String className) {
        return pick(specs, className == null ? List.of() : List.of(className));
    }

    /** The specs of {@code classNames}, in that order, or all when it is empty. */
    static Map<String, ImageSpec> pick(Map<String, ImageSpec> specs, List<String> classNames) {
        if (classNames.isEmpty()) {
            return specs;
        }
        Map<String, ImageSpec> picked = new LinkedHashMap<>();
        for (String className : classNames) {
            ImageSpec spec = specs.get(className);
            if (spec == null) {
                throw new IllegalArgumentException(
                        "class " + className + " has no image spec here; known: " + String.join(", ", specs.keySet()));
            }
            picked.put(className, spec);
        }
        return picked;
    }

    /**
     * Whether an operand reads as a Java binary class name ({@code com.acme.TrainTask},
     * {@code com.acme.Outer$Inner}): identifiers joined by dots, at least one dot, nothing an image
     * reference needs to locate a registry ({@code /}, {@code :}, {@code @}).
     */
    static boolean looksLikeClassName(String operand) {
        return CLASS_NAME.matcher(operand).matches();
    }

    private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)+");

    /**
     * What the operands of a command name, in order: spec files (an operand that is a file), and with a
     * class path the compiled classes named by {@code --class} or by an operand that is a class on it or
     * reads as a class name ({@link #looksLikeClassName}); every other operand is left for the caller
     * ({@code exists} takes it as an image reference). Without a class path an operand that reads as a
     * class name is left too, and {@code --class} is refused.
     */
    static Resolved resolve(List<String> operands, List<String> classNames, String classpath, Path projectDir) {
        if (classpath == null && !classNames.isEmpty()) {
            throw new IllegalArgumentException("--class " + classNames.get(0)
                    + " needs --classpath CP: the jars or class" + " directories holding its compiled spec");
        }
        Map<String, ImageSpec> onClasspath = classpath == null ? null : classpath(classpath, projectDir);
        Map<String, ImageSpec> specs = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        List<String> order = new ArrayList<>();
        boolean classNamed = !classNames.isEmpty();
        for (String operand : operands) {
            if (isFile(operand)) {
                specs.put(operand, file(Path.of(operand), projectDir));
            } else if (onClasspath != null && (onClasspath.containsKey(operand) || looksLikeClassName(operand))) {
                specs.putAll(pick(onClasspath, operand));
                classNamed = true;
            } else {
                others.add(operand);
            }
            order.add(operand);
        }
        if (onClasspath != null) {
            // the classes --class names, or every class when no class is named at all
            Map<String, ImageSpec> rest =
                    !classNamed ? onClasspath : classNames.isEmpty() ? Map.of() : pick(onClasspath, classNames);
            rest.forEach((cls, spec) -> {
                if (specs.putIfAbsent(cls, spec) == null) {
                    order.add(cls);
                }
            });
        }
        return new Resolved(specs, others, order);
    }

    private static boolean isFile(String operand) {
        try {
            return Files.isRegularFile(Path.of(operand));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * The specs operands named (by label: file or class name, in the order given, then the classes named by
     * {@code --class} or all of the class path), the operands that named none, and every label of both in
     * the order given.
     */
    record Resolved(Map<String, ImageSpec> specs, List<String> others, List<String> order) {}
}
