package dev.imagespec.runtime.registry;

import dev.imagespec.runtime.registry.auth.AuthChallenge;
import dev.imagespec.runtime.registry.auth.BearerToken;
import dev.imagespec.runtime.registry.auth.Credential;
import dev.imagespec.runtime.registry.auth.CredentialException;
import dev.imagespec.runtime.registry.auth.CredentialSource;
import dev.imagespec.runtime.registry.auth.TokenCache;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sends a request for one repository with whatever authentication its registry asked for: once a registry
 * has answered 401 with a challenge, later requests carry a cached bearer token (or Basic credentials)
 * from the start, so a bulk check costs one token fetch per repository, not one per image.
 */
final class AuthenticatingSender {
    private final RegistryHttp http;
    private final CredentialSource credentials;
    private final TokenCache tokens;
    private final TokenRequest tokenRequest;
    private final ConcurrentMap<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Optional<Credential>> credentialsFound = new ConcurrentHashMap<>();

    AuthenticatingSender(
            RegistryHttp http, CredentialSource credentials, TokenCache tokens, TokenRequest tokenRequest) {
        this.http = http;
        this.credentials = credentials;
        this.tokens = tokens;
        this.tokenRequest = tokenRequest;
    }

    /** The reply to a pull-scoped request; a final 401 becomes a failure saying what to log in to. */
    RegistryResponse send(RegistryHttp.Request request, String registry, String repository)
            throws RegistryFailure, InterruptedException {
        String scope = "repository:" + repository + ":pull";
        AuthChallenge known = challenges.get(registry);
        Attempt first = known == null ? Attempt.ANONYMOUS : authorize(known, registry, repository, scope);
        RegistryResponse response = http.send(request.withAuthorization(first.authorization()));
        if (response.status() != 401) {
            return response;
        }
        Optional<AuthChallenge> challenge = AuthChallenge.preferred(response.headers("WWW-Authenticate"));
        if (challenge.isEmpty()) {
            throw denied(registry, repository, first.credential());
        }
        challenges.put(registry, challenge.get());
        // A token the registry rejected (expired early, revoked) is fetched again, once.
        first.token().ifPresent(t -> tokens.invalidate(registry, scope, t));
        if (challenge.get().isBasic() && first.credential().isPresent()) {
            credentialsFound.remove(registry + "/" + repository);
            throw denied(registry, repository, first.credential());
        }
        Attempt second = authorize(challenge.get(), registry, repository, scope);
        if (second.authorization().isEmpty()) {
            throw denied(registry, repository, Optional.empty());
        }
        response = http.send(request.withAuthorization(second.authorization()));
        if (response.status() == 401) {
            second.token().ifPresent(t -> tokens.invalidate(registry, scope, t));
            throw denied(registry, repository, second.credential());
        }
        return response;
    }

    private Attempt authorize(AuthChallenge challenge, String registry, String repository, String scope)
            throws RegistryFailure, InterruptedException {
        if (challenge.isBearer()) {
            Optional<Credential> credential = credential(registry, repository);
            BearerToken token = tokens.<RegistryFailure>getOrFetch(registry, scope, () -> {
                try {
                    return tokenRequest.fetch(registry, challenge, scope, credential);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryFailure(0, "interrupted while fetching a token from " + registry);
                }
            });
            return new Attempt(Optional.of(token.authorization()), Optional.of(token), credential);
        }
        if (challenge.isBasic()) {
            Optional<Credential> credential = credential(registry, repository);
            return new Attempt(credential.flatMap(Credential::basicAuthorization), Optional.empty(), credential);
        }
        throw new RegistryFailure(
                401,
                registry + " asks for \"" + challenge.scheme()
                        + "\" authentication, which only Bearer and Basic registries are spoken to with");
    }

    private Optional<Credential> credential(String registry, String repository) throws RegistryFailure {
        String key = registry + "/" + repository;
        Optional<Credential> found = credentialsFound.get(key);
        if (found != null) {
            return found;
        }
        try {
            found = credentials.credentialFor(registry, repository);
        } catch (CredentialException e) {
            throw new RegistryFailure(401, "cannot read the credentials for " + registry + ": " + e.getMessage());
        }
        credentialsFound.put(key, found);
        return found;
    }

    private static RegistryFailure denied(String registry, String repository, Optional<Credential> credential) {
        if (credential.isPresent()) {
            return new RegistryFailure(
                    401,
                    registry + " rejected " + TokenRequest.describe(credential.get()) + " for "
                            + repository
                            + " (401); log in again with `docker login " + registry + "`");
        }
        return new RegistryFailure(
                401,
                registry + " requires authentication for " + repository
                        + " (401) and no credentials for it were found; the repository may not exist, or log in with"
                        + " `docker login " + registry + "`");
    }

    /** What a request was sent with, so a rejection can be blamed on the right thing. */
    private record Attempt(
            Optional<String> authorization, Optional<BearerToken> token, Optional<Credential> credential) {
        static final Attempt ANONYMOUS = new Attempt(Optional.empty(), Optional.empty(), Optional.empty());

        @Override
        public String toString() {
            return "Attempt{" + (authorization.isPresent() ? "authorized" : "anonymous") + "}";
        }
    }
}
