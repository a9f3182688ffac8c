package dev.imagespec.runtime;

import java.util.List;
import java.util.Optional;

/**
 * A build did not produce an image: the tool failed, was killed, the build was interrupted, or
 * whether the image exists could not be told with {@code FLYTE_IMG_FAST_FAIL} on. {@link #kind()}
 * says which, for callers that branch (the CLI's exit codes); the message names the image and says
 * what to do, for a person; for a failed tool it ends with the tool's last lines and exit code.
 * Nothing was pushed.
 *
 * <p>Example: {@code catch (ImageBuildException e) { if (e.kind() == Kind.EXISTENCE_UNKNOWN) ...; }}
 */
public final class ImageBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why no image was produced. */
    public enum Kind {
        /** The build ran and failed, or could not run (no tool, a file changed, the context could not be written). */
        BUILD_FAILED,
        /** The build's thread was interrupted; the tool was stopped. */
        INTERRUPTED,
        /** Whether the image exists could not be told, and {@code FLYTE_IMG_FAST_FAIL} says to stop. */
        EXISTENCE_UNKNOWN
    }

    private final Kind kind;
    private final Integer exitCode;
    private final List<String> lastLines;

    /** A failure that is not a tool's exit, e.g. {@code new ImageBuildException("no build tool found; install buildah")}. */
    public ImageBuildException(String message) {
        this(Kind.BUILD_FAILED, message, null, List.of(), null);
    }

    /** A failure with a cause, e.g. an {@code IOException} while writing the build context. */
    public ImageBuildException(String message, Throwable cause) {
        this(Kind.BUILD_FAILED, message, null, List.of(), cause);
    }

    private ImageBuildException(Kind kind, String message, Integer exitCode, List<String> lastLines, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    /**
     * A tool that exited with {@code exitCode}, e.g.
     * {@code toolFailed("buildah build of r/x:t", 1, List.of("Error: ..."))}.
     */
    public static ImageBuildException toolFailed(String what, int exitCode, List<String> lastLines) {
        StringBuilder m =
                new StringBuilder(what).append(" failed with exit code ").append(exitCode);
        if (!lastLines.isEmpty()) {
            m.append("; its last lines:");
            for (String line : lastLines) {
                m.append("\n  ").append(line);
            }
        }
        m.append("\nNothing was pushed. Fix the spec or the command that failed and build again.");
        return new ImageBuildException(Kind.BUILD_FAILED, m.toString(), exitCode, lastLines, null);
    }

    /** The build's thread was interrupted; the tool was stopped and nothing was pushed. */
    public static ImageBuildException interrupted(String what) {
        return new ImageBuildException(
                Kind.INTERRUPTED,
                what + " was interrupted; the build tool was stopped and nothing was pushed",
                null,
                List.of(),
                null);
    }

    /**
     * Existence could not be told and {@code FLYTE_IMG_FAST_FAIL} is true, e.g.
     * {@code existenceUnknown("could not check whether image r/x:t exists ...")}.
     */
    public static ImageBuildException existenceUnknown(String message) {
        return new ImageBuildException(Kind.EXISTENCE_UNKNOWN, message, null, List.of(), null);
    }

    /** Why no image was produced, e.g. {@link Kind#EXISTENCE_UNKNOWN}. */
    public Kind kind() {
        return kind;
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
        return kind == Kind.INTERRUPTED;
    }
}
