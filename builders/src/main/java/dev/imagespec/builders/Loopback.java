package dev.imagespec.builders;

import java.util.Locale;

/** Which registries are on this machine: the only ones the builder talks to without TLS. */
final class Loopback {
    private Loopback() {}

    /** True for {@code localhost}, {@code 127.x.x.x} and {@code [::1]}, with or without a port, e.g. {@code "127.0.0.1:5000/acme"}. */
    static boolean isLoopbackRegistry(String registryOrReference) {
        String host = registryOrReference;
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host.startsWith("[::1]");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /**
     * True when an image reference names a loopback registry. A first component without a dot, a
     * colon or "localhost" is a Docker Hub path ({@code library/debian}), not a host.
     */
    static boolean isLoopbackImage(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = reference.substring(0, slash);
        boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[");
        return isHost && isLoopbackRegistry(first);
    }
}
