package dev.imagespec.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.registry.auth.Credential;
import dev.imagespec.runtime.registry.auth.CredentialSource;
import dev.imagespec.runtime.registry.auth.Environment;
import dev.imagespec.testing.LocalRegistry;
import dev.imagespec.testing.TestImages;
import dev.imagespec.testing.TokenServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real registry behind token auth, with the test's token service signing the JWTs it verifies. */
class RegistryTokenAuthIT {
    private static final String USER = "bob";
    private static final String PASSWORD = "pw-Token-4e5f6a";
    private static final String REFRESH_TOKEN = "refresh-Token-9d8c7b";

    @RegisterExtension
    @Order(1)
    static final TokenServer TOKENS = TokenServer.create()
            .user(USER, PASSWORD)
            .refreshToken(REFRESH_TOKEN, USER)
            .publicRepository("public/app");

    @RegisterExtension
    @Order(2)
    static final LocalRegistry REGISTRY = LocalRegistry.withTokenAuth(TOKENS);

    @TempDir
    Path temp;

    private final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void push() throws Exception {
        Optional<String> creds = Optional.of(USER + ":" + PASSWORD);
        TestImages.pushBusybox(REGISTRY, "team/app", "v1", creds);
        TestImages.pushBusybox(REGISTRY, "public/app", "v1", creds);
    }

    @BeforeEach
    void reset() {
        TOKENS.clearRequests();
        TOKENS.expiresIn(300).rejectNext(0).expiredNext(0);
    }

    private static RegistryImage image(String name) {
        return RegistryImage.of(REGISTRY.hostPort() + "/" + name);
    }

    private static RegistryClient clientWith(Credential credential) {
        return RegistryClient.builder()
                .credentials(CredentialSource.of(REGISTRY.hostPort(), credential))
                .build();
    }

    private Existence check(RegistryClient client, RegistryImage image) {
        Existence e = client.check(image);
        seen.add(e.toString());
        seen.add(client.toString());
        return e;
    }

    @Test
    void rightCredentialsGetATokenAndThePresentImage() {
        Existence e = check(clientWith(Credential.basic(USER, PASSWORD)), image("team/app:v1"));

        assertThat(e.state()).as(e + "\n" + REGISTRY.log()).isEqualTo(Existence.State.PRESENT);
        assertThat(TOKENS.requests()).containsExactly("GET scope=[repository:team/app:pull] account=bob user=bob");
        assertNoSecretSeen();
    }

    @Test
    void absentTagBehindTokenAuthIsAbsent() {
        Existence e = check(clientWith(Credential.basic(USER, PASSWORD)), image("team/app:nope"));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.ABSENT);
    }

    @Test
    void wrongPasswordIsUnknownSayingTheTokenServiceRefusedIt() {
        Existence e = check(clientWith(Credential.basic(USER, "pw-Wrong-0a0b0c")), image("team/app:v1"));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow())
                .contains("refused the credentials for user bob")
                .contains("docker login " + REGISTRY.hostPort())
                .doesNotContain("pw-Wrong-0a0b0c");
    }

    @Test
    void anonymousTokenReadsAPublicRepository() {
        Existence e = check(
                RegistryClient.builder()
                        .credentials(CredentialSource.anonymous())
                        .build(),
                image("public/app:v1"));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(TOKENS.requests()).containsExactly("GET scope=[repository:public/app:pull] account=null user=null");
    }

    @Test
    void anonymousTokenForAPrivateRepositoryIsUnknown() {
        Existence e = check(
                RegistryClient.builder()
                        .credentials(CredentialSource.anonymous())
                        .build(),
                image("team/app:v1"));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.status()).hasValue(401);
        assertThat(e.reason().orElseThrow()).contains("requires authentication for team/app");
    }

    @Test
    void identityTokenFromConfigUsesTheRefreshTokenGrant() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(
                home.resolve(".docker/config.json"),
                "{\"auths\":{\"" + REGISTRY.hostPort() + "\":{\"auth\":\"\",\"identitytoken\":\"" + REFRESH_TOKEN
                        + "\"}}}");

        Existence e = check(
                RegistryClient.builder()
                        .environment(Environment.of(Map.of(), home))
                        .build(),
                image("team/app:v1"));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(TOKENS.requests()).containsExactly("POST scope=[repository:team/app:pull] account=null user=bob");
        assertNoSecretSeen();
    }

    @Test
    void oneTokenServesEveryTagOfARepositoryInCheckAll() {
        RegistryClient client = clientWith(Credential.basic(USER, PASSWORD));
        List<RegistryImage> images = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            images.add(image("team/app:" + (i == 0 ? "v1" : "t" + i)));
        }

        Map<RegistryImage, Existence> all = client.checkAll(images);

        assertThat(all.get(images.get(0)).isPresent())
                .as(all.get(images.get(0)).toString())
                .isTrue();
        assertThat(all.values().stream().filter(Existence::isAbsent)).hasSize(19);
        assertThat(TOKENS.requests()).hasSize(1);
    }

    @Test
    void tokenIsFetchedAgainOnceExpiresInHasPassed() throws Exception {
        TOKENS.expiresIn(1);
        RegistryClient client = clientWith(Credential.basic(USER, PASSWORD));

        assertThat(check(client, image("team/app:v1")).isPresent()).isTrue();
        assertThat(check(client, image("team/app:v1")).isPresent()).isTrue();
        assertThat(TOKENS.requests()).hasSize(1);
        Thread.sleep(1_100);
        assertThat(check(client, image("team/app:v1")).isPresent()).isTrue();

        assertThat(TOKENS.requests()).hasSize(2);
    }

    @Test
    void expiredTokenTheRegistryRejectsIsRefreshedOnce() {
        RegistryClient client = clientWith(Credential.basic(USER, PASSWORD));
        assertThat(check(client, image("team/app:v1")).isPresent()).isTrue();
        TOKENS.expiredNext(1);
        TOKENS.clearRequests();

        // A second repository, so the first token request of this client returns an already-expired JWT.
        Existence first = check(client, image("public/app:v1"));
        // The cached token of team/app is still good: no further token request.
        Existence second = check(client, image("team/app:v1"));

        assertThat(first.state()).as(first.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(second.state()).isEqualTo(Existence.State.PRESENT);
        assertThat(TOKENS.requests()).hasSize(2);
    }

    @Test
    void tokenRejectedByTheRegistryIsRefreshedOnceThenGivenUp() {
        RegistryClient client = clientWith(Credential.basic(USER, PASSWORD));
        assertThat(check(client, image("public/app:v1")).isPresent()).isTrue(); // the client knows the challenge
        TOKENS.clearRequests();
        TOKENS.rejectNext(5);

        Existence e = check(client, image("team/app:v1"));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("rejected user bob");
        assertThat(TOKENS.requests()).hasSize(2);
    }

    private void assertNoSecretSeen() {
        for (String s : seen) {
            assertThat(s).doesNotContain(PASSWORD).doesNotContain(REFRESH_TOKEN).doesNotContain("eyJ");
        }
    }
}
