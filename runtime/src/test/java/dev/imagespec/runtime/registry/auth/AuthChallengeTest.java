package dev.imagespec.runtime.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing WWW-Authenticate as registries send it. */
class AuthChallengeTest {

    @Test
    void bearerWithRealmServiceAndScope() {
        List<AuthChallenge> cs = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/busybox:pull\"");

        assertThat(cs).hasSize(1);
        assertThat(cs.get(0).isBearer()).isTrue();
        assertThat(cs.get(0).param("realm")).contains("https://auth.docker.io/token");
        assertThat(cs.get(0).param("SERVICE")).contains("registry.docker.io");
        assertThat(cs.get(0).param("scope")).contains("repository:library/busybox:pull");
    }

    @Test
    void severalChallengesInOneHeaderAndBearerPreferred() {
        List<AuthChallenge> cs =
                AuthChallenge.parse("Basic realm=\"Registry Realm\", Bearer realm=\"https://a/t\",service=s");

        assertThat(cs).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
        assertThat(cs.get(1).param("service")).contains("s");
        assertThat(AuthChallenge.preferred(List.of("Basic realm=\"x\"", "Bearer realm=\"https://a/t\""))
                        .orElseThrow()
                        .isBearer())
                .isTrue();
    }

    @Test
    void quotedCommasAndEscapesStayInTheValue() {
        AuthChallenge c = AuthChallenge.parse(
                        "Bearer realm=\"https://a/t\",scope=\"repository:a:pull,push\"," + "error=\"say \\\"hi\\\"\"")
                .get(0);

        assertThat(c.param("scope")).contains("repository:a:pull,push");
        assertThat(c.param("error")).contains("say \"hi\"");
    }

    @Test
    void garbageGivesNoChallengeButNoException() {
        assertThat(AuthChallenge.parse("")).isEmpty();
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.preferred(List.of("===,,"))).isEmpty();
        assertThat(AuthChallenge.parse("Negotiate abc==").get(0).scheme()).isEqualTo("negotiate");
    }
}
