package dev.imagespec.runtime.registry;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/** A registry's reply: status, headers, the (small) body, and the URI that answered after redirects. */
record RegistryResponse(int status, HttpHeaders headers, byte[] body, URI uri) {

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
