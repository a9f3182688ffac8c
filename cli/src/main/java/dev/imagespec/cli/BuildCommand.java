package dev.imagespec.cli;

import dev.imagespec.runtime.BuildListener;
import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.DefaultImageBuilder;
import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.registry.Existence;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imagespec build spec.yaml} or {@code imagespec build --classpath CP}: builds and pushes
 * each image that is not in its registry yet, base specs first. The tool's output goes to stderr
 * line by line; stdout gets one line per image: name, {@code built}/{@code skipped}/{@code assumed},
 * digest, seconds. Exit 0 when every image is built or present, 1 when a build failed, 2 on bad
 * input, 3 when existence could not be told and {@code FLYTE_IMG_FAST_FAIL} is set.
 */
@Command(name = "build", description = "Build and push the images of specs that are not in their registries.")
final class BuildCommand implements Callable<Integer> {
    /** Exit code when a build failed or was interrupted. */
    static final int BUILD_FAILED = 1;

    @Mixin
    SpecOperands operands;

    @Option(names = "--force-push", description = "Build and push even when the image exists.")
    boolean forcePush;

    @Option(names = "--dry-run", description = "Say what would be built, with each Dockerfile; build nothing.")
    boolean dryRun;

    @Option(names = "--tool", paramLabel = "TOOL", description = "docker, podman or buildah (default: the first installed,"
            + " or $IMAGESPEC_BUILD_TOOL).")
    String tool;

    @Option(names = "--result-file", paramLabel = "FILE", description = "Write the results as JSON for pipelines.")
    Path resultFile;

    @Option(names = "--cache-from", paramLabel = "REPO", description = "Take cached layers from this repository"
            + " (buildah/podman --layers --cache-from; docker --cache-from type=registry).")
    String cacheFrom;

    @Option(names = "--cache-to", paramLabel = "REPO", description = "Store the build's layers in this repository"
            + " for later builds (--cache-to).")
    String cacheTo;

    @Spec
    CommandSpec command;

    /** What the registries said of each image before the builds. */
    private Map<ImageSpec, Existence> known = Map.of();

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Map<String, ImageSpec> specs = operands.specs();
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
        ImageBuildEngine engine = engine(console, dryRun ? Map.of() : specs);
        if (dryRun) {
            return dryRun(engine, specs, out);
        }
        List<BuildResult> results = new ArrayList<>();
        int code = 0;
        for (ImageSpec spec : specs.values()) {
            try {
                BuildResult r = withRegistryDigest(engine.build(forcePush ? spec.forcePush() : spec), spec);
                results.add(r);
                out.println(r.imageName() + "\t" + r.outcome().name().toLowerCase(Locale.ROOT).replace("_present", "")
                        + "\t" + r.digest().orElse("-") + "\t" + String.format(Locale.ROOT, "%.1fs", r.duration().toMillis() / 1000.0));
                out.flush();
            } catch (ImageBuildException e) {
                err.println("imagespec: " + e.getMessage().replace("\n", "\n  "));
                code = Math.max(code, exitCode(e.kind()));
            }
        }
        writeResults(results);
        return code;
    }

    /** The exit code of a failed build, by its kind: 3 when existence was unknown with fast fail, else 1. */
    static int exitCode(ImageBuildException.Kind kind) {
        return switch (kind) {
            case EXISTENCE_UNKNOWN -> ExistsCommand.UNKNOWN;
            case BUILD_FAILED, INTERRUPTED -> BUILD_FAILED;
        };
    }

    /** A skipped image's digest, as its registry has it (the engine reports only what it pushed). */
    private BuildResult withRegistryDigest(BuildResult r, ImageSpec spec) {
        if (r.built() || r.digest().isPresent() || spec.registry().isEmpty()) {
            return r;
        }
        Existence e = known.containsKey(spec) && known.get(spec).isPresent() ? known.get(spec) : ImageExistence.check(spec);
        return e.digest().map(d -> new BuildResult(r.imageName(), Optional.of(d), r.outcome(), r.builderType(),
                r.duration(), r.baseImage(), r.baseDigest())).orElse(r);
    }

    private ImageBuildEngine engine(BuildListener console, Map<String, ImageSpec> specs) {
        Map<ImageSpec, Existence> asked = existence(specs);
        known = asked;
        ImageBuildEngine engine = ImageBuildEngine.builder().listener(console)
                .presence(spec -> asked.containsKey(spec) ? asked.get(spec).asOptional() : spec.exist())
                .discover(Thread.currentThread().getContextClassLoader()).build();
        // Always this process's own default builder: its messages (which tool, waiting for a lock) reach the console.
        engine.register(DefaultImageBuilder.TYPE, DefaultImageBuilder.builder()
                .tool(tool == null ? null : BuildTool.named(tool, StoreOptions.DEFAULT)).cacheFrom(cacheFrom).cacheTo(cacheTo)
                .listener(console).build(), DefaultImageBuilder.PRIORITY);
        return engine;
    }

    /**
     * Every image's existence, asked at once (concurrently per registry, one token per registry)
     * instead of one request per spec as the engine reaches it: a build of many present images
     * then costs little more than {@code imagespec exists} of them.
     */
    private static Map<ImageSpec, Existence> existence(Map<String, ImageSpec> specs) {
        List<ImageSpec> all = new ArrayList<>();
        for (ImageSpec spec : specs.values()) {
            for (ImageSpec s = spec; s != null; s = s.baseSpec().orElse(null)) {
                all.add(s);
            }
        }
        return all.isEmpty() ? Map.of() : ImageExistence.checkAll(all);
    }

    private int dryRun(ImageBuildEngine engine, Map<String, ImageSpec> specs, PrintWriter out) {
        DefaultImageBuilder renderer = new DefaultImageBuilder();
        specs.forEach((label, spec) -> {
            out.println("# " + label + ": " + spec.imageName() + " (builder " + engine.builderFor(spec).type() + ")");
            out.print(renderer.dockerfile(spec));
        });
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
