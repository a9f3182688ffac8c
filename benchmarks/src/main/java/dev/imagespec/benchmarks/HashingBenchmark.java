package dev.imagespec.benchmarks;

import dev.imagespec.runtime.hash.FileDigester;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code hashing}: the digest the processor computes for {@code copy = "tree"} (flytekit's
 * {@code compute_digest}: md5 over every file's bytes and name), in a fresh JVM with a 32 MiB heap,
 * vs {@code md5sum} over the same files ({@code find | sort | xargs md5sum}). The tree holds one file
 * of 64 MiB among many small ones: a digest that read a file whole would fail with the small heap, so
 * passing shows memory stays flat. Each side runs once to warm the page cache, then alternately.
 */
final class HashingBenchmark {
    private HashingBenchmark() {}

    static boolean run(boolean quick) throws IOException {
        Path dir = Files.createTempDirectory("imagespec-hash-bench-");
        try {
            return measure(dir, quick);
        } finally {
            Bench.cleanUp(dir);
        }
    }

    private static boolean measure(Path dir, boolean quick) throws IOException {
        int files = quick ? 200 : 5000;
        long total = (quick ? 20L : 500L) << 20;
        long big = quick ? 8L << 20 : 64L << 20;
        int rounds = quick ? 2 : 5;
        System.out.printf(
                "hashing: copy digest of %d files, %d MiB (largest %d MiB) vs md5sum, %d rounds%n",
                files, total >> 20, big >> 20, rounds);
        writeTree(dir.resolve("tree"), files, total, big);
        List<String> digest = new ArrayList<>(List.of(
                Bench.java(),
                "-Xmx32m",
                "-cp",
                Bench.path(Bench.classpath()),
                HashingBenchmark.class.getName(),
                dir.toString(),
                "tree"));
        List<String> md5sum = List.of(
                "bash",
                "-c",
                "TIMEFORMAT='cpu %3U %3S'; time (find tree -type f -print0 | sort -z"
                        + " | xargs -0 md5sum > /dev/null)");
        Bench.Run first = Bench.run(digest);
        Bench.say("digest %s (a 32 MiB heap: no file was read whole)", words(first)[0]);
        Bench.runAllowingFailure(md5sum, dir);
        List<Double> ours = new ArrayList<>();
        List<Double> inProcess = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> oursCpu = new ArrayList<>();
        List<Double> theirsCpu = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                boolean oursNow = (k == 0) == (round % 2 == 0);
                Bench.Run r = oursNow ? Bench.run(digest) : Bench.runAllowingFailure(md5sum, dir);
                if (r.exitCode() != 0) {
                    throw new IllegalStateException("md5sum failed: " + r.output());
                }
                (oursNow ? ours : theirs).add(r.millis());
                if (oursNow) {
                    inProcess.add(Double.parseDouble(words(r)[1]));
                    oursCpu.add(Double.parseDouble(words(r)[2]));
                } else {
                    theirsCpu.add(cpuMillis(r));
                }
            }
        }
        // The figure: the digest's own time in a fresh JVM (cold code, as in javac, which is already
        // running when the processor hashes); the whole process, JVM start included, is printed too.
        double a = Bench.median(inProcess);
        double whole = Bench.median(ours);
        double b = Bench.median(theirs);
        Bench.say(
                "processor digest: median %.0f ms (best %.0f ms), %.0f MiB/s; whole java process %.0f ms (%.3fx md5sum)",
                a, Bench.min(inProcess), (total >> 20) / (a / 1000), whole, whole / b);
        Bench.say("md5sum: median %.0f ms (best %.0f ms)", b, Bench.min(theirs));
        Bench.say(
                "CPU time, reported: digest %.0f ms (every thread of its JVM while it ran) vs md5sum %.0f ms (%.3fx)",
                Bench.median(oursCpu), Bench.median(theirsCpu), Bench.median(oursCpu) / Bench.median(theirsCpu));
        return Bench.verdict("hashing time digest / md5sum (medians)", a / b, "<=", 1.2, "x") || quick;
    }

    /** The child's line, {@code <digest> <milliseconds in the digest> <CPU milliseconds>}, as its words. */
    private static String[] words(Bench.Run child) {
        return child.output().trim().split(" ", -1);
    }

    /** User and system CPU milliseconds of the md5sum pipeline, as bash's {@code time} reports them. */
    private static double cpuMillis(Bench.Run md5sum) {
        String[] w = md5sum.output()
                .lines()
                .filter(l -> l.startsWith("cpu "))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no time in " + md5sum.output()))
                .replace(',', '.')
                .split(" ", -1);
        return (Double.parseDouble(w[1]) + Double.parseDouble(w[2])) * 1000;
    }

    /** {@code files} files in 50 directories, {@code big} bytes in the first, the rest shared out evenly. */
    private static void writeTree(Path tree, int files, long total, long big) throws IOException {
        Random random = new Random(7);
        byte[] block = new byte[1 << 16];
        long each = (total - big) / (files - 1);
        for (int i = 0; i < files; i++) {
            Path f = tree.resolve("d" + (i % 50)).resolve("f" + i + ".bin");
            Files.createDirectories(f.getParent());
            long size = i == 0 ? big : each;
            try (OutputStream out = Files.newOutputStream(f)) {
                for (long written = 0; written < size; written += block.length) {
                    random.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, size - written));
                }
            }
        }
    }

    /**
     * The child process: prints {@code FileDigester.copy(List.of(args[1]), Path.of(args[0]))}, the
     * milliseconds it took, and the CPU milliseconds the whole JVM spent meanwhile.
     */
    public static void main(String[] args) throws IOException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        String digest = FileDigester.copy(List.of(args[1]), Path.of(args[0]));
        long nanos = System.nanoTime() - start;
        System.out.println(digest + " " + nanos / 1_000_000.0 + " " + (os.getProcessCpuTime() - cpu) / 1_000_000.0);
    }
}
