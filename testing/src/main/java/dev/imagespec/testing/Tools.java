package dev.imagespec.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finding and running the Debian tools the fixtures use; a missing tool fails with the package to install.
 *
 * <pre>{@code
 * Path skopeo = Tools.require("skopeo", "skopeo");
 * String out = Tools.run(List.of(skopeo.toString(), "--version"));
 * }</pre>
 */
public final class Tools {
    private static final long TIME_LIMIT_SECONDS = 60;

    private Tools() {}

    /**
     * The tool on PATH (or {@code /usr/bin}, {@code /usr/sbin}); fails the test naming the apt package.
     *
     * <pre>{@code
     * Path htpasswd = Tools.require("htpasswd", "apache2-utils");
     * }</pre>
     */
    public static Path require(String tool, String aptPackage) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/sbin:/bin";
        for (String d : path.split(File.pathSeparator, -1)) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(tool + " is not installed; these tests need it on PATH: run" + " `apt-get install "
                + aptPackage + "` (.ci/run installs it)");
    }

    /**
     * Runs a command with a time limit and returns its stdout; a non-zero exit fails with its output.
     *
     * <pre>{@code
     * Tools.run(List.of("skopeo", "copy", "oci:" + dir + ":v1", "docker://" + target));
     * }</pre>
     */
    public static String run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    /**
     * As {@link #run(List)}, with extra environment variables.
     *
     * <pre>{@code
     * Tools.run(List.of("buildah", "images"), Map.of("CONTAINERS_STORAGE_CONF", conf.toString()));
     * }</pre>
     */
    public static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("imagespec-tool-", ".out");
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(
                        String.join(" ", command) + " did not finish within " + TIME_LIMIT_SECONDS + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Deletes a directory tree, ignoring what is already gone.
     *
     * <pre>{@code
     * Tools.deleteRecursively(tempDir);
     * }</pre>
     */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
