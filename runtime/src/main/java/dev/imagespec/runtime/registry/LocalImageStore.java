package dev.imagespec.runtime.registry;

import dev.imagespec.runtime.registry.auth.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Whether an image without a registry exists in the local image store of the installed builder tool, the
 * first of {@code buildah}, {@code podman} and {@code docker} on {@code PATH}, as flytekit asks the local
 * Docker daemon. Unknown when none is installed, or the tool fails (a Docker CLI without a daemon).
 *
 * <pre>{@code
 * Existence e = LocalImageStore.of(Environment.system()).check("flytekit:abc123");
 * }</pre>
 */
public final class LocalImageStore {
    /** Time the tool gets to answer unless {@link #of(Environment, Duration)} says otherwise: 10 seconds. */
    private static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);

    /** What may be passed to a tool as an image name: no option-like or blank values. */
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]*");

    private static final int MAX_OUTPUT = 16 * 1024;

    /** One supported tool: how to ask it, and how it says "no such image". */
    private enum Tool {
        BUILDAH("buildah", "image not known") {
            @Override
            List<String> command(Path exe, String image) {
                return List.of(exe.toString(), "images", "--noheading", "--format", "{{.ID}}", image);
            }
        },
        PODMAN("podman", null) {
            @Override
            List<String> command(Path exe, String image) {
                return List.of(exe.toString(), "image", "exists", image);
            }
        },
        DOCKER("docker", "No such image") {
            @Override
            List<String> command(Path exe, String image) {
                return List.of(exe.toString(), "image", "inspect", "--format", "{{.Id}}", image);
            }
        };

        final String executable;
        final String notFoundText;

        Tool(String executable, String notFoundText) {
            this.executable = executable;
            this.notFoundText = notFoundText;
        }

        abstract List<String> command(Path exe, String image);

        /** podman's {@code image exists} answers with its exit code alone: 1 means absent. */
        boolean saysAbsent(int exit, String output) {
            return this == PODMAN ? exit == 1 : exit != 0 && output.contains(notFoundText);
        }
    }

    private final Environment environment;
    private final Duration timeLimit;

    private LocalImageStore(Environment environment, Duration timeLimit) {
        this.environment = environment;
        this.timeLimit = timeLimit;
    }

    /**
     * The store of the first builder tool on this environment's {@code PATH}.
     *
     * <pre>{@code
     * LocalImageStore store = LocalImageStore.of(Environment.system());
     * }</pre>
     */
    public static LocalImageStore of(Environment environment) {
        return of(environment, DEFAULT_TIME_LIMIT);
    }

    /**
     * As {@link #of(Environment)}, with a time limit for the tool.
     *
     * <pre>{@code
     * LocalImageStore store = LocalImageStore.of(Environment.system(), Duration.ofSeconds(3));
     * }</pre>
     */
    static LocalImageStore of(Environment environment, Duration timeLimit) {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException(
                    "timeLimit " + timeLimit + " must be positive, e.g. Duration.ofSeconds(10)");
        }
        return new LocalImageStore(environment, timeLimit);
    }

    /**
     * The tool that will be asked ({@code buildah}, {@code podman}, {@code docker}), empty when none is on PATH.
     *
     * <pre>{@code
     * store.tool(); // Optional[buildah]
     * }</pre>
     */
    Optional<String> tool() {
        return findTool().map(t -> t.executable);
    }

    /**
     * Whether the local store has the image. Never throws.
     *
     * <pre>{@code
     * Existence e = store.check("localhost/flytekit:abc123");
     * }</pre>
     */
    public Existence check(String imageName) {
        if (imageName == null || !IMAGE_NAME.matcher(imageName).matches()) {
            return Existence.unknown(
                    0,
                    "\"" + imageName + "\" is not an image name a builder tool accepts;"
                            + " write e.g. \"flytekit:abc123\"");
        }
        Optional<Tool> tool = findTool();
        if (tool.isEmpty()) {
            return Existence.unknown(
                    0,
                    "no builder tool (buildah, podman or docker) is on PATH to look up the" + " local image "
                            + imageName + "; install one, or set a registry on the spec");
        }
        Path exe = environment.findExecutable(tool.get().executable).orElseThrow();
        return run(tool.get(), tool.get().command(exe, imageName), imageName);
    }

    private Optional<Tool> findTool() {
        for (Tool t : Tool.values()) {
            if (environment.findExecutable(t.executable).isPresent()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private Existence run(Tool tool, List<String> command, String imageName) {
        String shown = String.join(" ", command.subList(1, command.size()));
        Process process;
        try {
            process = environment
                    .processBuilder(command)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return Existence.unknown(0, "cannot run " + tool.executable + ": " + e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Existence.unknown(
                        0,
                        tool.executable + " " + shown + " did not answer within " + RegistryHttp.millis(timeLimit)
                                + "; is its storage locked by another process?");
            }
            String text =
                    output.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS).trim();
            int exit = process.exitValue();
            if (exit == 0 && (tool == Tool.PODMAN || !text.isEmpty())) {
                return Existence.present(0, null, null);
            }
            if (exit == 0 || tool.saysAbsent(exit, text)) {
                return Existence.absent(0, tool.executable + " has no image " + imageName);
            }
            String firstLine = text.lines().findFirst().orElse("");
            return Existence.unknown(
                    0,
                    tool.executable + " " + shown + " failed with exit code " + exit
                            + (firstLine.isEmpty() ? "" : ": " + firstLine));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Existence.unknown(0, "the local lookup of " + imageName + " was interrupted");
        } catch (IOException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            return Existence.unknown(0, "cannot read the output of " + tool.executable + " " + shown);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "LocalImageStore{tool=" + tool().orElse("none") + ", timeLimit=" + RegistryHttp.millis(timeLimit) + "}";
    }
}
