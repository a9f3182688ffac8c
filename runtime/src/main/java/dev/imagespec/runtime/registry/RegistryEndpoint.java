package dev.imagespec.runtime.registry;

import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.registry.auth.Environment;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a registry's API lives: Docker Hub's API host, and plain HTTP for loopback and insecure registries.
 */
final class RegistryEndpoint {
    /** Docker Hub's registry API host; {@code docker.io} itself serves the web site. */
    static final String DOCKER_HUB_API = "registry-1.docker.io";
    /** Environment variable listing registries reached over plain HTTP, comma-separated. */
    static final String INSECURE_ENV = "IMAGESPEC_INSECURE_REGISTRIES";
    /** System property listing registries reached over plain HTTP, comma-separated. */
    static final String INSECURE_PROPERTY = "imagespec.insecureRegistries";

    /** 127.0.0.0/8 written as a dotted quad, with an optional port. */
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}(:\\d+)?");

    private final Set<String> insecure;

    private RegistryEndpoint(Set<String> insecure) {
        this.insecure = insecure;
    }

    static RegistryEndpoint of(Environment environment) {
        Set<String> all = Stream.of(
                        environment.variable(INSECURE_ENV).orElse(""),
                        environment.property(INSECURE_PROPERTY).orElse(""))
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new RegistryEndpoint(all);
    }

    /** The host[:port] the API is reached at. */
    private static String apiHost(String registry) {
        return registry.equals(ImageReference.DOCKER_HUB) || registry.equals("index.docker.io")
                ? DOCKER_HUB_API
                : registry;
    }

    /** Whether a registry is spoken to over plain HTTP. */
    boolean isPlainHttp(String registry) {
        String r = registry.toLowerCase(Locale.ROOT);
        String host = hostOnly(r);
        return host.equals("localhost")
                || host.equals("[::1]")
                || IPV4_LOOPBACK.matcher(host).matches()
                || insecure.contains(r)
                || insecure.contains(host);
    }

    URI base(String registry) {
        return URI.create((isPlainHttp(registry) ? "http://" : "https://") + apiHost(registry));
    }

    URI manifest(RegistryImage image) {
        return URI.create(base(image.registry()) + "/v2/" + image.repository() + "/manifests/" + image.reference());
    }

    private static String hostOnly(String registry) {
        if (registry.startsWith("[")) {
            int end = registry.indexOf(']');
            return end > 0 ? registry.substring(0, end + 1) : registry;
        }
        int colon = registry.indexOf(':');
        return colon >= 0 ? registry.substring(0, colon) : registry;
    }

    @Override
    public String toString() {
        return "RegistryEndpoint{insecure=" + insecure + "}";
    }
}
