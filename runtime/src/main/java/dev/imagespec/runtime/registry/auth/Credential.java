package dev.imagespec.runtime.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry login: a user name with a password, or an identity (refresh) token as {@code docker login}
 * stores it for OAuth registries. The secret never appears in {@link #toString()}.
 *
 * <pre>{@code
 * Credential c = Credential.basic("alice", "s3cret");
 * String header = c.basicAuthorization(); // "Basic YWxpY2U6czNjcmV0"
 * }</pre>
 */
public final class Credential {
    private final String username;
    private final String password;
    private final String identityToken;

    private Credential(String username, String password, String identityToken) {
        this.username = username;
        this.password = password;
        this.identityToken = identityToken;
    }

    /**
     * A user name and password (or personal access token used as a password).
     *
     * <pre>{@code
     * Credential c = Credential.basic("alice", "s3cret");
     * }</pre>
     */
    public static Credential basic(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("a registry user name must not be empty");
        }
        return new Credential(username, password, null);
    }

    /**
     * An identity token, exchanged for access tokens with an OAuth {@code refresh_token} grant.
     *
     * <pre>{@code
     * Credential c = Credential.identityToken("alice", identityTokenFromConfig);
     * }</pre>
     *
     * @param username the account name if known, else empty
     */
    static Credential identityToken(String username, String identityToken) {
        Objects.requireNonNull(identityToken, "identityToken");
        if (identityToken.isEmpty()) {
            throw new IllegalArgumentException("an identity token must not be empty");
        }
        return new Credential(username == null ? "" : username, null, identityToken);
    }

    /**
     * The account name ({@code ""} for an identity token without one).
     *
     * <pre>{@code
     * String user = c.username(); // "alice"
     * }</pre>
     */
    public String username() {
        return username;
    }

    /**
     * Whether this is an identity token rather than a password.
     *
     * <pre>{@code
     * if (c.isIdentityToken()) { ... refresh_token grant ... }
     * }</pre>
     */
    public boolean isIdentityToken() {
        return identityToken != null;
    }

    /**
     * The identity token, empty for a password credential. Handle it as a secret.
     *
     * <pre>{@code
     * String refresh = c.identityToken().orElseThrow();
     * }</pre>
     */
    public Optional<String> identityToken() {
        return Optional.ofNullable(identityToken);
    }

    /**
     * The value of an {@code Authorization} header for HTTP Basic, empty for an identity token.
     *
     * <pre>{@code
     * c.basicAuthorization().ifPresent(h -> request.header("Authorization", h));
     * }</pre>
     *
     * @see <a href="https://www.rfc-editor.org/rfc/rfc7617">RFC 7617</a>
     */
    public Optional<String> basicAuthorization() {
        if (password == null) {
            return Optional.empty();
        }
        byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
    }

    /** Names the user and the kind of secret, never the secret. */
    @Override
    public String toString() {
        return "Credential{username=" + username + ", " + (isIdentityToken() ? "identity token" : "password")
                + "=****}";
    }
}
