package dev.imagespec.runtime.spec;

/**
 * A pip build secret (flytekit's {@code pip_secret_mounts} pair): the file {@code src} on the build
 * host is mounted at {@code dst} while pip runs, and never stored in a layer. Not part of the hash.
 *
 * <p>Example: {@code new SecretMount(".netrc", "/root/.netrc")}.
 *
 * @param src the secret file on the build host
 * @param dst where pip sees it inside the build
 */
public record SecretMount(String src, String dst) {
    public SecretMount {
        if (src == null || dst == null) {
            throw new IllegalArgumentException(dev.imagespec.runtime.validate.Messages.secretMountParts());
        }
    }

    /** Hides nothing secret (paths only), but never prints file contents. */
    @Override
    public String toString() {
        return "(" + src + ", " + dst + ")";
    }
}
