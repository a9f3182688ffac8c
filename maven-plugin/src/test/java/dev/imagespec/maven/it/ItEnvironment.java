package dev.imagespec.maven.it;

import dev.imagespec.testing.BusyboxImage;
import dev.imagespec.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The integration tier's environment for the sample projects under {@code src/it}: a real registry
 * (Debian's {@code docker-registry}) on a free 127.0.0.1 port, and a busybox base image made from
 * local files ({@link BusyboxImage}) pushed to it. Run by exec-maven-plugin inside the build's JVM:
 * {@code start DIR} before the sample projects (it returns with the registry running and writes
 * {@code DIR/env.properties}: {@code registry}, {@code baseImage}, {@code pid}), {@code stop DIR}
 * after them. A shutdown hook stops the registry if the build ends before {@code stop} runs.
 *
 * <p>Everything lives under {@code DIR} (registry storage, the buildah store the samples build in);
 * a missing tool fails with the {@code apt-get install} line.
 */
public final class ItEnvironment {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(20);

    private ItEnvironment() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("start", "stop").contains(args[0])) {
            throw new IllegalArgumentException("usage: ItEnvironment start|stop DIR");
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        if (args[0].equals("start")) {
            start(dir);
        } else {
            stop(dir);
        }
    }

    static void start(Path dir) throws IOException, InterruptedException {
        Path binary = Tools.require("docker-registry", "docker-registry");
        Tools.require("buildah", "buildah");
        Tools.require("busybox", "busybox-static");
        stop(dir); // a registry left by an interrupted earlier run
        if (Files.exists(dir)) {
            Tools.deleteRecursively(dir);
        }
        Files.createDirectories(dir.resolve("registry/storage"));
        Process process = null;
        int port = 0;
        IOException last = null;
        for (int attempt = 0; attempt < 3 && process == null; attempt++) {
            port = freePort();
            Path config = writeConfig(dir.resolve("registry"), port);
            Process p = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry/registry.log").toFile())
                    .start();
            try {
                awaitReady(p, port, dir.resolve("registry/registry.log"));
                process = p;
            } catch (IOException e) {
                last = e; // most likely the port was taken between choosing and binding it
                p.destroyForcibly().waitFor();
            }
        }
        if (process == null) {
            throw last;
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop the IT registry"));
        String registry = "127.0.0.1:" + port;
        List<String> store = List.of(
                "--root",
                dir.resolve("store/root").toString(),
                "--runroot",
                dir.resolve("store/runroot").toString(),
                "--storage-driver",
                "vfs");
        String baseImage;
        try {
            baseImage = BusyboxImage.push(registry, store, Files.createDirectories(dir.resolve("base")));
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.destroyForcibly();
            throw e;
        }
        Properties env = new Properties();
        env.setProperty("registry", registry);
        env.setProperty("baseImage", baseImage);
        env.setProperty("pid", Long.toString(started.pid()));
        try (OutputStream out = Files.newOutputStream(dir.resolve("env.properties"))) {
            env.store(out, "written by ItEnvironment start; read by the sample projects' scripts");
        }
        System.out.println("[it] registry " + registry + " (pid " + started.pid() + "), base image " + baseImage);
    }

    /** Stops the registry {@code DIR/env.properties} names, if it is still the docker-registry this class started. */
    static void stop(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("env.properties");
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            env.load(in);
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(env.getProperty("pid", "-1")));
        if (handle.isPresent()
                && handle.get()
                        .info()
                        .commandLine()
                        .orElse("")
                        .contains(dir.resolve("registry").toString())) {
            handle.get().destroy();
            try {
                handle.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.get().destroyForcibly();
            }
            System.out.println("[it] stopped the registry " + env.getProperty("registry"));
        }
    }

    private static Path writeConfig(Path dir, int port) throws IOException {
        String yaml = "version: 0.1\n"
                + "log:\n  level: info\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                + "  delete:\n    enabled: true\n"
                + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: imagespec-it-secret\n";
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        return config;
    }

    private static void awaitReady(Process p, int port, Path log) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("docker-registry exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IOException("docker-registry did not answer on 127.0.0.1:" + port + " within " + STARTUP_LIMIT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
