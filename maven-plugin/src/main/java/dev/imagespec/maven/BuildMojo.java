package dev.imagespec.maven;

import dev.imagespec.builders.DefaultImageBuilder;
import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.runtime.BuildResult;
import dev.imagespec.runtime.ImageBuildEngine;
import dev.imagespec.runtime.ImageBuildException;
import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds and pushes the image of each spec whose image is not in its registry yet, base specs first
 * (also those compiled into dependencies), as {@code imagespec build} does; writes
 * {@code target/imagespec/images.json}. The build tool's output goes through the Maven log line by
 * line. A failed build fails the Maven build with the tool's last lines; nothing of it is pushed.
 *
 * <p>First it brings the module's descriptors up to date with their files, as {@code imagespec:refresh}
 * does (off with {@code -Dimagespec.refresh=false}).
 */
@Mojo(
        name = "build",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public final class BuildMojo extends AbstractImageSpecMojo {

    /** {@code docker}, {@code podman} or {@code buildah}; default: {@code $IMAGESPEC_BUILD_TOOL}, else the first installed. */
    @Parameter(property = "imagespec.tool")
    String tool;

    /** Build and push even when the image exists (also {@code FLYTE_FORCE_PUSH_IMAGE_SPEC=true}). */
    @Parameter(property = "imagespec.forcePush", defaultValue = "false")
    boolean forcePush;

    /** Log what would be built, with each Dockerfile; build nothing, write no result file. */
    @Parameter(property = "imagespec.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Where the results go, a JSON array with one object per image. */
    @Parameter(property = "imagespec.resultFile", defaultValue = "${project.build.directory}/imagespec/images.json")
    File resultFile;

    /** Re-hash the files named by the module's specs first and rewrite stale descriptors ({@code imagespec:refresh}). */
    @Parameter(property = "imagespec.refresh", defaultValue = "true")
    boolean refresh;

    /** buildah's or podman's image store ({@code --root}); the tool's default when unset. */
    @Parameter(property = "imagespec.storageRoot")
    File storageRoot;

    /** buildah's or podman's run root ({@code --runroot}); the tool's default when unset. */
    @Parameter(property = "imagespec.storageRunRoot")
    File storageRunRoot;

    /** buildah's or podman's storage driver, e.g. {@code vfs}; the tool's default when unset. */
    @Parameter(property = "imagespec.storageDriver")
    String storageDriver;

    /** A repository to take cached layers from, e.g. {@code ghcr.io/acme/cache} ({@code --cache-from}); none when unset. */
    @Parameter(property = "imagespec.cacheFrom")
    String cacheFrom;

    /** A repository to store the build's layers in for later builds ({@code --cache-to}); none when unset. */
    @Parameter(property = "imagespec.cacheTo")
    String cacheTo;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if (refresh) {
            refreshDescriptors();
        }
        ProjectSpecs specs = specs();
        Map<String, ImageSpec> chosen = selected(specs);
        if (chosen.isEmpty()) {
            return;
        }
        List<Item> order = order(chosen, specs);
        MavenLogListener listener = new MavenLogListener(getLog());
        DefaultImageBuilder defaultBuilder = DefaultImageBuilder.builder()
                .tool(
                        tool == null || tool.isBlank()
                                ? null
                                : BuildTool.named(tool, StoreSettings.of(storageRoot, storageRunRoot, storageDriver)))
                .store(StoreSettings.of(storageRoot, storageRunRoot, storageDriver))
                .cacheFrom(cacheFrom)
                .cacheTo(cacheTo)
                .listener(listener)
                .build();
        if (dryRun) {
            ImageBuildEngine engine = engine(listener, defaultBuilder, Map.of(), Set.of());
            for (Item item : order) {
                getLog().info("imagespec: dry run: " + item.label() + ": "
                        + item.spec().imageName() + " (builder "
                        + engine.builderFor(item.spec()).type() + ")");
                defaultBuilder.dockerfile(item.spec()).lines().forEach(l -> getLog().info("  " + l));
            }
            return;
        }
        List<ImageSpec> asked = new ArrayList<>();
        order.forEach(i -> asked.add(i.spec()));
        Map<ImageSpec, Existence> known = ImageExistence.checkAll(asked);
        Set<String> builtHere = ConcurrentHashMap.newKeySet();
        ImageBuildEngine engine = engine(listener, defaultBuilder, known, builtHere);

        List<ImageResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        for (Item item : order) {
            ImageSpec spec = item.spec();
            String image = spec.imageName();
            Optional<String> failedBase = chain(spec).stream()
                    .skip(1)
                    .map(ImageSpec::imageName)
                    .filter(failed::contains)
                    .findFirst();
            if (failedBase.isPresent()) {
                failed.add(image);
                results.add(new ImageResult(item.className(), image, null, "failed", null, 0, false, null, null));
                failures.add(item.label() + ": not built, its base image " + failedBase.get() + " failed");
                continue;
            }
            long start = System.nanoTime();
            try {
                BuildResult r = engine.build(forcePush ? spec.forcePush() : spec);
                if (r.built()) {
                    builtHere.add(r.imageName());
                }
                String digest = r.digest()
                        .or(() -> r.built()
                                ? Optional.empty()
                                : Optional.ofNullable(known.get(spec)).flatMap(Existence::digest))
                        .orElse(null);
                String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
                results.add(new ImageResult(
                        item.className(),
                        r.imageName(),
                        digest,
                        outcome,
                        r.builderType(),
                        r.duration().toMillis() / 1000.0,
                        r.built() && r.digest().isPresent(),
                        r.baseImage().orElse(null),
                        r.baseDigest().orElse(null)));
                getLog().info("imagespec: " + r.imageName() + " " + outcome.replace("_present", "") + " "
                        + (digest == null ? "-" : digest)
                        + String.format(Locale.ROOT, " %.1fs", r.duration().toMillis() / 1000.0));
            } catch (ImageBuildException | InvalidImageSpecException | IllegalStateException e) {
                failed.add(image);
                results.add(new ImageResult(
                        item.className(),
                        image,
                        null,
                        "failed",
                        null,
                        (System.nanoTime() - start) / 1e9,
                        false,
                        null,
                        null));
                failures.add(item.label() + ": " + e.getMessage());
                getLog().error("imagespec: " + e.getMessage());
            }
        }
        try {
            ImageResult.write(resultFile.toPath(), results);
        } catch (IOException e) {
            throw new MojoExecutionException("imagespec: cannot write " + resultFile + ": " + e.getMessage(), e);
        }
        getLog().info("imagespec: results in " + resultFile);
        if (!failures.isEmpty()) {
            throw new MojoFailureException("imagespec: " + failures.size() + " image build"
                    + (failures.size() == 1 ? "" : "s") + " failed:\n" + String.join("\n", failures));
        }
    }

    private ImageBuildEngine engine(
            MavenLogListener listener,
            DefaultImageBuilder defaultBuilder,
            Map<ImageSpec, Existence> known,
            Set<String> builtHere) {
        ImageBuildEngine engine = ImageBuildEngine.builder()
                .listener(listener)
                .presence(spec -> builtHere.contains(spec.imageName())
                        ? Optional.of(true)
                        : known.containsKey(spec) ? known.get(spec).asOptional() : spec.exist())
                .discover(BuildMojo.class.getClassLoader())
                .build();
        engine.register(DefaultImageBuilder.TYPE, defaultBuilder, DefaultImageBuilder.PRIORITY);
        return engine;
    }

    /** One image to build: a chosen spec or a base spec of one, labelled by its class when known. */
    record Item(String className, ImageSpec spec) {
        String label() {
            return className != null ? className : spec.name() + " (a base spec)";
        }
    }

    /** Base specs first, each image once: for every chosen spec its chain from the bottom up. */
    static List<Item> order(Map<String, ImageSpec> chosen, ProjectSpecs specs) {
        Map<String, Item> byImage = new LinkedHashMap<>();
        chosen.forEach((className, spec) -> {
            List<ImageSpec> chain = chain(spec);
            Collections.reverse(chain);
            for (int i = 0; i < chain.size(); i++) {
                ImageSpec s = chain.get(i);
                String name = s.imageName();
                if (!byImage.containsKey(name)) {
                    String c =
                            i == chain.size() - 1 ? className : specs.classOf(s).orElse(null);
                    byImage.put(name, new Item(c, s));
                }
            }
        });
        return new ArrayList<>(byImage.values());
    }

    /** The spec, its base spec, that one's base spec, and so on. */
    static List<ImageSpec> chain(ImageSpec spec) {
        List<ImageSpec> out = new ArrayList<>();
        for (ImageSpec s = spec; s != null; s = s.baseSpec().orElse(null)) {
            out.add(s);
        }
        return out;
    }
}
