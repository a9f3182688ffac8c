package dev.imagespec.cli;

import dev.imagespec.builders.DefaultImageBuilder;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.validate.Messages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imagespec build spec.yaml} or {@code imagespec build --classpath CP [CLASS...]}: builds and
 * pushes each image that is not in its registry yet, base specs first. The tool's output goes to stderr
 * line by line; stdout gets one line per image, base images included and each image once (two classes
 * may share one image): name, {@code built}/{@code skipped}/{@code assumed}, digest, seconds. An image
 * whose base failed is not tried. Exit 0 when every image is built or present, 1 when a build failed, 2 on bad
 * input, 3 when existence could not be told and {@code FLYTE_IMG_FAST_FAIL} is set.
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        version = ImageSpecCommand.VERSION,
        description = "Build and push the images of specs that are not in their registries.")
final class BuildCommand implements Callable<Integer> {
    /** Exit code when a build failed or was interrupted. */
    static final int BUILD_FAILED = 1;

    @Mixin
    SpecOperands operands;

    @Option(names = "--force-push", description = "Build and push even when the image exists.")
    boolean forcePush;

    @Option(names = "--dry-run", description = "Say what would be built, with each Dockerfile; build nothing.")
    boolean dryRun;

    @Option(
            names = "--tool",
            paramLabel = "TOOL",
            description = "docker, podman or buildah (default: the first installed," + " or $IMAGESPEC_BUILD_TOOL).")
    String tool;

    @Option(names = "--result-file", paramLabel = "FILE", description = "Write the results as JSON for pipelines.")
    Path resultFile;

    @Option(
            names = "--cache-from",
            paramLabel = "REPO",
            description = "Take cached layers from this repository"
                    + " (buildah/podman --layers --cache-from; docker --cache-from type=registry).")
    String cacheFrom;

    @Option(
            names = "--cache-to",
            paramLabel = "REPO",
            description = "Store the build's layers in this repository" + " for later builds (--cache-to).")
    String cacheTo;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        List<ImageSpec> images = buildOrder(operands.specs().values(), forcePush);
        BuildListener console = new BuildListener() {
            @Override
            public void output(String line) {
                err.println(line);
                err.flush();
            }

            @Override
            public void message(String text) {
                err.println("imagespec: " + text);
                err.flush();
            }
        };
        if (!dryRun) {
            images.forEach(BuildCommand::requireCopySources);
        }
        Map<String, Existence> known = dryRun ? new ConcurrentHashMap<>() : existence(images);
        ImageBuildEngine engine = engine(console, known);
        if (dryRun) {
            return dryRun(engine, images, out);
        }
        List<BuildResult> results = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        int code = 0;
        for (ImageSpec spec : images) {
            Optional<String> failedBase = chain(spec).stream()
                    .skip(1)
                    .map(ImageSpec::imageName)
                    .filter(failed::containsKey)
                    .findFirst();
            if (failedBase.isPresent()) {
                // the engine would try the base again, as flytekit's cache keeps no failures: say so once instead
                err.println("imagespec: " + spec.imageName() + " is not built: its base image " + failedBase.get()
                        + " failed");
                failed.put(spec.imageName(), "base failed");
                code = Math.max(code, BUILD_FAILED);
                continue;
            }
            try {
                BuildResult r = withRegistryDigest(engine.build(spec), spec, known);
                results.add(r);
                if (r.outcome() == BuildResult.Outcome.BUILT) {
                    known.put(r.imageName(), Existence.present(0, r.digest().orElse(null), null));
                }
                out.println(r.imageName() + "\t"
                        + r.outcome().name().toLowerCase(Locale.ROOT).replace("_present", "") + "\t"
                        + r.digest().orElse("-") + "\t"
                        + String.format(Locale.ROOT, "%.1fs", r.duration().toMillis() / 1000.0));
                out.flush();
            } catch (ImageBuildException e) {
                err.println("imagespec: " + e.getMessage().replace("\n", "\n  "));
                failed.put(spec.imageName(), e.getMessage());
                code = Math.max(code, exitCode(e.kind()));
            }
        }
        writeResults(results);
        return code;
    }

    /**
     * Every image to build, each once, base images before the images built on them: the named specs
     * (forced with {@code --force-push}) and their base specs (not forced), in the order named.
     */
    static List<ImageSpec> buildOrder(Collection<ImageSpec> named, boolean forcePush) {
        Set<String> namedImages = new LinkedHashSet<>();
        named.forEach(s -> namedImages.add(s.imageName()));
        Map<String, ImageSpec> order = new LinkedHashMap<>();
        for (ImageSpec spec : named) {
            List<ImageSpec> chain = chain(spec);
            Collections.reverse(chain);
            for (ImageSpec s : chain) {
                boolean force = forcePush && namedImages.contains(s.imageName());
                order.putIfAbsent(s.imageName(), force ? s.forcePush() : s);
            }
        }
        return List.copyOf(order.values());
    }

    /**
     * Refuses, before any registry is asked or tool run, a spec read from a file whose {@code copy} names
     * something that is not there: its tag could not be the tag of what would be built. The message says
     * where relative paths resolved and names {@code --project-dir}. (A compiled spec's copy digest was
     * recorded when it was compiled; its files are checked by the stale check instead.)
     */
    private static void requireCopySources(ImageSpec spec) {
        if (spec.values().recordedDigests().isPresent()) {
            return;
        }
        for (String src : spec.copy().orElse(List.of())) {
            Path from = spec.resolve(src);
            if (!Files.exists(from)) {
                throw new IllegalArgumentException("image spec " + spec.origin().orElse(spec.name()) + ": "
                        + Messages.copySourceMissing(
                                src, from.toAbsolutePath().normalize().toString()));
            }
        }
    }

    /** {@code spec}, its base spec, that one's base spec, and so on. */
    private static List<ImageSpec> chain(ImageSpec spec) {
        List<ImageSpec> chain = new ArrayList<>();
        for (ImageSpec s = spec; s != null; s = s.baseSpec().orElse(null)) {
            chain.add(s);
        }
        return chain;
    }

    /** The exit code of a failed build, by its kind: 3 when existence was unknown with fast fail, else 1. */
    static int exitCode(ImageBuildException.Kind kind) {
        return switch (kind) {
            case EXISTENCE_UNKNOWN -> ExistsCommand.UNKNOWN;
            case BUILD_FAILED, INTERRUPTED -> BUILD_FAILED;
        };
    }

    private ImageBuildEngine engine(BuildListener console, Map<String, Existence> known) {
        ImageBuildEngine engine = ImageBuildEngine.builder()
                .listener(console)
                .existence(spec -> known.computeIfAbsent(spec.imageName(), name -> spec.existence()))
                .discover(Thread.currentThread().getContextClassLoader())
                .build();
        // Always this process's own default builder: its messages (which tool, waiting for a lock) reach the console.
        engine.register(
                DefaultImageBuilder.TYPE,
                DefaultImageBuilder.builder()
                        .tool(tool == null ? null : BuildTool.named(tool, StoreOptions.DEFAULT))
                        .cacheFrom(cacheFrom)
                        .cacheTo(cacheTo)
                        .listener(console)
                        .build(),
                DefaultImageBuilder.PRIORITY);
        return engine;
    }

    /** A skipped image's digest, as its registry has it (the engine reports only what it pushed). */
    private static BuildResult withRegistryDigest(BuildResult r, ImageSpec spec, Map<String, Existence> known) {
        if (r.built() || r.digest().isPresent() || spec.registry().isEmpty()) {
            return r;
        }
        Existence e = known.get(r.imageName());
        if (e == null || !e.isPresent()) {
            e = ImageExistence.check(spec);
        }
        return e.digest()
                .map(d -> new BuildResult(
                        r.imageName(),
                        Optional.of(d),
                        r.outcome(),
                        r.builderType(),
                        r.duration(),
                        r.baseImage(),
                        r.baseDigest()))
                .orElse(r);
    }

    /**
     * Every image's existence, by image name, asked at once (concurrently per registry, one token per
     * registry) instead of one request per spec as the engine reaches it: a build of many present images
     * then costs little more than {@code imagespec exists} of them. A built image is recorded present.
     */
    private static Map<String, Existence> existence(List<ImageSpec> images) {
        Map<String, Existence> known = new ConcurrentHashMap<>();
        if (!images.isEmpty()) {
            ImageExistence.checkAll(images).forEach((spec, e) -> known.put(spec.imageName(), e));
        }
        return known;
    }

    private int dryRun(ImageBuildEngine engine, List<ImageSpec> images, PrintWriter out) {
        DefaultImageBuilder renderer = new DefaultImageBuilder();
        for (ImageSpec spec : images) {
            out.println("# " + spec.origin().orElse(spec.name()) + ": " + spec.imageName() + " (builder "
                    + engine.builderFor(spec).type() + ")");
            out.print(renderer.dockerfile(spec));
        }
        out.flush();
        return 0;
    }

    private void writeResults(List<BuildResult> results) {
        if (resultFile == null) {
            return;
        }
        List<Object> rows = new ArrayList<>();
        for (BuildResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", r.imageName());
            m.put("digest", r.digest().orElse(null));
            m.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            m.put("builder", r.builderType());
            m.put("seconds", r.duration().toMillis() / 1000.0);
            m.put("base_image", r.baseImage().orElse(null));
            m.put("base_digest", r.baseDigest().orElse(null));
            rows.add(m);
        }
        try {
            Files.writeString(resultFile, JsonTree.write(rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --result-file " + resultFile + ": " + e.getMessage(), e);
        }
    }
}
