package dev.imagespec.runtime.registry.auth;

/**
 * A configured credential source could not be read: a malformed config file, a credential helper that is
 * missing, fails or hangs. The message names the file or helper and how to fix it, never a secret.
 *
 * <pre>{@code
 * throw new CredentialException("credential helper docker-credential-desktop is not on PATH");
 * }</pre>
 */
public final class CredentialException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message a person can act on; no cause, since causes may quote secrets.
     *
     * <pre>{@code
     * new CredentialException("/home/me/.docker/config.json is not valid JSON (line 3, column 7)");
     * }</pre>
     */
    CredentialException(String message) {
        super(message);
    }
}
