package dev.imagespec.runtime.registry.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token from a registry's token service and the instant it stops being used. The token never
 * appears in {@link #toString()}.
 *
 * <pre>{@code
 * BearerToken t = BearerToken.of(json.get("token").asText(), Instant.now().plusSeconds(300));
 * request.header("Authorization", t.authorization());
 * }</pre>
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">distribution token auth</a>
 */
public final class BearerToken {
    private final String token;
    private final Instant expiresAt;

    private BearerToken(String token, Instant expiresAt) {
        this.token = token;
        this.expiresAt = expiresAt;
    }

    /**
     * A token valid until {@code expiresAt}.
     *
     * <pre>{@code
     * BearerToken t = BearerToken.of("eyJ...", Instant.now().plusSeconds(60));
     * }</pre>
     */
    public static BearerToken of(String token, Instant expiresAt) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be blank");
        }
        return new BearerToken(token, expiresAt);
    }

    /**
     * The value of an {@code Authorization} header. Handle it as a secret.
     *
     * <pre>{@code
     * request.header("Authorization", token.authorization()); // "Bearer eyJ..."
     * }</pre>
     */
    public String authorization() {
        return "Bearer " + token;
    }

    /**
     * Whether the token has expired at {@code now}.
     *
     * <pre>{@code
     * if (token.isExpired(clock.instant())) { ... fetch a new one ... }
     * }</pre>
     */
    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Names the expiry only. */
    @Override
    public String toString() {
        return "BearerToken{expiresAt=" + expiresAt + ", token=****}";
    }
}
