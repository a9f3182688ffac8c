package dev.imagespec.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What every harness shares: the class path of this module (to hand jars to the processes it starts),
 * running and timing a process, medians, and the one-line verdict each benchmark ends with.
 *
 * <p>Example: {@code Bench.verdict("compile", ratio, "<=", 1.10)} prints
 * {@code compile: ratio 1.04x (target <= 1.10x) PASS} and returns whether the target was met.
 */
final class Bench {
    private Bench() {}

    /** The class path of this module: target/classes and its dependencies (reactor jars and ~/.m2 jars). */
    static List<String> classpath() {
        String classes = System.getProperty("imagespec.bench.classpath");
        String file = System.getProperty("imagespec.bench.classpathFile");
        List<String> out = new ArrayList<>();
        if (classes != null && file != null) {
            // Under surefire java.class.path is a manifest-only jar; the build wrote the real one.
            out.add(classes);
            try {
                out.addAll(Arrays.asList(Files.readString(Path.of(file)).trim().split(File.pathSeparator)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + "; build with -pl benchmarks -am package", e);
            }
            return out;
        }
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** The class path entry whose file name starts with {@code prefix}, e.g. {@code "imagespec-runtime-0"}. */
    static String jar(String prefix) {
        for (String entry : classpath()) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-tests.jar")) {
                return entry;
            }
        }
        throw new IllegalStateException("no " + prefix + "*.jar on the class path " + classpath()
                + "; build with: mvn -B -ntp -q -pl benchmarks -am package -DskipTests");
    }

    /** {@code entries} joined with the platform's path separator. */
    static String path(List<String> entries) {
        return String.join(File.pathSeparator, entries);
    }

    /** The {@code java} that runs this JVM, so child JVMs are the same version. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The {@code javac} beside it. */
    static String javac() {
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        return Files.isExecutable(javac) ? javac.toString() : "javac";
    }

    /** A finished process: its exit code, output (stdout and stderr merged) and wall time. */
    record Run(int exitCode, String output, long nanos) {
        double millis() {
            return nanos / 1e6;
        }
    }

    /** Runs {@code command} to completion; fails unless it exits 0. */
    static Run run(List<String> command) {
        Run r = runAllowingFailure(command, null);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command).lines().findFirst().orElse("") + " exited with " + r.exitCode() + ":\n"
                            + tail(r.output()));
        }
        return r;
    }

    /** Runs {@code command} in {@code dir} (null: here), returning whatever it exited with. */
    static Run runAllowingFailure(List<String> command, Path dir) {
        try {
            Path out = Files.createTempFile("imagespec-bench-", ".log");
            try {
                ProcessBuilder pb =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
                if (dir != null) {
                    pb.directory(dir.toFile());
                }
                long start = System.nanoTime();
                Process p = pb.start();
                int code = p.waitFor();
                long nanos = System.nanoTime() - start;
                return new Run(code, Files.readString(out, StandardCharsets.UTF_8), nanos);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String tail(String s) {
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The smallest of {@code values}. */
    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /**
     * Prints the benchmark's last line and says whether the target holds: {@code "<="} for a time
     * ratio that must stay under the target, {@code ">="} for a speed-up or rate that must reach it.
     */
    static boolean verdict(String name, double value, String op, double target, String unit) {
        boolean ok = op.equals("<=") ? value <= target : value >= target;
        System.out.printf(
                Locale.ROOT,
                "%s: %s%s (target %s %s%s) %s%n",
                name,
                format(value),
                unit,
                op,
                format(target),
                unit,
                ok ? "PASS" : "MISSED");
        return ok;
    }

    private static String format(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * Removes a harness's work directory, unless {@code -Dimagespec.bench.keep=true} (through
     * {@code IMAGESPEC_BENCH_JAVA_OPTS}) asks to keep it for profiling by hand: then it says where it is.
     */
    static void cleanUp(Path dir) {
        if (Boolean.getBoolean("imagespec.bench.keep")) {
            say("kept %s", dir);
        } else {
            dev.imagespec.testing.Tools.deleteRecursively(dir);
        }
    }

    /** Prints a line the way every harness does: indented detail under the benchmark's name. */
    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  " + format + "%n", args);
    }
}
