package dev.imagespec.runtime.registry.auth;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process environment the registry code reads: environment variables, system properties, the home
 * directory and {@code PATH}. Tests build their own so they never mutate the JVM's environment.
 *
 * <pre>{@code
 * Environment env = Environment.of(Map.of("PATH", binDir.toString()), tempHome);
 * }</pre>
 */
public final class Environment {
    private final Map<String, String> variables;
    private final Map<String, String> properties;
    private final Path home;

    private Environment(Map<String, String> variables, Map<String, String> properties, Path home) {
        this.variables = Map.copyOf(variables);
        this.properties = Map.copyOf(properties);
        this.home = Objects.requireNonNull(home, "home");
    }

    /**
     * The JVM's own environment, system properties and {@code user.home}.
     *
     * <pre>{@code
     * Environment env = Environment.system();
     * }</pre>
     */
    public static Environment system() {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return new Environment(System.getenv(), props, Path.of(System.getProperty("user.home")));
    }

    /**
     * An environment made of exactly these variables and this home directory, with no system properties;
     * subprocesses (credential helpers, builder tools) see only these variables plus {@code HOME}.
     *
     * <pre>{@code
     * Environment env = Environment.of(Map.of("DOCKER_CONFIG", "/tmp/cfg"), Path.of("/tmp/home"));
     * }</pre>
     *
     * @param variables environment variables; copied
     * @param home the directory that stands for {@code ~}
     */
    public static Environment of(Map<String, String> variables, Path home) {
        Map<String, String> vars = new HashMap<>(variables);
        vars.putIfAbsent("HOME", home.toString());
        return new Environment(vars, Map.of(), home);
    }

    /**
     * A copy of this environment with one system property set.
     *
     * <pre>{@code
     * env = env.withProperty("imagespec.insecureRegistries", "registry.lan:5000");
     * }</pre>
     */
    public Environment withProperty(String name, String value) {
        Map<String, String> props = new HashMap<>(properties);
        props.put(name, value);
        return new Environment(variables, props, home);
    }

    /**
     * The value of an environment variable, empty when unset or blank.
     *
     * <pre>{@code
     * Optional<String> dir = env.variable("DOCKER_CONFIG");
     * }</pre>
     */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * The value of a system property, empty when unset or blank.
     *
     * <pre>{@code
     * Optional<String> hosts = env.property("imagespec.insecureRegistries");
     * }</pre>
     */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * The home directory ({@code ~}).
     *
     * <pre>{@code
     * Path dockerConfig = env.home().resolve(".docker/config.json");
     * }</pre>
     */
    Path home() {
        return home;
    }

    /**
     * The first executable file of this name on {@code PATH}, as a shell would find it.
     *
     * <pre>{@code
     * Optional<Path> buildah = env.findExecutable("buildah");
     * }</pre>
     */
    public Optional<Path> findExecutable(String name) {
        for (String dir : variable("PATH").orElse("").split(File.pathSeparator, -1)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a configured {@link ProcessBuilder} with exactly this environment.
     *
     * <pre>{@code
     * Process p = env.processBuilder(List.of("buildah", "images")).start();
     * }</pre>
     */
    public ProcessBuilder processBuilder(java.util.List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(variables);
        return pb;
    }

    /** Names the home directory only: variables may hold secrets. */
    @Override
    public String toString() {
        return "Environment{home=" + home + ", " + variables.size() + " variables}";
    }
}
