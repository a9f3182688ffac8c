package dev.imagespec.runtime.registry.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.reference.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Credentials as {@code docker login} and {@code podman login} store them. Files are read in this order,
 * and the first that has an entry for the registry wins:
 * <ol>
 *   <li>an explicit file (the spec's {@code registryConfig}; a directory means its {@code config.json}),
 *   <li>{@code $DOCKER_CONFIG/config.json},
 *   <li>{@code ~/.docker/config.json},
 *   <li>{@code $REGISTRY_AUTH_FILE},
 *   <li>{@code $XDG_RUNTIME_DIR/containers/auth.json}.
 * </ol>
 * Within a file, {@code credHelpers} for the registry comes first, then {@code credsStore}, then
 * {@code auths} (base64 {@code auth}, {@code username}/{@code password}, {@code identitytoken}). Keys of
 * {@code auths} may be URLs ({@code https://index.docker.io/v1/}) or, as podman writes them,
 * {@code host/namespace} for a part of a registry; the most specific key wins. Files are re-read at each
 * lookup, so a {@code docker login} while the program runs is seen.
 *
 * <pre>{@code
 * CredentialSource source = DockerConfigCredentials.fromEnvironment(Environment.system(),
 *         Optional.of(Path.of("/etc/ci/registry.json")));
 * }</pre>
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/login/">docker login</a>
 * @see <a href="https://github.com/containers/image/blob/main/docs/containers-auth.json.5.md">containers-auth.json(5)</a>
 */
public final class DockerConfigCredentials implements CredentialSource {
    /** The time a credential helper gets to answer, as a keychain lookup should take well under a second. */
    private static final Duration DEFAULT_HELPER_TIME_LIMIT = Duration.ofSeconds(10);

    /** Docker stores Docker Hub logins under its v1 index URL. */
    private static final String DOCKER_HUB_INDEX = "https://index.docker.io/v1/";

    private static final List<String> DOCKER_HUB_NAMES =
            List.of(ImageReference.DOCKER_HUB, "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

    private final List<Path> files;
    private final Environment environment;
    private final Duration helperTimeLimit;
    private final ObjectMapper json = new ObjectMapper();

    private DockerConfigCredentials(List<Path> files, Environment environment, Duration helperTimeLimit) {
        this.files = List.copyOf(files);
        this.environment = environment;
        this.helperTimeLimit = helperTimeLimit;
    }

    /**
     * The standard files of this environment, without an explicit one.
     *
     * <pre>{@code
     * CredentialSource source = DockerConfigCredentials.fromEnvironment(Environment.system());
     * }</pre>
     */
    public static DockerConfigCredentials fromEnvironment(Environment environment) {
        return fromEnvironment(environment, Optional.empty());
    }

    /**
     * An explicit file (if given) first, then the standard files of this environment.
     *
     * <pre>{@code
     * DockerConfigCredentials.fromEnvironment(env, Optional.of(Path.of("ci/config.json")));
     * }</pre>
     *
     * @param explicitConfig a docker {@code config.json} or podman {@code auth.json}, or a directory holding
     *     {@code config.json}
     */
    public static DockerConfigCredentials fromEnvironment(Environment environment, Optional<Path> explicitConfig) {
        return fromEnvironment(environment, explicitConfig, DEFAULT_HELPER_TIME_LIMIT);
    }

    /**
     * As {@link #fromEnvironment(Environment, Optional)}, with a time limit for credential helpers.
     *
     * <pre>{@code
     * DockerConfigCredentials.fromEnvironment(env, Optional.empty(), Duration.ofSeconds(2));
     * }</pre>
     */
    public static DockerConfigCredentials fromEnvironment(
            Environment environment, Optional<Path> explicitConfig, Duration helperTimeLimit) {
        List<Path> files = new ArrayList<>();
        explicitConfig
                .map(p -> Files.isDirectory(p) ? p.resolve("config.json") : p)
                .ifPresent(files::add);
        environment
                .variable("DOCKER_CONFIG")
                .map(d -> Path.of(d, "config.json"))
                .ifPresent(files::add);
        files.add(environment.home().resolve(".docker").resolve("config.json"));
        environment.variable("REGISTRY_AUTH_FILE").map(Path::of).ifPresent(files::add);
        environment
                .variable("XDG_RUNTIME_DIR")
                .map(d -> Path.of(d, "containers", "auth.json"))
                .ifPresent(files::add);
        return new DockerConfigCredentials(files, environment, helperTimeLimit);
    }

    /**
     * The first entry for the registry (and repository) in the files, in order.
     *
     * <pre>{@code
     * Optional<Credential> c = source.credentialFor("docker.io", "library/busybox");
     * }</pre>
     */
    @Override
    public Optional<Credential> credentialFor(String registry, String repository) throws CredentialException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Optional<Credential> found = fromFile(file, readJson(file), registry, repository);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Credential> fromFile(Path file, JsonNode config, String registry, String repository)
            throws CredentialException {
        String server = serverName(registry);
        JsonNode helpers = config.path("credHelpers");
        for (String name : hostNames(registry)) {
            if (helpers.hasNonNull(name)) {
                return helper(helpers.get(name).asText(), file).get(server, file.toString());
            }
        }
        if (config.hasNonNull("credsStore")
                && !config.get("credsStore").asText().isEmpty()) {
            Optional<Credential> stored =
                    helper(config.get("credsStore").asText(), file).get(server, file.toString());
            if (stored.isPresent()) {
                return stored;
            }
        }
        JsonNode auths = config.path("auths");
        Optional<String> key = bestAuthsKey(auths, registry, repository);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return parseAuthsEntry(auths.get(key.get()), file, key.get());
    }

    private CredentialHelper helper(String name, Path file) throws CredentialException {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new CredentialException("credential helper name \"" + name + "\" in " + file
                    + " is not a plain name; write e.g. \"pass\" for docker-credential-pass");
        }
        return new CredentialHelper(name, environment, helperTimeLimit);
    }

    /** The most specific {@code auths} key naming this registry, or this registry and a repository prefix. */
    private static Optional<String> bestAuthsKey(JsonNode auths, String registry, String repository) {
        String best = null;
        int bestLength = -1;
        for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String normalized = normalizeKey(key);
            for (String host : hostNames(registry)) {
                if (covers(normalized, host, repository) && normalized.length() > bestLength) {
                    best = key;
                    bestLength = normalized.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a key names the registry itself, or the registry and a namespace the repository is in. */
    private static boolean covers(String normalizedKey, String host, String repository) {
        if (normalizedKey.equals(host)) {
            return true;
        }
        String prefix = host + "/";
        return normalizedKey.startsWith(prefix)
                && (repository + "/").startsWith(normalizedKey.substring(prefix.length()) + "/");
    }

    /** {@code https://host/v1/} → {@code host}; podman's {@code host/namespace} keys stay as written. */
    private static String normalizeKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
            int slash = k.indexOf('/');
            return slash >= 0 ? k.substring(0, slash) : k;
        }
        return k.endsWith("/") ? k.substring(0, k.length() - 1) : k;
    }

    private static List<String> hostNames(String registry) {
        String r = registry.toLowerCase(Locale.ROOT);
        return DOCKER_HUB_NAMES.contains(r) ? DOCKER_HUB_NAMES : List.of(r);
    }

    /** The server name helpers are asked for: what {@code docker login} used as the key. */
    private static String serverName(String registry) {
        return DOCKER_HUB_NAMES.contains(registry.toLowerCase(Locale.ROOT)) ? DOCKER_HUB_INDEX : registry;
    }

    private static Optional<Credential> parseAuthsEntry(JsonNode entry, Path file, String key)
            throws CredentialException {
        String where = "auths entry \"" + key + "\" in " + file;
        String identityToken = entry.path("identitytoken").asText("");
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialException("the \"auth\" value of the " + where
                        + " is not base64 of user:password; log in again with `docker login " + key + "`");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new CredentialException("the \"auth\" value of the " + where
                        + " does not decode to user:password; log in again with `docker login " + key + "`");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (!identityToken.isEmpty()) {
            return Optional.of(Credential.identityToken(username, identityToken));
        }
        if (username.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (username.isEmpty()) {
            throw new CredentialException("the " + where + " has a password but no username;"
                    + " log in again with `docker login " + key + "`");
        }
        return Optional.of(Credential.basic(username, password));
    }

    private JsonNode readJson(Path file) throws CredentialException {
        try {
            JsonNode node = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new CredentialException(file + " does not hold a JSON object; expected e.g. {\"auths\": {}}");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the text around the error, which may be a password.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new CredentialException(file + " is not valid JSON" + where + "; fix or delete it");
        } catch (IOException e) {
            throw new CredentialException(
                    "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Names the files only. */
    @Override
    public String toString() {
        return "DockerConfigCredentials" + files;
    }
}
