package dev.imagespec.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code {"errors": [{"code", "message"}]}} body registries send with a failure.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">OCI error codes</a>
 */
record RegistryErrors(List<String> codes, List<String> messages) {
    /** Codes that mean "there is no such image"; NOT_FOUND is Harbor's. */
    private static final Set<String> NOT_FOUND_CODES = Set.of("MANIFEST_UNKNOWN", "NAME_UNKNOWN", "NOT_FOUND");
    /**
     * Harbor and Artifactory answer 500 with this message for a missing image; flytekit counts it as absent.
     */
    private static final Pattern NOT_FOUND_MESSAGE = Pattern.compile("(?i).*(artifact|repository) .* not found.*");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 200;

    static RegistryErrors parse(byte[] body) {
        List<String> codes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            for (JsonNode e : errors) {
                codes.add(e.path("code").asText(""));
                String m = e.path("message").asText("");
                messages.add(m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m);
            }
        } catch (IOException | RuntimeException notJson) {
            // Not an error body (an HTML page from a proxy, say): nothing to learn from it.
        }
        return new RegistryErrors(List.copyOf(codes), List.copyOf(messages));
    }

    boolean meansNotFound() {
        return codes.stream().anyMatch(NOT_FOUND_CODES::contains)
                || messages.stream().anyMatch(m -> NOT_FOUND_MESSAGE.matcher(m).matches());
    }

    /** {@code MANIFEST_UNKNOWN: manifest unknown}, or empty when the body held no errors. */
    String summary() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            parts.add(messages.get(i).isEmpty() ? codes.get(i) : codes.get(i) + ": " + messages.get(i));
        }
        return String.join("; ", parts);
    }
}
