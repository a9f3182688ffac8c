package dev.imagespec.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.registry.auth.Credential;
import dev.imagespec.runtime.registry.auth.CredentialException;
import dev.imagespec.runtime.registry.auth.CredentialSource;
import dev.imagespec.runtime.registry.auth.DockerConfigCredentials;
import dev.imagespec.runtime.registry.auth.Environment;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry behind htpasswd Basic auth; credentials from every place docker and podman leave them,
 * each written to a temporary home and environment.
 */
class RegistryBasicAuthIT {
    private static final String USER = "alice";
    private static final String PASSWORD = "pw-Basic-7f3a9c";

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.withBasicAuth(USER, PASSWORD);

    @TempDir
    Path temp;

    /** Every text a caller can reach, to prove the password never shows. */
    private final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void push() throws Exception {
        TestImages.pushBusybox(REGISTRY, "team/app", "v1");
    }

    private RegistryImage app() {
        return RegistryImage.of(REGISTRY.hostPort() + "/team/app:v1");
    }

    private Existence check(RegistryClient client, RegistryImage image) {
        Existence e = client.check(image);
        seen.add(e.toString());
        e.reason().ifPresent(seen::add);
        seen.add(client.toString());
        return e;
    }

    private Existence checkWith(Environment env) {
        return check(RegistryClient.builder().environment(env).build(), app());
    }

    private Environment env(Map<String, String> vars) throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Map<String, String> all = new HashMap<>(vars);
        all.putIfAbsent("PATH", temp.resolve("bin") + ":/usr/bin:/bin");
        return Environment.of(all, home);
    }

    private static String authJson(String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return "{\"auths\":{\"" + REGISTRY.hostPort() + "\":{\"auth\":\"" + auth + "\"}}}";
    }

    private Path write(String relative, String content) throws Exception {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void rightCredentialsArePresent() {
        Existence e = check(
                RegistryClient.builder()
                        .credentials(CredentialSource.of(REGISTRY.hostPort(), Credential.basic(USER, PASSWORD)))
                        .build(),
                app());

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertNoSecretSeen();
    }

    @Test
    void absentTagWithRightCredentialsIsAbsent() {
        Existence e = check(
                RegistryClient.builder()
                        .credentials(CredentialSource.of(REGISTRY.hostPort(), Credential.basic(USER, PASSWORD)))
                        .build(),
                RegistryImage.of(REGISTRY.hostPort() + "/team/app:nope"));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.ABSENT);
    }

    @Test
    void wrongPasswordIsUnknownNamingTheUserNotThePassword() {
        String wrong = "pw-Wrong-1b2c3d";
        Existence e = check(
                RegistryClient.builder()
                        .credentials(CredentialSource.of(REGISTRY.hostPort(), Credential.basic(USER, wrong)))
                        .build(),
                app());

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.status()).hasValue(401);
        assertThat(e.reason().orElseThrow())
                .contains("rejected user alice")
                .contains("docker login " + REGISTRY.hostPort());
        assertThat(String.join("\n", seen)).doesNotContain(wrong);
        assertNoSecretSeen();
    }

    @Test
    void noCredentialsIsUnknownSayingHowToLogIn() throws Exception {
        Existence e = checkWith(env(Map.of()));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("requires authentication").contains("docker login");
    }

    @Test
    void explicitRegistryConfigWinsOverTheStandardFiles() throws Exception {
        Path explicit = write("ci/config.json", authJson(USER, PASSWORD));
        write("home/.docker/config.json", authJson(USER, "pw-stale"));

        Existence e = check(
                RegistryClient.builder()
                        .environment(env(Map.of()))
                        .registryConfig(explicit)
                        .build(),
                app());

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
    }

    @Test
    void dockerConfigDirectory() throws Exception {
        write("dc/config.json", authJson(USER, PASSWORD));

        Existence e = checkWith(env(Map.of("DOCKER_CONFIG", temp.resolve("dc").toString())));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertNoSecretSeen();
    }

    @Test
    void homeDockerConfigWithUsernameAndPasswordUnderAUrlKey() throws Exception {
        write(
                "home/.docker/config.json",
                "{\"auths\":{\"http://" + REGISTRY.hostPort() + "/v1/\":" + "{\"username\":\"" + USER
                        + "\",\"password\":\"" + PASSWORD + "\"}}}");

        Existence e = checkWith(env(Map.of()));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
    }

    @Test
    void registryAuthFile() throws Exception {
        Path file = write("podman/auth.json", authJson(USER, PASSWORD));

        Existence e = checkWith(env(Map.of("REGISTRY_AUTH_FILE", file.toString())));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
    }

    @Test
    void xdgRuntimeDirAuthJsonWithANamespaceKey() throws Exception {
        // podman may scope a login to a namespace: "host/team" covers "host/team/app".
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        write(
                "run/containers/auth.json",
                "{\"auths\":{\"" + REGISTRY.hostPort() + "/other\":{\"auth\":\"eDp5\"}," + "\"" + REGISTRY.hostPort()
                        + "/team\":{\"auth\":\"" + auth + "\"}}}");

        Existence e =
                checkWith(env(Map.of("XDG_RUNTIME_DIR", temp.resolve("run").toString())));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
    }

    @Test
    void credHelperForTheRegistry() throws Exception {
        helper("test", USER, PASSWORD);
        write("home/.docker/config.json", "{\"credHelpers\":{\"" + REGISTRY.hostPort() + "\":\"test\"}}");

        Existence e = checkWith(env(Map.of()));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertNoSecretSeen();
    }

    @Test
    void credsStoreForEveryRegistry() throws Exception {
        helper("test", USER, PASSWORD);
        write("home/.docker/config.json", "{\"credsStore\":\"test\"}");

        Existence e = checkWith(env(Map.of()));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
    }

    @Test
    void missingHelperIsUnknownNamingIt() throws Exception {
        write("home/.docker/config.json", "{\"credsStore\":\"desktop\"}");

        Existence e = checkWith(env(Map.of()));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow())
                .contains("docker-credential-desktop")
                .contains("not on PATH");
    }

    @Test
    void hangingHelperIsCutOffByItsTimeLimit() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path script = bin.resolve("docker-credential-slow");
        Files.writeString(script, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        write("home/.docker/config.json", "{\"credsStore\":\"slow\"}");
        Environment env = env(Map.of());
        long start = System.nanoTime();

        Existence e = check(
                RegistryClient.builder()
                        .credentials(
                                DockerConfigCredentials.fromEnvironment(env, Optional.empty(), Duration.ofMillis(500)))
                        .build(),
                app());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(e.reason().orElseThrow()).contains("did not answer within 500 ms");
    }

    @Test
    void malformedConfigIsUnknownWithoutQuotingIt() throws Exception {
        write("home/.docker/config.json", "{\"auths\": {\"x\": {\"auth\": \"" + PASSWORD + "\" oops}}}");

        Existence e = checkWith(env(Map.of()));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("config.json is not valid JSON (line 1");
        assertNoSecretSeen();
    }

    @Test
    void credentialLookupExceptionsAndToStringsHoldNoSecret() throws Exception {
        write("home/.docker/config.json", authJson(USER, PASSWORD));
        DockerConfigCredentials source = DockerConfigCredentials.fromEnvironment(env(Map.of()));
        Credential c = source.credentialFor(REGISTRY.hostPort(), "team/app").orElseThrow();
        seen.add(c.toString());
        seen.add(source.toString());
        seen.add(env(Map.of("SECRET", PASSWORD)).toString());
        write(
                "home/.docker/config.json",
                "{\"auths\":{\"" + REGISTRY.hostPort() + "\":{\"password\":\"" + PASSWORD + "\"}}}");
        try {
            source.credentialFor(REGISTRY.hostPort(), "team/app");
        } catch (CredentialException expected) {
            seen.add(expected.getMessage());
            seen.add(expected.toString());
        }

        assertThat(c.username()).isEqualTo(USER);
        assertThat(seen).anyMatch(s -> s.contains("has a password but no username"));
        assertNoSecretSeen();
    }

    private void helper(String name, String user, String secret) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "[ \"$1\" = get ] || exit 2\n"
                        + "read server\n"
                        + "if [ \"$server\" = \"" + REGISTRY.hostPort() + "\" ]; then\n"
                        + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret
                        + "\"}' \"$server\"\n"
                        + "else\n"
                        + "  echo 'credentials not found in native keychain'; exit 1\n"
                        + "fi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void assertNoSecretSeen() {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String s : seen) {
            assertThat(s).doesNotContain(PASSWORD).doesNotContain(basic);
        }
    }
}
