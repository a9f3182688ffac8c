package dev.imagespec.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting image names as docker does, until ImageReference takes over. */
class RegistryImageTest {

    @ParameterizedTest
    @CsvSource({
        "busybox,                         docker.io,       library/busybox, latest",
        "busybox:1.36,                    docker.io,       library/busybox, 1.36",
        "flyteorg/flytekit:py3.11,        docker.io,       flyteorg/flytekit, py3.11",
        "docker.io/busybox,               docker.io,       library/busybox, latest",
        "index.docker.io/acme/app:1,      docker.io,       acme/app,        1",
        "ghcr.io/flyteorg/flytekit:abc,   ghcr.io,         flyteorg/flytekit, abc",
        "localhost/app,                   localhost,       app,             latest",
        "localhost:30000/flytekit:x_y,    localhost:30000, flytekit,        x_y",
        "127.0.0.1:5000/a/b/c:v1,         127.0.0.1:5000,  a/b/c,           v1",
        "Registry/app:v1,                 Registry,        app,             v1",
    })
    void splitsLikeDocker(String name, String registry, String repository, String reference) {
        RegistryImage image = RegistryImage.of(name);

        assertThat(image).isEqualTo(new RegistryImage(registry, repository, reference));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ghcr.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "ghcr.io/acme/app:v1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            })
    void digestWinsOverTag(String name) {
        RegistryImage image = RegistryImage.of(name);

        assertThat(image.isDigest()).isTrue();
        assertThat(image.reference()).startsWith("sha256:0123");
        assertThat(image.toString()).isEqualTo("ghcr.io/acme/app@" + image.reference());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ghcr.io/", "ghcr.io/acme/app:-bad", "ghcr.io/acme/app:"})
    void rejectsWhatIsNotAnImageNameNamingTheValue(String name) {
        assertThatThrownBy(() -> RegistryImage.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + name + "\"");
    }

    @ParameterizedTest
    @CsvSource({
        "localhost:5000, true",
        "localhost, true",
        "127.0.0.1:5000, true",
        "127.9.8.7, true",
        "[::1]:5000, true",
        "ghcr.io, false",
        "docker.io, false",
        "registry.lan:5000, true",
        "128.0.0.1, false"
    })
    void plainHttpForLoopbackAndListedRegistries(String registry, boolean plain) {
        RegistryEndpoint endpoint = RegistryEndpoint.of(dev.imagespec.runtime.registry.auth.Environment.of(
                java.util.Map.of(RegistryEndpoint.INSECURE_ENV, " other.lan , registry.lan:5000"),
                java.nio.file.Path.of("/nonexistent")));

        assertThat(endpoint.isPlainHttp(registry)).isEqualTo(plain);
    }

    @org.junit.jupiter.api.Test
    void insecureRegistriesFromTheSystemPropertyAndDockerHubsApiHost() {
        RegistryEndpoint endpoint = RegistryEndpoint.of(dev.imagespec.runtime.registry.auth.Environment.of(
                        java.util.Map.of(), java.nio.file.Path.of("/nonexistent"))
                .withProperty(RegistryEndpoint.INSECURE_PROPERTY, "registry.lan"));

        assertThat(endpoint.manifest(RegistryImage.of("registry.lan:5000/app:v1"))
                        .toString())
                .isEqualTo("http://registry.lan:5000/v2/app/manifests/v1");
        assertThat(endpoint.manifest(RegistryImage.of("busybox")).toString())
                .isEqualTo("https://registry-1.docker.io/v2/library/busybox/manifests/latest");
    }
}
