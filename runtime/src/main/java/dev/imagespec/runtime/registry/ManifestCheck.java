package dev.imagespec.runtime.registry;

import java.net.URI;
import java.util.Map;

/**
 * One existence check: {@code HEAD /v2/<name>/manifests/<reference>}, and a GET when the HEAD's status
 * alone cannot tell absent from broken (a HEAD reply has no error body to read).
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#checking-if-content-exists-in-the-registry">OCI distribution spec: checking if content exists</a>
 */
final class ManifestCheck {
    /** Every manifest kind an image name may point at: OCI and Docker, single-platform and multi-platform. */
    static final String ACCEPT = String.join(
            ", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private final RegistryEndpoint endpoint;
    private final AuthenticatingSender sender;

    ManifestCheck(RegistryEndpoint endpoint, AuthenticatingSender sender) {
        this.endpoint = endpoint;
        this.sender = sender;
    }

    Existence check(RegistryImage image) throws InterruptedException {
        URI uri = endpoint.manifest(image);
        try {
            RegistryResponse head = send("HEAD", uri, image);
            if (isSuccess(head.status())) {
                return present(head, image);
            }
            if (head.status() == 404) {
                return Existence.absent(404, "manifest unknown");
            }
            if (head.status() == 429 || (head.status() >= 502 && head.status() <= 504)) {
                return busy(head, image);
            }
            RegistryResponse get = send("GET", uri, image);
            if (isSuccess(get.status())) {
                return present(get, image);
            }
            RegistryErrors errors = RegistryErrors.parse(get.body());
            if (get.status() == 404 || errors.meansNotFound()) {
                return Existence.absent(get.status(), errors.summary().isEmpty() ? "not found" : errors.summary());
            }
            String said = errors.summary().isEmpty() ? "" : " (" + errors.summary() + ")";
            return Existence.unknown(
                    get.status(),
                    image.registry() + " answered " + get.status() + said + " for " + image
                            + "; check the name and your access to it");
        } catch (RegistryFailure failure) {
            return Existence.unknown(failure.status(), failure.getMessage());
        }
    }

    private RegistryResponse send(String method, URI uri, RegistryImage image)
            throws RegistryFailure, InterruptedException {
        return sender.send(
                RegistryHttp.Request.of(method, uri, Map.of("Accept", ACCEPT)), image.registry(), image.repository());
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static Existence present(RegistryResponse response, RegistryImage image) {
        String digest = response.header("Docker-Content-Digest").orElse(image.isDigest() ? image.reference() : null);
        String mediaType = response.header("Content-Type")
                .map(ManifestCheck::withoutParameters)
                .orElse(null);
        return Existence.present(response.status(), digest, mediaType);
    }

    /** {@code application/json; charset=utf-8} → {@code application/json}. */
    private static String withoutParameters(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static Existence busy(RegistryResponse response, RegistryImage image) {
        String retry = RegistryHttp.retryAfter(response)
                .map(d -> "; it asks to retry after " + RegistryHttp.millis(d))
                .orElse("");
        return Existence.unknown(
                response.status(),
                image.registry() + " is busy (" + response.status() + ") and stayed so through the retries for " + image
                        + retry + "; try again later");
    }
}
