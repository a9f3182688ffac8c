package dev.imagespec.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.registry.auth.AuthChallenge;
import dev.imagespec.runtime.registry.auth.BearerToken;
import dev.imagespec.runtime.registry.auth.Credential;
import dev.imagespec.runtime.text.InputText;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks a registry's token service for a bearer token: {@code GET realm?service=…&scope=…} (anonymous, or
 * with Basic credentials), or for an identity token the OAuth {@code refresh_token} grant as a POST form.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 token authentication</a>
 */
final class TokenRequest {
    /** The lifetime the token spec prescribes when a token service does not say. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private static final String CLIENT_ID = "imagespec-java";

    private final RegistryHttp http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    TokenRequest(RegistryHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    BearerToken fetch(String registry, AuthChallenge challenge, String scope, Optional<Credential> credential)
            throws RegistryFailure, InterruptedException {
        String realm = challenge
                .param("realm")
                .orElseThrow(
                        () -> new RegistryFailure(
                                401,
                                registry
                                        + " asks for a bearer token but names no realm in WWW-Authenticate; it is misconfigured"));
        URI realmUri;
        try {
            realmUri = new URI(realm.strip());
        } catch (URISyntaxException e) {
            realmUri = null;
        }
        if (realmUri == null || !RegistryHttp.isHttpUrl(realmUri)) {
            throw new RegistryFailure(
                    401,
                    registry + " names a token realm that is not an http or https URL: " + InputText.quote(realm)
                            + "; its WWW-Authenticate header is misconfigured");
        }
        Map<String, String> params = new LinkedHashMap<>();
        challenge.param("service").ifPresent(s -> params.put("service", s));
        params.put("scope", scope);
        RegistryHttp.Request request;
        if (credential.isPresent() && credential.get().isIdentityToken()) {
            params.put("grant_type", "refresh_token");
            params.put("client_id", CLIENT_ID);
            params.put("refresh_token", credential.get().identityToken().orElseThrow());
            request = new RegistryHttp.Request(
                    "POST",
                    realmUri,
                    Map.of("Accept", "application/json"),
                    Optional.empty(),
                    Optional.of(form(params)));
        } else {
            credential.ifPresent(c -> params.put("account", c.username()));
            String base = realmUri.toString();
            int fragment = base.indexOf('#');
            base = fragment < 0 ? base : base.substring(0, fragment);
            URI uri = URI.create(base + (realmUri.getRawQuery() != null ? "&" : "?") + form(params));
            request = new RegistryHttp.Request(
                    "GET",
                    uri,
                    Map.of("Accept", "application/json"),
                    credential.flatMap(Credential::basicAuthorization),
                    Optional.empty());
        }
        RegistryResponse response = http.send(request);
        if (response.status() == 401 || response.status() == 403) {
            throw new RegistryFailure(
                    response.status(),
                    credential.isPresent()
                            ? "the token service of " + registry + " (" + RegistryHttp.redact(realmUri)
                                    + ") refused the"
                                    + " credentials for " + describe(credential.get()) + " (" + response.status() + ");"
                                    + " log in again with `docker login " + registry + "`"
                            : "the token service of " + registry + " (" + RegistryHttp.redact(realmUri) + ") refused an"
                                    + " anonymous token (" + response.status() + "); log in with `docker login "
                                    + registry + "`");
        }
        if (response.status() != 200) {
            throw new RegistryFailure(
                    response.status(),
                    "the token service of " + registry + " (" + RegistryHttp.redact(realmUri) + ") answered "
                            + response.status() + " for scope " + scope);
        }
        return parse(response, registry);
    }

    private BearerToken parse(RegistryResponse response, String registry) throws RegistryFailure {
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = null; // Jackson's message would quote the body, which holds the token
        }
        if (body == null || !body.isObject()) {
            throw new RegistryFailure(
                    200,
                    "the token service of " + registry + " answered something that is not"
                            + " a JSON object; is the realm URL right?");
        }
        String token = body.path("token").asText("");
        if (token.isEmpty()) {
            token = body.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new RegistryFailure(200, "the token service of " + registry + " answered without a token");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new RegistryFailure(
                    200,
                    "the token service of " + registry + " answered a token with characters"
                            + " an Authorization header cannot carry; it is misconfigured");
        }
        long seconds = body.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
        return BearerToken.of(token, clock.instant().plus(lifetime));
    }

    /** Who a credential speaks for, in a message: {@code user alice}, or {@code the identity token}. */
    static String describe(Credential credential) {
        return credential.username().isEmpty() ? "the identity token" : "user " + credential.username();
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
