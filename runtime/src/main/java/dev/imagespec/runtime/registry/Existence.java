package dev.imagespec.runtime.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether an image exists: {@link State#PRESENT}, {@link State#ABSENT}, or {@link State#UNKNOWN} with a
 * reason a person can act on. Carries the HTTP status, manifest digest and media type when known.
 *
 * <pre>{@code
 * Existence e = client.check(RegistryImage.of("ghcr.io/acme/app:1"));
 * Optional<Boolean> flytekitStyle = e.asOptional(); // true, false, or empty for "don't know"
 * if (e.isUnknown()) log.warning(e.reason().orElseThrow());
 * }</pre>
 */
public final class Existence {

    /**
     * The three answers, as flytekit's {@code exist()} returns {@code True}, {@code False} or {@code None}.
     */
    public enum State {
        /** The registry (or local store) has the image. */
        PRESENT,
        /** The registry (or local store) answered that it does not have the image. */
        ABSENT,
        /** No answer could be had: network failure, denied access, an unexpected reply. */
        UNKNOWN
    }

    private final State state;
    private final int status;
    private final String digest;
    private final String mediaType;
    private final String reason;

    private Existence(State state, int status, String digest, String mediaType, String reason) {
        this.state = state;
        this.status = status;
        this.digest = digest;
        this.mediaType = mediaType;
        this.reason = reason;
    }

    /**
     * The image exists.
     *
     * <pre>{@code
     * Existence.present(200, "sha256:…", "application/vnd.oci.image.manifest.v1+json");
     * }</pre>
     *
     * @param status the HTTP status, or 0 when the answer did not come over HTTP
     * @param digest the manifest digest, or null when not known
     * @param mediaType the manifest media type, or null when not known
     */
    public static Existence present(int status, String digest, String mediaType) {
        return new Existence(State.PRESENT, status, digest, mediaType, null);
    }

    /**
     * The image does not exist.
     *
     * <pre>{@code
     * Existence.absent(404, "manifest unknown");
     * }</pre>
     *
     * @param status the HTTP status, or 0 when the answer did not come over HTTP
     * @param detail what the registry said, for logs
     */
    public static Existence absent(int status, String detail) {
        return new Existence(State.ABSENT, status, null, null, Objects.requireNonNull(detail, "detail"));
    }

    /**
     * No answer could be had, and why.
     *
     * <pre>{@code
     * Existence.unknown(0, "cannot connect to 127.0.0.1:5000: connection refused; is the registry running?");
     * }</pre>
     *
     * @param status the HTTP status of the last reply, or 0 when there was none
     * @param reason what went wrong and how to fix it; never a secret
     */
    public static Existence unknown(int status, String reason) {
        return new Existence(State.UNKNOWN, status, null, null, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The answer.
     *
     * <pre>{@code
     * switch (e.state()) { case PRESENT -> skip(); case ABSENT -> build(); case UNKNOWN -> assume(); }
     * }</pre>
     */
    public State state() {
        return state;
    }

    /**
     * Whether the image exists.
     *
     * <pre>{@code
     * if (e.isPresent()) System.out.println(e.digest().orElse(""));
     * }</pre>
     */
    public boolean isPresent() {
        return state == State.PRESENT;
    }

    /**
     * Whether the registry said the image does not exist.
     *
     * <pre>{@code
     * if (e.isAbsent()) build(spec);
     * }</pre>
     */
    public boolean isAbsent() {
        return state == State.ABSENT;
    }

    /**
     * Whether no answer could be had.
     *
     * <pre>{@code
     * if (e.isUnknown()) System.err.println(e.reason().orElseThrow());
     * }</pre>
     */
    public boolean isUnknown() {
        return state == State.UNKNOWN;
    }

    /**
     * flytekit's tri-state: {@code true}, {@code false}, or empty for unknown.
     *
     * <pre>{@code
     * Optional<Boolean> exist = client.check(image).asOptional();
     * }</pre>
     */
    public Optional<Boolean> asOptional() {
        return state == State.UNKNOWN ? Optional.empty() : Optional.of(state == State.PRESENT);
    }

    /**
     * The HTTP status of the reply the answer rests on, empty when there was none.
     *
     * <pre>{@code
     * e.status(); // OptionalInt[404]
     * }</pre>
     */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * The manifest digest ({@code Docker-Content-Digest}) of a present image, when the registry sent it.
     *
     * <pre>{@code
     * e.digest(); // Optional[sha256:6d9ac9237a84afe1516540f40a0fafdc86859b2141954b4d643af7066d598b74]
     * }</pre>
     */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /**
     * The manifest media type of a present image: an image manifest, or an index/manifest list.
     *
     * <pre>{@code
     * e.mediaType(); // Optional[application/vnd.oci.image.index.v1+json]
     * }</pre>
     */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /**
     * Why the answer is unknown, or what the registry said for absent; empty for present.
     *
     * <pre>{@code
     * e.reason(); // Optional[ghcr.io denied access to acme/app (401); log in with `docker login ghcr.io`]
     * }</pre>
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Existence e
                && state == e.state
                && status == e.status
                && Objects.equals(digest, e.digest)
                && Objects.equals(mediaType, e.mediaType)
                && Objects.equals(reason, e.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, status, digest, mediaType, reason);
    }

    /**
     * One line, as the CLI prints it: {@code present sha256:…}, {@code absent}, {@code unknown: reason}.
     *
     * <pre>{@code
     * System.out.println(image + " " + e); // ghcr.io/acme/app:1 unknown: connection refused …
     * }</pre>
     */
    @Override
    public String toString() {
        return switch (state) {
            case PRESENT -> digest == null ? "present" : "present " + digest;
            case ABSENT -> "absent";
            case UNKNOWN -> "unknown: " + reason;
        };
    }
}
