package dev.imagespec.processor;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * javac writing to real directories, for what compile-testing cannot show: the files a failed
 * compile leaves behind, byte-for-byte output of two compiles, the processor found the way javac
 * finds it in a jar (its service file, on {@code -processorpath}), and javac in another process
 * (another JDK, another locale). A second compile in the same {@code dir} reuses its {@code src},
 * {@code classes} and {@code gen} directories, as a build tool does.
 */
final class RealJavac {
    record Result(boolean success, String diagnostics, Path classes) {}

    private RealJavac() {}

    /** Writes {@code sources} (path → text) under {@code dir}/src and compiles them into {@code dir}/classes. */
    static Result compile(Path dir, Map<String, String> sources, List<String> order, String... extraOptions)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "-classpath",
                System.getProperty("java.class.path"),
                "-processor",
                ComposedSpecProcessor.class.getName() + "," + ImageSpecProcessor.class.getName()));
        args.addAll(List.of(extraOptions));
        return run(dir, sources, order, args);
    }

    /**
     * As a user's build compiles: the processor jar's classes and dependencies on {@code -processorpath},
     * found through its service file (both halves), only the annotations and the runtime (and
     * {@code classPath}) on the class path.
     */
    static Result discovering(
            Path dir, Map<String, String> sources, List<String> order, List<Path> classPath, String... extraOptions)
            throws IOException {
        List<String> args = new ArrayList<>(
                List.of("-processorpath", join(processorPath()), "-classpath", join(userClassPath(classPath))));
        args.addAll(List.of(extraOptions));
        return run(dir, sources, order, args);
    }

    private static Result run(Path dir, Map<String, String> sources, List<String> order, List<String> options)
            throws IOException {
        List<String> args = new ArrayList<>(prepare(dir));
        args.addAll(options);
        args.addAll(write(dir, sources, order));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ok = javac.run(null, out, out, args.toArray(String[]::new)) == 0;
        return new Result(ok, out.toString(StandardCharsets.UTF_8), dir.resolve("classes"));
    }

    /**
     * The same compile as {@link #discovering}, by {@code javaHome}'s javac in a new process with
     * {@code environment} added (e.g. {@code LC_ALL=C}).
     */
    static Result forked(
            Path javaHome,
            Map<String, String> environment,
            Path dir,
            Map<String, String> sources,
            List<String> order,
            String... extraOptions)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(javaHome.resolve("bin/javac").toString()));
        command.addAll(prepare(dir));
        command.addAll(List.of("-processorpath", join(processorPath()), "-classpath", join(userClassPath(List.of()))));
        command.addAll(List.of(extraOptions));
        command.addAll(write(dir, sources, order));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("javac did not finish: " + command);
        }
        // javac writes in the platform encoding of its locale: ASCII under C, so read bytes leniently
        return new Result(p.exitValue() == 0, new String(output, StandardCharsets.UTF_8), dir.resolve("classes"));
    }

    private static List<String> prepare(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("classes"));
        Files.createDirectories(dir.resolve("gen"));
        return List.of(
                "-d",
                dir.resolve("classes").toString(),
                "-s",
                dir.resolve("gen").toString(),
                "-Aimagespec.projectDir=" + dir,
                "--release",
                "17",
                "-encoding",
                "UTF-8");
    }

    private static List<String> write(Path dir, Map<String, String> sources, List<String> order) throws IOException {
        List<String> files = new ArrayList<>();
        for (String name : order) {
            Path file = dir.resolve("src").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, sources.get(name), StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        return files;
    }

    /** The processor's classes (with its service file) and what they need at compile time. */
    static List<Path> processorPath() {
        return locations(
                ImageSpecProcessor.class,
                dev.imagespec.annotations.ImageSpec.class,
                dev.imagespec.runtime.ImageSpecs.class,
                com.fasterxml.jackson.core.JsonFactory.class,
                com.palantir.javapoet.JavaFile.class);
    }

    /** The annotations and the runtime, then {@code extra}: what a task module compiles against. */
    static List<Path> userClassPath(List<Path> extra) {
        List<Path> out = new ArrayList<>(
                locations(dev.imagespec.annotations.ImageSpec.class, dev.imagespec.runtime.ImageSpecs.class));
        out.addAll(extra);
        return out;
    }

    static List<Path> locations(Class<?>... classes) {
        Set<Path> out = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                out.add(Path.of(
                        c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ArrayList<>(out);
    }

    static String join(List<Path> paths) {
        List<String> s = new ArrayList<>();
        paths.forEach(p -> s.add(p.toString()));
        return String.join(File.pathSeparator, s);
    }

    /** Every descriptor and index under {@code classes}, as paths relative to it. */
    static List<String> descriptors(Path classes) throws IOException {
        Path dir = classes.resolve("META-INF/imagespec");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> classes.relativize(f).toString()).sorted().toList();
        }
    }
}
