package dev.imagespec.builders.dockerfile;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.files.FileTrees;
import dev.imagespec.runtime.hash.SourceRootListing;
import dev.imagespec.runtime.validate.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fresh temporary directory holding what one build needs: {@code context/} (the Dockerfile,
 * {@code requirements_uv.txt} or the lock files, the source root under {@code src/}, the
 * {@code copy} entries) and {@code tmp/} (the build tool's own temporary files). {@link #close()}
 * deletes all of it; use it in try-with-resources so that a failed or interrupted build leaves
 * nothing behind.
 *
 * <p>Example: {@code try (BuildContext ctx = BuildContext.create(tmp, spec, dockerfile)) { run(ctx.directory()); }}
 */
public final class BuildContext implements AutoCloseable {

    /** flytekit's test for "is this requirement flytekit itself": the name before any version operator. */
    private static final Pattern PACKAGE_NAME = Pattern.compile("^[\\w-]+");

    private final Path root;
    private final Path context;
    private final Path toolTemp;

    private BuildContext(Path root) {
        this.root = root;
        this.context = root.resolve("context");
        this.toolTemp = root.resolve("tmp");
    }

    /**
     * Makes the directory under {@code parent} (the system temp directory when null) and fills it
     * for {@code spec} with {@code dockerfile} as its Dockerfile. On any failure the directory is
     * deleted before the exception leaves.
     *
     * @throws UncheckedIOException if a file the spec names cannot be read or the directory written
     * @throws IllegalArgumentException if a lock file has no {@code pyproject.toml} beside it
     */
    public static BuildContext create(Path parent, ImageSpec spec, String dockerfile) {
        Path root;
        try {
            root = parent == null
                    ? Files.createTempDirectory("imagespec-build-")
                    : Files.createTempDirectory(Files.createDirectories(parent), "imagespec-build-");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create a build directory under "
                            + (parent == null ? System.getProperty("java.io.tmpdir") : parent) + ": " + e.getMessage(),
                    e);
        }
        BuildContext ctx = new BuildContext(root);
        try {
            ctx.fill(spec, dockerfile);
            return ctx;
        } catch (IOException e) {
            ctx.close();
            throw new UncheckedIOException(
                    "cannot write the build context for " + spec.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            ctx.close();
            throw e;
        }
    }

    /** The build context directory, e.g. the last argument of {@code buildah build}. */
    public Path directory() {
        return context;
    }

    /** The Dockerfile inside {@link #directory()}. */
    public Path dockerfile() {
        return context.resolve("Dockerfile");
    }

    /** A directory for the build tool's own temporary files ({@code TMPDIR}); deleted with the rest. */
    public Path toolTemp() {
        return toolTemp;
    }

    /** The whole temporary directory, e.g. to check that {@link #close()} removed it. */
    public Path root() {
        return root;
    }

    private void fill(ImageSpec spec, String dockerfile) throws IOException {
        Files.createDirectories(context);
        Files.createDirectories(toolTemp);
        Files.writeString(context.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
        if (DockerfileRenderer.needsPython(spec)) {
            pythonFiles(spec);
        }
        CopyFileDetection mode = spec.sourceCopyMode().orElse(CopyFileDetection.NO_COPY);
        if (mode != CopyFileDetection.NO_COPY) {
            String sourceRoot = spec.sourceRoot()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "sourceCopyMode " + mode + " needs sourceRoot; set sourceRoot or use NO_COPY"));
            Path from = spec.resolve(sourceRoot);
            Path to = Files.createDirectories(context.resolve(DockerfileRenderer.SOURCE_DIR));
            for (String file : SourceRootListing.list(from, mode)) {
                Path target = to.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(from.resolve(file), target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        for (String src : spec.copy().orElse(List.of())) {
            Path from = spec.resolve(src);
            Path target = context.resolve(DockerfileRenderer.contextPath(src));
            if (!Files.exists(from)) {
                throw new IllegalArgumentException(
                        Messages.copySourceMissing(src, from.toAbsolutePath().toString()));
            }
            copyTree(from, target);
        }
    }

    private void pythonFiles(ImageSpec spec) throws IOException {
        var lock = DockerfileRenderer.lockFile(spec);
        if (lock.isPresent()) {
            Path lockPath = spec.resolve(spec.requirements().orElseThrow());
            Path pyproject = lockPath.toAbsolutePath().getParent().resolve("pyproject.toml");
            if (!Files.isRegularFile(pyproject)) {
                throw new IllegalArgumentException(
                        Messages.lockFileNeedsPyproject(spec.requirements().get(), lock.get(), pyproject.toString()));
            }
            Files.copy(lockPath, context.resolve(lock.get()));
            Files.copy(pyproject, context.resolve("pyproject.toml"));
            return;
        }
        List<String> requirements = new ArrayList<>();
        String req = spec.requirements().orElse("");
        if (!req.isEmpty()) {
            try (Stream<String> lines = Files.lines(spec.resolve(req), StandardCharsets.UTF_8)) {
                lines.map(String::strip).forEach(requirements::add);
            }
        }
        requirements.addAll(spec.packages().orElse(List.of()));
        // As flytekit does: the image needs flytekit to run Python tasks, unless the spec pins its own.
        if (requirements.stream().noneMatch(BuildContext::isFlytekit)) {
            requirements.add("flytekit");
        }
        Files.writeString(
                context.resolve(DockerfileRenderer.REQUIREMENTS_FILE),
                String.join("\n", requirements),
                StandardCharsets.UTF_8);
    }

    public static boolean isFlytekit(String requirement) {
        Matcher m = PACKAGE_NAME.matcher(requirement);
        return m.find() && m.group().equals("flytekit");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file,
                        to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes the whole directory; never throws, so that it cannot hide the build's own failure. */
    @Override
    public void close() {
        deleteTree(root);
    }

    /** Deletes {@code dir} and everything in it, best effort (a file a tool still holds may stay), e.g. {@code deleteTree(contextRoot)}. */
    public static void deleteTree(Path dir) {
        Objects.requireNonNull(dir);
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            // Best effort: a file the tool still holds may survive; the caller's result stands.
            System.getLogger("dev.imagespec.build")
                    .log(
                            System.Logger.Level.WARNING,
                            "could not delete build directory " + dir + ": " + e.getMessage());
        }
    }
}
