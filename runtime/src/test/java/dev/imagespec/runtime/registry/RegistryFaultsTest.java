package dev.imagespec.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.imagespec.runtime.registry.auth.Credential;
import dev.imagespec.runtime.registry.auth.CredentialSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults a real registry cannot be made to produce (busy replies, rate limits, hangs, redirects to blob
 * storage, broken connections), served by small loopback servers. Nothing is mocked inside the client.
 */
class RegistryFaultsTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private String serve(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(() -> server.stop(0));
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void manifestFound(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Docker-Content-Digest", DIGEST);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
        exchange.sendResponseHeaders(200, -1);
    }

    private static RegistryClient client() {
        return RegistryClient.builder()
                .credentials(CredentialSource.anonymous())
                .connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static RegistryImage app(String registry) {
        return RegistryImage.of(registry + "/team/app:v1");
    }

    @Test
    void connectionRefusedIsUnknownAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();

        Existence e = client().check(app("127.0.0.1:" + port));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow())
                .contains("cannot connect to 127.0.0.1:" + port)
                .contains("running");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void registryThatNeverAnswersIsCutOffByTheRequestTimeLimit() throws Exception {
        ServerSocket silent = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // accept, read nothing, answer nothing
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        servers.add(() -> {
            silent.close();
            for (Socket s : held) {
                s.close();
            }
        });
        RegistryClient client = RegistryClient.builder()
                .credentials(CredentialSource.anonymous())
                .requestTimeout(Duration.ofMillis(700))
                .build();
        long start = System.nanoTime();

        Existence e = client.check(app("127.0.0.1:" + silent.getLocalPort()));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("no reply").contains("within 700 ms");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void busyThenOkIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String registry = serve(x -> {
            if (calls.incrementAndGet() == 1) {
                reply(x, 503, "");
            } else {
                manifestFound(x);
            }
        });

        Existence e = client().check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(e.digest()).contains(DIGEST);
        assertThat(calls).hasValue(2);
    }

    @Test
    void alwaysBusyIsUnknownAfterABoundedNumberOfTries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String registry = serve(x -> {
            calls.incrementAndGet();
            reply(x, 502, "");
        });

        Existence e = client().check(app(registry));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.status()).hasValue(502);
        assertThat(e.reason().orElseThrow()).contains("busy (502)");
        assertThat(calls).hasValue(1 + RegistryClient.DEFAULT_MAX_RETRIES);
    }

    @Test
    void rateLimitWithRetryAfterIsHonoured() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String registry = serve(x -> {
            if (calls.incrementAndGet() == 1) {
                x.getResponseHeaders().set("Retry-After", "1");
                reply(x, 429, "");
            } else {
                manifestFound(x);
            }
        });
        long start = System.nanoTime();

        Existence e = client().check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterBeyondTheTimeLimitIsNotWaitedFor() throws Exception {
        String registry = serve(x -> {
            x.getResponseHeaders().set("Retry-After", "120");
            reply(x, 429, "");
        });
        long start = System.nanoTime();

        Existence e = client().check(app(registry));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("429").contains("retry after 120 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void redirectToBlobStorageIsFollowedWithoutTheRegistryCredentials() throws Exception {
        List<String> blobAuthorization = new CopyOnWriteArrayList<>();
        String blobs = serve(x -> {
            blobAuthorization.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            manifestFound(x);
        });
        String registry = serve(x -> {
            if (x.getRequestHeaders().getFirst("Authorization") == null) {
                x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"faults\"");
                reply(x, 401, "");
            } else {
                x.getResponseHeaders().set("Location", "http://" + blobs + "/storage/abc?signature=xyz");
                reply(x, 307, "");
            }
        });
        RegistryClient client = RegistryClient.builder()
                .credentials(CredentialSource.of(registry, Credential.basic("carol", "pw-Redirect-5a6b")))
                .build();

        Existence e = client.check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(e.digest()).contains(DIGEST);
        assertThat(blobAuthorization).containsExactly("null");
    }

    @Test
    void brokenConnectionIsRetried() throws Exception {
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        AtomicInteger connections = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    readHeaders(s.getInputStream());
                    if (connections.incrementAndGet() == 1) {
                        s.setSoLinger(true, 0); // reset, as a proxy dropping the connection would
                        continue;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nDocker-Content-Digest: " + DIGEST
                                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        servers.add(server::close);

        Existence e = client().check(app("127.0.0.1:" + server.getLocalPort()));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(connections).hasValue(2);
    }

    @Test
    void errorBodySayingNotFoundOnAnotherStatusIsAbsent() throws Exception {
        // Harbor and Artifactory answer a missing image with 500 and this text; flytekit counts it absent.
        String registry = serve(x ->
                reply(x, 500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"artifact team/app:v1 not found\"}]}"));

        Existence e = client().check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.ABSENT);
        assertThat(e.status()).hasValue(500);
    }

    @Test
    void nameUnknownOnA400IsAbsent() throws Exception {
        String registry = serve(x -> reply(
                x,
                400,
                "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"));

        assertThat(client().check(app(registry)).state()).isEqualTo(Existence.State.ABSENT);
    }

    @Test
    void deniedIsUnknownWithWhatTheRegistrySaid() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        String registry = serve(x -> {
            if (x.getRequestMethod().equals("GET")) {
                gets.incrementAndGet();
            }
            reply(
                    x,
                    403,
                    "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
        });

        Existence e = client().check(app(registry));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.status()).hasValue(403);
        assertThat(e.reason().orElseThrow()).contains("DENIED: requested access to the resource is denied");
        assertThat(gets)
                .as("a HEAD has no body: the error is read with one GET")
                .hasValue(1);
    }

    @Test
    void checkAllOnADownRegistryAnswersUnknownForEach() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<RegistryImage> images =
                List.of(app("127.0.0.1:" + port), RegistryImage.of("127.0.0.1:" + port + "/team/other:v2"));

        assertThat(client().checkAll(images).values())
                .allMatch(Existence::isUnknown)
                .hasSize(2);
    }

    // ---- bodies that never end, and headers that lead nowhere ------------------------------------

    /** HEAD 500, then a GET whose 500 body never ends: {@code chunked} (no length) or a false huge length. */
    private String endlessErrorBody(boolean chunked, AtomicLong sent) throws IOException {
        return serve(x -> {
            if (x.getRequestMethod().equals("HEAD")) {
                reply(x, 500, "");
                return;
            }
            x.sendResponseHeaders(500, chunked ? 0 : 10L * 1024 * 1024 * 1024);
            byte[] block = "{\"errors\":[".repeat(4096).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = x.getResponseBody()) {
                while (true) {
                    out.write(block);
                    sent.addAndGet(block.length);
                }
            } catch (IOException clientWentAway) {
                // the client stopped reading: what it should do
            }
        });
    }

    @Test
    void anEndlessChunkedErrorBodyIsCutAndTheCheckAnswers() throws Exception {
        AtomicLong sent = new AtomicLong();
        String registry = endlessErrorBody(true, sent);
        long start = System.nanoTime();

        Existence e = client().check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("answered 500").doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        Thread.sleep(300);
        long after = sent.get();
        Thread.sleep(300);
        assertThat(sent.get())
                .as("nothing more is read once the prefix is kept")
                .isEqualTo(after);
    }

    @Test
    void anEndlessBodyWithAFalseLengthIsCutToo() throws Exception {
        String registry = endlessErrorBody(false, new AtomicLong());
        long start = System.nanoTime();

        Existence e = client().check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("answered 500");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aBodyThatDripsIsCutOffByTheTimeLimit() throws Exception {
        String registry = serve(x -> {
            if (x.getRequestMethod().equals("HEAD")) {
                reply(x, 500, "");
                return;
            }
            x.sendResponseHeaders(500, 0);
            try (OutputStream out = x.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('{');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException gone) {
                // cut off
            }
        });
        RegistryClient client = RegistryClient.builder()
                .credentials(CredentialSource.anonymous())
                .requestTimeout(Duration.ofMillis(800))
                .build();
        long start = System.nanoTime();

        Existence e = client.check(app(registry));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("no reply").contains("within 800 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void theBoundedBodyKeepsExactlyItsLimit() {
        RegistryHttp.BoundedBody body = new RegistryHttp.BoundedBody(10);
        List<Boolean> cancelled = new CopyOnWriteArrayList<>();
        body.onSubscribe(new java.util.concurrent.Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {
                cancelled.add(true);
            }
        });
        body.onNext(List.of(java.nio.ByteBuffer.wrap("0123456".getBytes(StandardCharsets.US_ASCII))));
        body.onNext(List.of(java.nio.ByteBuffer.wrap("789".getBytes(StandardCharsets.US_ASCII))));
        assertThat(cancelled).isEmpty();
        body.onNext(List.of(java.nio.ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII))));
        assertThat(cancelled).containsExactly(true);
        assertThat(new String(body.getBody().toCompletableFuture().join(), StandardCharsets.US_ASCII))
                .isEqualTo("0123456789");
    }

    /** Records what the client logs: a fault must be an answer, never a logged exception. */
    private static List<LogRecord> logged() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(RegistryClient.class.getName());
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getThrown() != null) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return records;
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "http://[::1",
                "file:///etc/passwd",
                "/token",
                "",
                "http:///token",
                "ftp://auth.example/token",
                "http://exa mple/token",
                "javascript:alert(1)"
            })
    void aMalformedTokenRealmIsUnknownWithOneLine(String realm) throws Exception {
        List<LogRecord> records = logged();
        String registry = serve(x -> {
            x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"faults\"");
            reply(x, 401, "");
        });

        Existence e = client().check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow())
                .contains("token realm that is not an http or https URL")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(records).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "http://[::1",
                "file:///etc/passwd",
                "ftp://blobs.example/x",
                "http:///x",
                "mailto:a@b",
                "http://a b/"
            })
    void aRedirectToAMalformedOrNonHttpLocationIsUnknownWithOneLine(String location) throws Exception {
        List<LogRecord> records = logged();
        String registry = serve(x -> {
            x.getResponseHeaders().set("Location", location);
            reply(x, 307, "");
        });

        Existence e = client().check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow())
                .contains("redirected (307)")
                .containsAnyOf("malformed location", "not an http or https URL")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(records).isEmpty();
    }

    @Test
    void aRedirectLoopStopsAtTheHopLimit() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String[] self = new String[1];
        self[0] = serve(x -> {
            calls.incrementAndGet();
            x.getResponseHeaders().set("Location", "http://" + self[0] + "/v2/loop/" + calls.get());
            reply(x, 302, "");
        });

        Existence e = client().check(app(self[0]));

        assertThat(e.state()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("more than 5 redirects");
        assertThat(calls.get()).isLessThanOrEqualTo(6);
    }

    @Test
    void credentialsNeverFollowARedirectToAnotherPortOrScheme() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        String other = serve(x -> {
            seen.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            manifestFound(x);
        });
        String registry = serve(x -> {
            if (x.getRequestHeaders().getFirst("Authorization") == null) {
                x.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"faults\"");
                reply(x, 401, "");
            } else {
                // the same host (127.0.0.1), another port
                x.getResponseHeaders().set("Location", "http://" + other + "/v2/team/app/manifests/v1");
                reply(x, 302, "");
            }
        });
        RegistryClient client = RegistryClient.builder()
                .credentials(CredentialSource.of(registry, Credential.basic("dave", "pw-Port-7c8d")))
                .build();

        Existence e = client.check(app(registry));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.PRESENT);
        assertThat(seen).containsExactly("null");
    }

    @Test
    void aTokenThatCannotBeAHeaderIsUnknownWithOneLine() throws Exception {
        List<LogRecord> records = logged();
        String[] self = new String[1];
        self[0] = serve(x -> {
            if (x.getRequestURI().getPath().equals("/token")) {
                reply(x, 200, "{\"token\": \"abc\\r\\nX-Injected: 1\"}");
                return;
            }
            x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://" + self[0] + "/token\"");
            reply(x, 401, "");
        });

        Existence e = client().check(app(self[0]));

        assertThat(e.state()).as(e.toString()).isEqualTo(Existence.State.UNKNOWN);
        assertThat(e.reason().orElseThrow()).contains("cannot carry").doesNotContain("\n");
        assertThat(records).isEmpty();
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
