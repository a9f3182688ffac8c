package dev.imagespec.benchmarks;

import dev.imagespec.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code compile} and {@code incremental}: {@code javac} on generated task classes with the processor
 * vs without it, each compile a fresh {@code javac} process (as a command-line or Maven build without a
 * daemon sees it), the two kinds alternating so that machine noise hits both alike; medians compared.
 *
 * <p>{@code incremental} compiles with a digest cache that a first compile filled, nothing changed in
 * between: the processor's {@code -Aimagespec.stats} note must say no file was hashed, and the
 * descriptors must be byte-identical to those of a compile without the cache.
 */
final class CompileBenchmark {
    /** The processor's note with {@code -Aimagespec.stats=true}. */
    private static final Pattern STATS =
            Pattern.compile("imagespec: (\\d+) specs?, (\\d+) files? hashed, (\\d+) digests? reused");

    private final boolean incremental;
    private final boolean quick;
    private final Path dir;
    private final List<String> classpath;
    private final List<String> processorPath;

    private CompileBenchmark(boolean incremental, boolean quick, Path dir) {
        this.incremental = incremental;
        this.quick = quick;
        this.dir = dir;
        this.classpath = List.of(Bench.jar("imagespec-annotations-"), Bench.jar("imagespec-runtime-"));
        List<String> pp = new ArrayList<>();
        for (String entry : Bench.classpath()) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches(
                    "(imagespec-(processor|runtime|annotations)-[^t].*|jackson-.*|snakeyaml-.*|javapoet-.*)\\.jar")) {
                pp.add(entry);
            }
        }
        this.processorPath = pp;
    }

    static boolean run(boolean incremental, boolean quick) throws IOException {
        Path dir = Files.createTempDirectory("imagespec-compile-bench-");
        try {
            return new CompileBenchmark(incremental, quick, dir).measure();
        } finally {
            Tools.deleteRecursively(dir);
        }
    }

    private boolean measure() throws IOException {
        int classes = quick ? 100 : 2000;
        int annotated = classes / 2;
        int composed = quick ? 5 : 50;
        int filed = quick ? 4 : 20;
        int rounds = quick ? 1 : 5;
        String name = incremental ? "incremental compile" : "compile";
        System.out.printf(
                "%s: javac on %d task classes, %d annotated (%d composed, %d with files), %d rounds%n",
                name, classes, annotated, composed, filed, rounds);
        List<Path> sources = TaskSources.write(dir, classes, annotated, composed, filed);
        Path argfile = dir.resolve("sources.txt");
        Files.write(argfile, sources.stream().map(Path::toString).toList());

        Path cache = dir.resolve("digest-cache");
        Map<String, String> reference = null;
        if (incremental) {
            // The first compile fills the cache; its descriptors are the reference for every later one.
            Bench.Run prime = javac(true, "prime", cache);
            requireStats(prime, filed > 0 ? 1 : 0, -1);
            reference = descriptors(dir.resolve("prime"));
        }
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // ABBA order: neither kind always runs first (page cache, other users' load).
            boolean processorFirst = round % 2 == 1;
            for (int k = 0; k < 2; k++) {
                boolean processor = (k == 0) == processorFirst;
                String out = (processor ? "with-" : "without-") + round;
                Path roundCache = incremental ? cache : dir.resolve("cold-cache-" + round);
                Bench.Run r = javac(processor, out, roundCache);
                (processor ? with : without).add(r.millis());
                if (processor) {
                    int[] stats = requireStats(r, incremental ? 0 : (filed > 0 ? 1 : 0), incremental ? filed : 0);
                    Bench.say(
                            "round %d with processor: %.0f ms (%d files hashed, %d digests reused)",
                            round, r.millis(), stats[1], stats[2]);
                    if (reference != null && !descriptors(dir.resolve(out)).equals(reference)) {
                        throw new IllegalStateException(
                                "descriptors of the cached compile differ from the first compile's");
                    }
                } else {
                    Bench.say("round %d without processor: %.0f ms", round, r.millis());
                }
                Tools.deleteRecursively(dir.resolve(out));
            }
        }
        double base = Bench.median(without);
        double proc = Bench.median(with);
        Bench.say("without processor: median %.0f ms (best %.0f ms)", base, Bench.min(without));
        Bench.say(
                "with processor%s: median %.0f ms (best %.0f ms)",
                incremental ? ", cache warm" : "", proc, Bench.min(with));
        Bench.say("ratio of bests: %.3fx", Bench.min(with) / Bench.min(without));
        double target = incremental ? 1.05 : 1.10;
        return Bench.verdict(name + " time with / without processor (medians)", proc / base, "<=", target, "x")
                || quick;
    }

    private Bench.Run javac(boolean processor, String out, Path cache) throws IOException {
        Path classes = dir.resolve(out).resolve("classes");
        Files.createDirectories(classes);
        List<String> cmd = new ArrayList<>(List.of(
                Bench.javac(),
                "-J-Xshare:auto",
                "--release",
                "17",
                "-d",
                classes.toString(),
                "-cp",
                Bench.path(classpath)));
        if (processor) {
            Path gen = dir.resolve(out).resolve("gen");
            Files.createDirectories(gen);
            cmd.addAll(List.of(
                    "-s",
                    gen.toString(),
                    "-processorpath",
                    Bench.path(processorPath),
                    "-Aimagespec.projectDir=" + dir,
                    "-Aimagespec.cacheDir=" + cache,
                    "-Aimagespec.stats=true"));
            // e.g. -Dimagespec.bench.processorOptions=-Aimagespec.constants=false, to split the cost
            String extra =
                    System.getProperty("imagespec.bench.processorOptions", "").strip();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+")));
            }
        }
        cmd.add("@" + dir.resolve("sources.txt"));
        return Bench.run(cmd);
    }

    /** The processor's stats note as {specs, hashed, reused}; fails when hashed or reused are not as expected (-1: any). */
    private static int[] requireStats(Bench.Run r, int minHashed, int reused) {
        Matcher m = STATS.matcher(r.output());
        if (!m.find()) {
            throw new IllegalStateException(
                    "no \"imagespec: ... files hashed\" note in javac's output:\n" + r.output());
        }
        int[] s = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        if (reused >= 0 && s[2] != reused) {
            throw new IllegalStateException("expected " + reused + " digests reused from the cache, got: " + m.group());
        }
        if (minHashed == 0 && s[1] != 0) {
            throw new IllegalStateException("nothing changed, yet files were hashed again: " + m.group());
        }
        if (s[1] < minHashed) {
            throw new IllegalStateException("expected files to be hashed on a cold compile: " + m.group());
        }
        return s;
    }

    private static Map<String, String> descriptors(Path out) throws IOException {
        Map<String, String> m = new TreeMap<>();
        Path meta = out.resolve("classes/META-INF/imagespec");
        try (Stream<Path> files = Files.list(meta)) {
            for (Path f : files.toList()) {
                m.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return m;
    }
}
