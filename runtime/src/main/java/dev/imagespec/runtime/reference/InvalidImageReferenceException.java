package dev.imagespec.runtime.reference;

import java.util.Objects;

/**
 * Thrown when a string is not a Docker/OCI image reference; carries the input and the rule
 * that failed as a {@link Reason}.
 *
 * <p>{@code ImageReference.parse("Ubuntu:22.04")} throws one whose {@code reason()} is
 * {@code NAME_CONTAINS_UPPERCASE} and whose message is
 * {@code image reference "Ubuntu:22.04" must be lower-case in its repository path; write "ubuntu:22.04"}.
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">distribution/reference errors</a>
 */
public final class InvalidImageReferenceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Why a reference was rejected; {@link #code()} is the name used by the test vectors and
     * maps one to one onto distribution/reference's errors.
     *
     * <p>{@code Reason.NAME_TOO_LONG.code()} is {@code "name-too-long"}.
     *
     * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">ErrNameEmpty and friends</a>
     */
    public enum Reason {
        /** The input is empty ({@code ErrNameEmpty}); {@code ""}. */
        NAME_EMPTY("name-empty"),
        /** The input does not follow the grammar ({@code ErrReferenceInvalidFormat}); {@code "repo:ta g"}. */
        REFERENCE_INVALID_FORMAT("reference-invalid-format"),
        /** It would parse if lower-cased ({@code ErrNameContainsUppercase}); {@code "docker.io/Upper"}. */
        NAME_CONTAINS_UPPERCASE("name-contains-uppercase"),
        /** The repository path is longer than 255 characters ({@code ErrNameTooLong}). */
        NAME_TOO_LONG("name-too-long"),
        /** The digest's hex is not lower-case hex ({@code ErrDigestInvalidFormat}); {@code "sha256:AAAA…"}. */
        DIGEST_INVALID_FORMAT("digest-invalid-format"),
        /** The digest's hex has the wrong length for its algorithm ({@code ErrDigestInvalidLength}). */
        DIGEST_INVALID_LENGTH("digest-invalid-length"),
        /** The digest algorithm is not sha256, sha384 or sha512 ({@code ErrDigestUnsupported}); {@code "md5:…"}. */
        DIGEST_UNSUPPORTED("digest-unsupported"),
        /** A bare 64-character hex string, which Docker reserves for image IDs ({@code ParseNormalizedNamed}). */
        CANNOT_BE_64_HEX("cannot-be-64-hex");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /**
         * The vector error name; {@code "digest-unsupported"} for {@link #DIGEST_UNSUPPORTED}.
         *
         * @return the kebab-case code
         */
        public String code() {
            return code;
        }
    }

    private final String input;
    private final Reason reason;

    InvalidImageReferenceException(String input, Reason reason, String message) {
        super(message);
        this.input = input;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The string that failed to parse, exactly as given; {@code "repo:ta g"}.
     *
     * @return the rejected input
     */
    public String input() {
        return input;
    }

    /**
     * The rule that failed; {@code Reason.REFERENCE_INVALID_FORMAT} for {@code "repo:ta g"}.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
