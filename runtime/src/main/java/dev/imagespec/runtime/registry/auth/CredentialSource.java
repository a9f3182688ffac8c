package dev.imagespec.runtime.registry.auth;

import java.util.Optional;

/**
 * Where a registry login comes from. Looked up only when a registry asks for authentication.
 *
 * <pre>{@code
 * CredentialSource source = DockerConfigCredentials.fromEnvironment(Environment.system());
 * Optional<Credential> c = source.credentialFor("ghcr.io", "acme/app");
 * }</pre>
 */
@FunctionalInterface
public interface CredentialSource {

    /**
     * The login for a repository of a registry, or empty to go anonymous.
     *
     * <pre>{@code
     * Optional<Credential> c = source.credentialFor("127.0.0.1:5000", "team/app");
     * }</pre>
     *
     * @param registry the registry as named in the image ({@code docker.io}, {@code ghcr.io},
     *     {@code localhost:5000})
     * @param repository the repository path ({@code library/busybox})
     * @throws CredentialException when a configured source cannot be read (the message names it)
     */
    Optional<Credential> credentialFor(String registry, String repository) throws CredentialException;

    /**
     * A source with no credentials: every request is anonymous.
     *
     * <pre>{@code
     * RegistryClient.builder().credentials(CredentialSource.anonymous()).build();
     * }</pre>
     */
    static CredentialSource anonymous() {
        return (registry, repository) -> Optional.empty();
    }

    /**
     * A source that answers one credential for one registry, anonymous elsewhere.
     *
     * <pre>{@code
     * CredentialSource s = CredentialSource.of("127.0.0.1:5000", Credential.basic("ci", token));
     * }</pre>
     */
    static CredentialSource of(String registry, Credential credential) {
        return (r, repository) -> r.equals(registry) ? Optional.of(credential) : Optional.empty();
    }
}
