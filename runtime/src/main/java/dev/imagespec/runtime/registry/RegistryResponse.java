package dev.imagespec.runtime.registry;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/** A registry's reply: status, headers, the (small) body, and the URI that answered after redirects. */
final class RegistryResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private final URI uri;

    RegistryResponse(int status, HttpHeaders headers, byte[] body, URI uri) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.uri = uri;
    }

    int status() {
        return status;
    }

    /** The body as received (empty for a HEAD or an oversized body); callers only read it. */
    byte[] body() {
        return body;
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    List<String> headers(String name) {
        return headers.allValues(name);
    }

    /** Names status and URI only. */
    @Override
    public String toString() {
        return "RegistryResponse{" + status + " from " + RegistryHttp.redact(uri) + "}";
    }
}
