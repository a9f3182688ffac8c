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
        if (className == null) {
            return specs;
        }
        ImageSpec spec = specs.get(className);
        if (spec == null) {
            throw new IllegalArgumentException("class " + className + " has no image spec here; known: "
                    + String.join(", ", specs.keySet()));
        }
        Map<String, ImageSpec> one = new LinkedHashMap<>();
        one.put(className, spec);
        return one;
    }
}
