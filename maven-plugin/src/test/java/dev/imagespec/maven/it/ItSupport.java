package dev.imagespec.maven.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What the sample projects' {@code prebuild.groovy} and {@code verify.groovy} call (invoker puts the
 * test class path on the scripts' class path): filling in the registry and base image of
 * {@link ItEnvironment}, reading {@code images.json}, and asking the registry what it holds.
 *
 * <pre>{@code
 * ItSupport.prepare(basedir, new File(itEnv))                  // prebuild.groovy
 * def rows = ItSupport.results(new File(basedir, "target/imagespec/images.json"))
 * assert rows[0].digest == ItSupport.digest(new File(itEnv), rows[0].image)
 * }</pre>
 */
public final class ItSupport {
    /** The keys of every images.json row, in order. */
    public static final List<String> KEYS =
            List.of("image", "digest", "outcome", "builder", "seconds", "base_image", "base_digest", "class", "pushed");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ItSupport() {}

    /** Replaces {@code @it.registry@} and {@code @it.baseImage@} in the project's sources and POMs. */
    public static void prepare(File basedir, File itEnv) throws IOException {
        Properties env = env(itEnv);
        try (Stream<Path> files = Files.walk(basedir.toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".java") && !name.equals("pom.xml")) {
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String filled = text.replace("@it.registry@", env.getProperty("registry"))
                        .replace("@it.baseImage@", env.getProperty("baseImage"));
                if (!filled.equals(text)) {
                    Files.writeString(f, filled, StandardCharsets.UTF_8);
                }
            }
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    public static String registry(File itEnv) throws IOException {
        return env(itEnv).getProperty("registry");
    }

    /** The rows of an images.json, each a map in file order; fails unless every row has exactly {@link #KEYS}. */
    public static List<Map<String, Object>> results(File file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object row : JSON.readValue(file, List.class)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) row;
            if (!new ArrayList<>(m.keySet()).equals(KEYS)) {
                throw new AssertionError(file + ": a row has keys " + m.keySet() + ", expected " + KEYS);
            }
            rows.add(m);
        }
        return rows;
    }

    /** The registry's manifest digest for {@code image} (registry/repository:tag), or null when it has none. */
    public static String digest(File itEnv, String image) throws IOException, InterruptedException {
        String prefix = registry(itEnv) + "/";
        if (!image.startsWith(prefix)) {
            throw new AssertionError(image + " is not in the IT registry " + prefix);
        }
        String rest = image.substring(prefix.length());
        int colon = rest.lastIndexOf(':');
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://" + prefix + "v2/" + rest.substring(0, colon)
                        + "/manifests/" + rest.substring(colon + 1)))
                .header(
                        "Accept",
                        "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<Void> r = HTTP.send(head, HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200
                ? r.headers().firstValue("Docker-Content-Digest").orElse("?")
                : null;
    }

    /** The tags the registry has for {@code repository}, e.g. {@code it-app}; empty when it has none. */
    public static List<String> tags(File itEnv, String repository) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(
                        URI.create("http://" + registry(itEnv) + "/v2/" + repository + "/tags/list"))
                .build();
        HttpResponse<String> r = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return List.of();
        }
        Object tags = JSON.readValue(r.body(), Map.class).get("tags");
        List<String> out = new ArrayList<>();
        if (tags instanceof List<?> l) {
            l.forEach(t -> out.add((String) t));
        }
        return out;
    }

    /** The build log of the project, for assertions on what Maven printed. */
    public static String log(File basedir) throws IOException {
        return Files.readString(basedir.toPath().resolve("build.log"), StandardCharsets.UTF_8);
    }

    private static Properties env(File itEnv) throws IOException {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(itEnv.toPath().resolve("env.properties"))) {
            env.load(in);
        }
        return env;
    }
}
