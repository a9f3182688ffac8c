package dev.imagespec.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * {@code startup}: a fresh JVM whose {@code main} prints {@code ImageSpecs.of(Start.class).imageName()}
 * vs one whose {@code main} prints a constant, both with the same class path: a jar of 1,000 task
 * classes as the processor compiles them by default (descriptors, no generated classes), the runtime
 * jar and its dependencies. Medians of alternating runs are compared. Also reports the runtime jar's
 * size, the classes each JVM loads ({@code -Xlog:class+load}), and, not part of the verdict, the
 * constants path: the same tasks compiled with {@code constants = true}, where the generated
 * {@code _ImageSpec} class holds the spec as code.
 */
final class StartupBenchmark {
    private StartupBenchmark() {}

    static boolean run(boolean quick) throws IOException {
        Path dir = Files.createTempDirectory("imagespec-startup-bench-");
        try {
            return measure(dir, quick);
        } finally {
            Bench.cleanUp(dir);
        }
    }

    private static boolean measure(Path dir, boolean quick) throws IOException {
        int descriptors = quick ? 100 : 1000;
        int rounds = quick ? 3 : 21;
        System.out.printf(
                "startup: fresh JVM, ImageSpecs.of(C.class).imageName() with %d compiled specs on the"
                        + " class path vs printing a constant, %d rounds%n",
                descriptors, rounds);
        Path jar = tasksJar(dir, descriptors);
        List<String> runtimeClasspath = runtimeClasspath();
        List<String> cp = new ArrayList<>(List.of(
                withoutGeneratedClasses(jar, dir.resolve("descriptors.jar")).toString()));
        cp.addAll(runtimeClasspath);
        String classpath = Bench.path(cp);
        List<String> constantsCp = new ArrayList<>(List.of(jar.toString()));
        constantsCp.addAll(runtimeClasspath);
        String constantsClasspath = Bench.path(constantsCp);

        Bench.Run spec = Bench.run(List.of(Bench.java(), "-cp", classpath, "bench.Start"));
        Bench.run(List.of(Bench.java(), "-cp", classpath, "bench.Constant")); // both warm the page cache
        if (!spec.output().trim().startsWith("ghcr.io/acme/start:")) {
            throw new IllegalStateException("bench.Start printed " + spec.output());
        }
        Bench.say("prints %s", spec.output().trim());
        long specClasses = loadedClasses(classpath, "bench.Start");
        long constantClasses = loadedClasses(classpath, "bench.Constant");
        Path runtimeJar = Path.of(Bench.jar("imagespec-runtime-"));
        Bench.say("runtime jar: %s, %,d bytes", runtimeJar.getFileName(), Files.size(runtimeJar));
        Bench.say(
                "classes loaded: %d with the spec lookup, %d printing a constant: %d more (%d dev.imagespec, %d jackson)",
                specClasses,
                constantClasses,
                specClasses - constantClasses,
                loadedClasses(classpath, "bench.Start", "dev.imagespec"),
                loadedClasses(classpath, "bench.Start", "com.fasterxml"));
        Bench.Run fromCode = Bench.run(List.of(Bench.java(), "-cp", constantsClasspath, "bench.Start"));
        if (!fromCode.output().equals(spec.output())) {
            throw new IllegalStateException("the constants path printed " + fromCode.output());
        }
        Bench.say(
                "constants path (generated classes): %d classes loaded (%d dev.imagespec, %d generated)",
                loadedClasses(constantsClasspath, "bench.Start"),
                loadedClasses(constantsClasspath, "bench.Start", "dev.imagespec"),
                loadedClasses(constantsClasspath, "bench.Start", "bench.Start_ImageSpec"));

        List<Double> withSpec = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        List<Double> constantsPath = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // three kinds in turn, each round starting one further, so that noise hits all alike
            for (int k = 0; k < 3; k++) {
                int kind = (k + round) % 3;
                Bench.Run r = Bench.run(List.of(
                        Bench.java(),
                        "-cp",
                        kind == 2 ? constantsClasspath : classpath,
                        kind == 1 ? "bench.Constant" : "bench.Start"));
                (kind == 0 ? withSpec : kind == 1 ? without : constantsPath).add(r.millis());
            }
        }
        double a = Bench.median(withSpec);
        double b = Bench.median(without);
        Bench.say("ImageSpecs.of(...).imageName(): median %.1f ms (best %.1f ms)", a, Bench.min(withSpec));
        Bench.say("constant: median %.1f ms (best %.1f ms)", b, Bench.min(without));
        Bench.say(
                "constants path, reported only: median %.1f ms (best %.1f ms), %.3fx",
                Bench.median(constantsPath), Bench.min(constantsPath), Bench.median(constantsPath) / b);
        Bench.say("ratio of bests: %.3fx", Bench.min(withSpec) / Bench.min(without));
        // CPU time (user + system) of each JVM: what the lookup costs whatever else the machine runs
        List<Double> specCpu = new ArrayList<>();
        List<Double> constantCpu = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                boolean withLookup = (k == 0) == (round % 2 == 0);
                (withLookup ? specCpu : constantCpu)
                        .add(cpuMillis(classpath, withLookup ? "bench.Start" : "bench.Constant"));
            }
        }
        Bench.say(
                "CPU time, reported: median %.1f ms with the lookup vs %.1f ms (%.3fx)",
                Bench.median(specCpu), Bench.median(constantCpu), Bench.median(specCpu) / Bench.median(constantCpu));
        reportWideClasspath(cp, quick ? 3 : 11);
        return Bench.verdict("startup time spec lookup / constant (medians)", a / b, "<=", 1.15, "x") || quick;
    }

    /**
     * Reported only: the same two JVMs with the benchmark's own dependencies (about 20 jars) after the
     * runtime, as a task's class path has its libraries. The lookup must not grow with them: asking
     * the class loader for a class that is not there opens every jar on the path.
     */
    private static void reportWideClasspath(List<String> cp, int rounds) {
        List<String> wide = new ArrayList<>(cp);
        for (String entry : Bench.classpath()) {
            if (entry.endsWith(".jar") && !wide.contains(entry)) {
                wide.add(entry);
            }
        }
        String classpath = Bench.path(wide);
        List<Double> withSpec = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                boolean withLookup = (k == 0) == (round % 2 == 0);
                Bench.Run r = Bench.run(
                        List.of(Bench.java(), "-cp", classpath, withLookup ? "bench.Start" : "bench.Constant"));
                (withLookup ? withSpec : without).add(r.millis());
            }
        }
        Bench.say(
                "with %d jars on the class path, reported: median %.1f ms with the lookup vs %.1f ms (%.3fx)",
                wide.size(),
                Bench.median(withSpec),
                Bench.median(without),
                Bench.median(withSpec) / Bench.median(without));
    }

    /** User and system CPU milliseconds of one JVM running {@code main}, as bash's {@code time} reports them. */
    private static double cpuMillis(String classpath, String main) {
        Bench.Run r = Bench.run(List.of(
                "bash",
                "-c",
                "TIMEFORMAT='cpu %3U %3S'; time \"$@\" > /dev/null",
                "bash",
                Bench.java(),
                "-cp",
                classpath,
                main));
        String[] words = r.output()
                .lines()
                .filter(l -> l.startsWith("cpu "))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no time in " + r.output()))
                .replace(',', '.')
                .split(" ", -1);
        return (Double.parseDouble(words[1]) + Double.parseDouble(words[2])) * 1000;
    }

    /** The runtime and what it depends on, as a task's class path has them. */
    static List<String> runtimeClasspath() {
        List<String> out = new ArrayList<>();
        for (String entry : Bench.classpath()) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("(imagespec-(runtime|annotations)-[^t].*|jackson-.*|snakeyaml-.*)\\.jar")) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Classes the JVM loads running {@code main} (those of {@code prefix} only, when given). */
    private static long loadedClasses(String classpath, String main, String... prefix) {
        Bench.Run r = Bench.run(List.of(Bench.java(), "-Xlog:class+load=info:stdout", "-cp", classpath, main));
        return r.output()
                .lines()
                .filter(l -> l.contains("[class,load]"))
                .filter(l -> prefix.length == 0 || l.contains("] " + prefix[0]))
                .count();
    }

    /** A copy of {@code jar} without the generated {@code _ImageSpec} classes: what a default compile gives. */
    private static Path withoutGeneratedClasses(Path jar, Path copy) throws IOException {
        try (JarFile in = new JarFile(jar.toFile());
                OutputStream out = Files.newOutputStream(copy);
                JarOutputStream j = new JarOutputStream(out)) {
            for (JarEntry e : Collections.list(in.entries())) {
                if (!e.getName().endsWith("_ImageSpec.class")) {
                    j.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream entry = in.getInputStream(e)) {
                        entry.transferTo(j);
                    }
                    j.closeEntry();
                }
            }
        }
        return copy;
    }

    /** Compiles {@code count} annotated task classes plus the two mains with the processor, constants for all, into a jar. */
    private static Path tasksJar(Path dir, int count) throws IOException {
        List<Path> sources = TaskSources.write(dir, count, count, count / 20, 0);
        Path start = dir.resolve("src/bench/Start.java");
        Files.writeString(start, """
                package bench;

                @dev.imagespec.annotations.ImageSpec(name = "start", registry = "ghcr.io/acme", pythonVersion = "3.11", \
                packages = {"numpy==1.26.4"}, env = {@dev.imagespec.annotations.ImageSpec.Env(name = "MODE", value = "batch")})
                public class Start {
                    public static void main(String[] args) {
                        System.out.println(dev.imagespec.runtime.ImageSpecs.of(Start.class).imageName());
                    }
                }
                """);
        Path constant = dir.resolve("src/bench/Constant.java");
        Files.writeString(constant, """
                package bench;

                public class Constant {
                    public static void main(String[] args) {
                        System.out.println("ghcr.io/acme/start:0123456789abcdefghijkl");
                    }
                }
                """);
        sources.add(start);
        sources.add(constant);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        Path argfile = dir.resolve("sources.txt");
        Files.write(argfile, sources.stream().map(Path::toString).toList());
        List<String> processorPath = new ArrayList<>(runtimeClasspath());
        processorPath.add(Bench.jar("imagespec-processor-"));
        processorPath.add(Bench.jar("javapoet-"));
        Bench.run(List.of(
                Bench.javac(),
                "--release",
                "17",
                "-d",
                classes.toString(),
                "-s",
                dir.resolve("gen").toString(),
                "-cp",
                Bench.path(runtimeClasspath()),
                "-processorpath",
                Bench.path(processorPath),
                "-Aimagespec.projectDir=" + dir,
                "-Aimagespec.cacheDir=none",
                "-Aimagespec.constants=true",
                "@" + argfile));
        Path jar = dir.resolve("tasks.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }
}
