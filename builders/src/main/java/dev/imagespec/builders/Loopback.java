package dev.imagespec.builders;

import dev.imagespec.runtime.ImageSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
     * True when the Python install reaches a package source on this machine: {@code pipIndex},
     * {@code pipExtraIndexUrl}, a URL among {@code pipExtraArgs} (e.g. {@code --find-links}) or a
     * {@code packages} URL whose host is {@code localhost}, {@code 127.x.x.x} or {@code [::1]}. Such a
     * build needs the host's network: in a network namespace of its own, 127.0.0.1 is the build's.
     */
    static boolean reachesLoopbackPackageSource(ImageSpec spec) {
        List<String> urls = new ArrayList<>();
        spec.pipIndex().ifPresent(urls::add);
        urls.addAll(spec.pipExtraIndexUrl().orElse(List.of()));
        spec.pipExtraArgs().ifPresent(a -> urls.addAll(List.of(a.trim().split("\\s+"))));
        for (String p : spec.packages().orElse(List.of())) {
            urls.addAll(List.of(p.trim().split("\\s+")));
        }
        return urls.stream().anyMatch(Loopback::isLoopbackUrl);
    }

    /**
     * True for a URL whose host is on loopback, e.g. {@code http://127.0.0.1:8080/simple}; what precedes
     * {@code ://} does not matter ({@code git+http}, {@code --find-links=http}, {@code pkg@http}).
     */
    static boolean isLoopbackUrl(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        try {
            String host = URI.create("http" + url.substring(scheme)).getHost();
            return host != null && isLoopbackRegistry(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
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
        boolean isHost =
                first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[");
        return isHost && isLoopbackRegistry(first);
    }
}
