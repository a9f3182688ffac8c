package dev.imagespec.runtime.registry;

/**
 * A registry call that gave no usable answer; the message says why and how to fix it, never a secret.
 * Checks turn it into {@link Existence#unknown(int, String)}; it never reaches callers.
 */
final class RegistryFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    RegistryFailure(int status, String message) {
        // No cause and no stack trace: causes may quote headers, and this is an answer, not a bug.
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status of the last reply, 0 when there was none. */
    int status() {
        return status;
    }
}
