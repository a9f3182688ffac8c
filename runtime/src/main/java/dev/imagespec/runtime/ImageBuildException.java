package dev.imagespec.runtime;

import java.util.List;
import java.util.Optional;

/**
 * A build did not produce an image: the tool failed, was killed, or the build was interrupted. The
 * message names the image and says what to do; for a failed tool it ends with the tool's last lines
 * and exit code. Nothing was pushed.
 *
 * <p>Example: {@code catch (ImageBuildException e) { e.exitCode().ifPresent(code -> ...); }}
 */
public final class ImageBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Integer exitCode;
    private final List<String> lastLines;
    private final boolean interrupted;

    /** A failure that is not a tool's exit, e.g. {@code new ImageBuildException("no build tool found; install buildah")}. */
    public ImageBuildException(String message) {
        this(message, null, List.of(), false, null);
    }

    /** A failure with a cause, e.g. an {@code IOException} while writing the build context. */
    public ImageBuildException(String message, Throwable cause) {
        this(message, null, List.of(), false, cause);
    }

    private ImageBuildException(String message, Integer exitCode, List<String> lastLines, boolean interrupted,
            Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
        this.interrupted = interrupted;
    }

    /**
     * A tool that exited with {@code exitCode}, e.g.
     * {@code toolFailed("buildah build of r/x:t", 1, List.of("Error: ..."))}.
     */
    public static ImageBuildException toolFailed(String what, int exitCode, List<String> lastLines) {
        StringBuilder m = new StringBuilder(what).append(" failed with exit code ").append(exitCode);
        if (!lastLines.isEmpty()) {
            m.append("; its last lines:");
            for (String line : lastLines) {
                m.append("\n  ").append(line);
            }
        }
        m.append("\nNothing was pushed. Fix the spec or the command that failed and build again.");
        return new ImageBuildException(m.toString(), exitCode, lastLines, false, null);
    }

    /** The build's thread was interrupted; the tool was stopped and nothing was pushed. */
    public static ImageBuildException interrupted(String what) {
        return new ImageBuildException(what + " was interrupted; the build tool was stopped and nothing was pushed",
                null, List.of(), true, null);
    }

    /** The tool's exit code, e.g. {@code Optional.of(127)}; empty if no tool exited. */
    public Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    /** The tool's last output lines (at most 20), e.g. {@code ["Error: building at STEP ..."]}. */
    public List<String> lastLines() {
        return lastLines;
    }

    /** True when the build stopped because its thread was interrupted. */
    public boolean wasInterrupted() {
        return interrupted;
    }
}
