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
 * {@code compile}, {@code compile-scale} and {@code incremental}: {@code javac} on generated task classes with the processor
 * vs without it, each compile a fresh {@code javac} process (as a command-line or Maven build without a
 * daemon sees it), the two kinds alternating so that machine noise hits both alike; medians compared.
 * The timed compiles pass no {@code -Aimagespec.stats}; an untimed one with it reports the
 * processor's phases.
 *
 * <p>{@code incremental} compiles with a digest cache that a first compile filled, nothing changed in
 * between: the processor's {@code -Aimagespec.stats} note, before and after the timed rounds, must
 * say no file was hashed, and every timed compile's descriptors must be byte-identical to those of
 * a compile without the cache.
 */
final class CompileBenchmark {
    /** The processor's note with {@code -Aimagespec.stats=true}. */
    private static final Pattern STATS =
            Pattern.compile("imagespec: (\\d+) specs?, (\\d+) files? hashed, (\\d+) digests? reused");
    /** The same note's cost report. */
    private static final Pattern PHASES = Pattern.compile("; (\\d+ ms in the processor .*? classes loaded)");

    /** A generated project: its size, and how many alternating rounds each kind gets. */
    private record Workload(int classes, int annotated, int composed, int filed, int rounds) {
        static Workload of(int classes, int annotated, int rounds) {
            return new Workload(classes, annotated, Math.max(1, annotated / 20), Math.max(1, annotated / 50), rounds);
        }
    }

    /** What javac runs with: no processor, a processor that does nothing, or ours. */
    private enum Kind {
        WITHOUT,
        EMPTY,
        OURS
    }

    /** Medians of one workload, in milliseconds. */
    private record Medians(double without, double with) {
        double ratio() {
            return with / without;
        }
    }

    private final boolean incremental;
    private final Path dir;
    private final List<String> classpath;
    private final List<String> processorPath;

    private CompileBenchmark(boolean incremental, Path dir) {
        this.incremental = incremental;
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

    /**
     * {@code compile}: a small module (50 classes, 25 annotated; target 1.15×) and a large one (2,000
     * classes, 1,000 annotated; target 1.10×). {@code incremental}: the large one, cache warm (1.05×).
     */
    static boolean run(boolean incremental, boolean quick) throws IOException {
        if (incremental) {
            return within(true, quick ? Workload.of(100, 50, 1) : Workload.of(2000, 1000, 5), 1.05, quick);
        }
        boolean small = within(false, Workload.of(50, 25, quick ? 1 : 9), 1.15, quick);
        boolean large = within(false, quick ? Workload.of(200, 100, 1) : Workload.of(2000, 1000, 5), 1.10, quick);
        return small && large;
    }

    /**
     * {@code compile-scale}: the processor's cost per annotated task as the module grows (100, 1,000
     * and 5,000 annotated tasks, each beside as many plain classes): the cost per task added from one
     * size to the next must not grow by more than 20% (a cost that grows with the square of the
     * module, as javac's Filer checks did, fails it).
     */
    static boolean scale(boolean quick) throws IOException {
        int[] sizes = quick ? new int[] {20, 100, 200} : new int[] {100, 1000, 5000};
        double[] added = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            Medians m = compare(false, Workload.of(2 * sizes[i], sizes[i], quick ? 1 : 3));
            added[i] = m.with() - m.without();
            Bench.say(
                    "%d annotated tasks: %.0f ms more with the processor, %.3f ms per task",
                    sizes[i], added[i], added[i] / sizes[i]);
        }
        double first = (added[1] - added[0]) / (sizes[1] - sizes[0]);
        double second = (added[2] - added[1]) / (sizes[2] - sizes[1]);
        Bench.say(
                "cost per task added: %.3f ms from %d to %d, %.3f ms from %d to %d",
                first, sizes[0], sizes[1], second, sizes[1], sizes[2]);
        return Bench.verdict(
                        "compile cost per task, " + sizes[1] + " to " + sizes[2] + " vs " + sizes[0] + " to "
                                + sizes[1],
                        second / first,
                        "<=",
                        1.20,
                        "x")
                || quick;
    }

    private static boolean within(boolean incremental, Workload w, double target, boolean quick) throws IOException {
        Medians m = compare(incremental, w);
        String name = (incremental ? "incremental compile, " : "compile, ") + w.classes() + " classes / "
                + w.annotated() + " annotated,";
        return Bench.verdict(name + " time with / without processor (medians)", m.ratio(), "<=", target, "x") || quick;
    }

    private static Medians compare(boolean incremental, Workload w) throws IOException {
        Path dir = Files.createTempDirectory("imagespec-compile-bench-");
        try {
            return new CompileBenchmark(incremental, dir).measure(w);
        } finally {
            Tools.deleteRecursively(dir);
        }
    }

    private Medians measure(Workload w) throws IOException {
        String name = incremental ? "incremental compile" : "compile";
        System.out.printf(
                "%s: javac on %d task classes, %d annotated (%d composed, %d with files), %d rounds%n",
                name, w.classes(), w.annotated(), w.composed(), w.filed(), w.rounds());
        List<Path> sources = TaskSources.write(dir, w.classes(), w.annotated(), w.composed(), w.filed());
        Path argfile = dir.resolve("sources.txt");
        Files.write(argfile, sources.stream().map(Path::toString).toList());

        Path cache = dir.resolve("digest-cache");
        Map<String, String> reference = null;
        if (incremental) {
            // The first compile fills the cache; its descriptors are the reference for every later one.
            Bench.Run prime = javac(Kind.OURS, "prime", cache, null, true);
            requireStats(prime, 1, -1);
            reference = descriptors(dir.resolve("prime"));
        }
        Path empty = emptyProcessor();
        // The processor's own account comes from untimed compiles: -Aimagespec.stats counts the classes
        // loaded through java.management, whose start costs javac some 50 ms that a user's compile does
        // not pay. The timed compiles are the user's: no stats.
        account(incremental ? cache : dir.resolve("cold-cache-account"), incremental, w, "before the timed rounds");
        Map<Kind, List<Double>> times = new java.util.EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            times.put(k, new ArrayList<>());
        }
        for (int round = 0; round < w.rounds(); round++) {
            // the three kinds in turn, each round starting one further: noise hits all alike
            for (int k = 0; k < 3; k++) {
                Kind kind = Kind.values()[(k + round) % 3];
                String out = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + round;
                Path roundCache = incremental ? cache : dir.resolve("cold-cache-" + round);
                Bench.Run r = javac(kind, out, roundCache, empty, false);
                times.get(kind).add(r.millis());
                if (kind == Kind.OURS) {
                    Bench.say("round %d with processor: %.0f ms", round, r.millis());
                    if (reference != null && !descriptors(dir.resolve(out)).equals(reference)) {
                        throw new IllegalStateException(
                                "descriptors of the cached compile differ from the first compile's");
                    }
                } else {
                    Bench.say(
                            "round %d %s: %.0f ms",
                            round,
                            kind == Kind.EMPTY ? "with a processor that does nothing" : "without processor",
                            r.millis());
                }
                Tools.deleteRecursively(dir.resolve(out));
            }
        }
        if (incremental) {
            account(cache, true, w, "after them");
        }
        List<Double> without = times.get(Kind.WITHOUT);
        List<Double> with = times.get(Kind.OURS);
        double floor = Bench.median(times.get(Kind.EMPTY));
        Medians m = new Medians(Bench.median(without), Bench.median(with));
        Bench.say("without processor: median %.0f ms (best %.0f ms)", m.without(), Bench.min(without));
        Bench.say(
                "a processor that does nothing (javac's own cost of running one): median %.0f ms, %.3fx",
                floor, floor / m.without());
        Bench.say(
                "with processor%s: median %.0f ms (best %.0f ms); %.3fx the do-nothing processor",
                incremental ? ", cache warm" : "", m.with(), Bench.min(with), m.with() / floor);
        Bench.say("ratio of bests: %.3fx", Bench.min(with) / Bench.min(without));
        return m;
    }

    /**
     * A processor that asks for {@code @ImageSpec} and does nothing, compiled here: what javac itself
     * costs once any processor runs (the processing rounds, entering the classes again), the floor
     * under every processor's ratio.
     */
    private Path emptyProcessor() throws IOException {
        Path root = dir.resolve("empty-processor");
        Path src = root.resolve("src/bench/empty/EmptyProcessor.java");
        Path classes = root.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(src, """
                package bench.empty;

                import java.util.Set;
                import javax.annotation.processing.AbstractProcessor;
                import javax.annotation.processing.RoundEnvironment;
                import javax.annotation.processing.SupportedAnnotationTypes;
                import javax.lang.model.SourceVersion;
                import javax.lang.model.element.TypeElement;

                @SupportedAnnotationTypes("dev.imagespec.annotations.ImageSpec")
                public class EmptyProcessor extends AbstractProcessor {
                    @Override
                    public SourceVersion getSupportedSourceVersion() {
                        return SourceVersion.latestSupported();
                    }

                    @Override
                    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                        return false;
                    }
                }
                """);
        Bench.Run r = Bench.run(List.of(Bench.javac(), "-d", classes.toString(), src.toString()));
        if (!Files.exists(classes.resolve("bench/empty/EmptyProcessor.class"))) {
            throw new IllegalStateException("the empty processor did not compile:\n" + r.output());
        }
        Files.writeString(
                classes.resolve("META-INF/services/javax.annotation.processing.Processor"),
                "bench.empty.EmptyProcessor\n");
        return classes;
    }

    /** The processor's own account of a compile: its time per phase and the classes it loaded. */
    private static String phases(Bench.Run r) {
        Matcher m = PHASES.matcher(r.output());
        return m.find() ? m.group(1) : "no phases reported";
    }

    /**
     * One untimed compile with {@code -Aimagespec.stats=true}: checks what it hashed (every file with a
     * cold cache; none, every digest reused, with a warm one) and prints its phases.
     */
    private void account(Path cache, boolean incremental, Workload w, String when) throws IOException {
        Bench.Run r = javac(Kind.OURS, "account", cache, null, true);
        int[] stats = requireStats(r, incremental ? 0 : 1, incremental ? w.filed() : 0);
        Bench.say(
                "the processor's account, untimed, %s: %d files hashed, %d digests reused; %s",
                when, stats[1], stats[2], phases(r));
        Tools.deleteRecursively(dir.resolve("account"));
    }

    private Bench.Run javac(Kind kind, String out, Path cache, Path empty, boolean withStats) throws IOException {
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
        if (kind == Kind.EMPTY) {
            cmd.addAll(List.of("-processorpath", empty.toString()));
        }
        if (kind == Kind.OURS) {
            Path gen = dir.resolve(out).resolve("gen");
            Files.createDirectories(gen);
            cmd.addAll(List.of(
                    "-s",
                    gen.toString(),
                    "-processorpath",
                    Bench.path(processorPath),
                    "-Aimagespec.projectDir=" + dir,
                    "-Aimagespec.cacheDir=" + cache));
            if (withStats) {
                cmd.add("-Aimagespec.stats=true");
            }
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
