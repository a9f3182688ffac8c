package dev.imagespec.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OCI registry (Debian's {@code docker-registry}, distribution 2.8) on a free 127.0.0.1 port, with a
 * temporary config and storage that are deleted when it stops. Without auth, with htpasswd Basic auth, or
 * behind a token service (see {@link TokenServer}). Use it as a JUnit 5 extension or with
 * try-with-resources; a missing binary fails the test with the package to install.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalRegistry REGISTRY = LocalRegistry.withoutAuth();
 * ...
 * String image = REGISTRY.hostPort() + "/team/app:v1";
 * }</pre>
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(15);

    private final String basicUser;
    private final String basicPassword;
    private final TokenServer tokenServer;
    private Path dir;
    private Process process;
    private int port;
    private Thread shutdownHook;

    private LocalRegistry(String basicUser, String basicPassword, TokenServer tokenServer) {
        this.basicUser = basicUser;
        this.basicPassword = basicPassword;
        this.tokenServer = tokenServer;
    }

    /**
     * A registry anyone may pull from and push to.
     *
     * <pre>{@code
     * try (LocalRegistry r = LocalRegistry.withoutAuth().start()) { ... }
     * }</pre>
     */
    public static LocalRegistry withoutAuth() {
        return new LocalRegistry(null, null, null);
    }

    /**
     * A registry that wants HTTP Basic credentials (an htpasswd file made with {@code htpasswd -Bbn}).
     *
     * <pre>{@code
     * LocalRegistry r = LocalRegistry.withBasicAuth("alice", "s3cret");
     * }</pre>
     */
    public static LocalRegistry withBasicAuth(String user, String password) {
        return new LocalRegistry(user, password, null);
    }

    /**
     * A registry that accepts only JWTs signed by this token server; the server must be started first.
     *
     * <pre>{@code
     * TokenServer tokens = TokenServer.create().user("alice", "s3cret").start();
     * LocalRegistry r = LocalRegistry.withTokenAuth(tokens);
     * }</pre>
     */
    public static LocalRegistry withTokenAuth(TokenServer tokenServer) {
        return new LocalRegistry(null, null, tokenServer);
    }

    /**
     * Starts the registry and waits until {@code /v2/} answers; a second call does nothing.
     *
     * <pre>{@code
     * LocalRegistry r = LocalRegistry.withoutAuth().start();
     * }</pre>
     */
    public synchronized LocalRegistry start() throws IOException, InterruptedException {
        if (process != null) {
            return this;
        }
        Path binary = Tools.require("docker-registry", "docker-registry");
        dir = Files.createTempDirectory("imagespec-registry-");
        shutdownHook = new Thread(this::stopQuietly, "stop " + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Files.createDirectories(dir.resolve("storage"));
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                port = freePort();
                Path config = writeConfig();
                process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("registry.log").toFile())
                        .start();
                try {
                    awaitReady();
                    return this;
                } catch (IOException e) {
                    last = e; // most likely the port was taken between choosing and binding it
                    process.destroyForcibly().waitFor();
                    process = null;
                }
            }
            throw last;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopQuietly();
            throw e;
        }
    }

    /**
     * {@code 127.0.0.1:PORT}, the registry part of image names.
     *
     * <pre>{@code
     * RegistryImage.of(REGISTRY.hostPort() + "/team/app:v1");
     * }</pre>
     */
    public String hostPort() {
        requireStarted();
        return "127.0.0.1:" + port;
    }

    /**
     * The port the registry listens on.
     *
     * <pre>{@code
     * int port = REGISTRY.port();
     * }</pre>
     */
    public int port() {
        requireStarted();
        return port;
    }

    /**
     * {@code http://127.0.0.1:PORT}.
     *
     * <pre>{@code
     * URI v2 = REGISTRY.uri().resolve("/v2/");
     * }</pre>
     */
    public URI uri() {
        return URI.create("http://" + hostPort());
    }

    /**
     * The registry's log so far, for failure messages.
     *
     * <pre>{@code
     * assertThat(result).as(REGISTRY.log()).isEqualTo(...);
     * }</pre>
     */
    public String log() {
        try {
            String all = Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException | RuntimeException e) {
            return "(no registry log: " + e + ")";
        }
    }

    /**
     * The Basic credentials, {@code user:password}, for tools such as skopeo; empty without Basic auth.
     *
     * <pre>{@code
     * REGISTRY.basicCredentials().ifPresent(c -> command.add("--dest-creds=" + c));
     * }</pre>
     */
    public Optional<String> basicCredentials() {
        return basicUser == null ? Optional.empty() : Optional.of(basicUser + ":" + basicPassword);
    }

    /**
     * Stops the registry and deletes its config and storage.
     *
     * <pre>{@code
     * REGISTRY.close();
     * }</pre>
     */
    @Override
    public synchronized void close() {
        stopQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; nothing to remove
            }
            shutdownHook = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private synchronized void stopQuietly() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (dir != null) {
            Tools.deleteRecursively(dir);
            dir = null;
        }
    }

    private Path writeConfig() throws IOException, InterruptedException {
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: info\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ")
                .append(dir.resolve("storage"))
                .append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
                .append("http:\n  addr: 127.0.0.1:")
                .append(port)
                .append('\n')
                .append("  secret: imagespec-test-secret\n");
        if (basicUser != null) {
            Path htpasswd = dir.resolve("htpasswd");
            String line = Tools.run(
                    List.of(Tools.require("htpasswd", "apache2-utils").toString(), "-Bbn", basicUser, basicPassword));
            Files.writeString(htpasswd, line.trim() + "\n");
            yaml.append("auth:\n  htpasswd:\n    realm: imagespec-test\n    path: ")
                    .append(htpasswd)
                    .append('\n');
        } else if (tokenServer != null) {
            yaml.append("auth:\n  token:\n")
                    .append("    realm: ")
                    .append(tokenServer.realm())
                    .append('\n')
                    .append("    service: ")
                    .append(tokenServer.service())
                    .append('\n')
                    .append("    issuer: ")
                    .append(tokenServer.issuer())
                    .append('\n')
                    .append("    rootcertbundle: ")
                    .append(tokenServer.certificateBundle())
                    .append('\n');
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml.toString());
        return config;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> r = client.send(ping, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException(
                "docker-registry did not answer on 127.0.0.1:" + port + " within " + STARTUP_LIMIT + ":\n" + log());
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the registry is not started; register it with @RegisterExtension"
                    + " on a static field, or call start()");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "LocalRegistry{" + (process == null ? "stopped" : hostPort())
                + (basicUser != null ? ", basic auth" : tokenServer != null ? ", token auth" : "") + "}";
    }
}
