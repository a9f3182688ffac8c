package dev.imagespec.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token service for a {@link LocalRegistry} behind token auth: the registry's real counterpart, which
 * Debian does not ship. Issues RS256 JWTs whose header carries the signing certificate ({@code x5c}); the
 * self-signed certificate, made with the JDK's {@code keytool}, is the registry's {@code rootcertbundle}.
 * Users authenticate with Basic credentials on GET or with a refresh token on an OAuth POST.
 *
 * <pre>{@code
 * @RegisterExtension @Order(1)
 * static final TokenServer TOKENS = TokenServer.create().user("alice", "s3cret");
 * ...
 * LocalRegistry registry = LocalRegistry.withTokenAuth(TOKENS.start()).start();
 * }</pre>
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">distribution token auth</a>
 */
public final class TokenServer
        implements AutoCloseable,
                org.junit.jupiter.api.extension.BeforeAllCallback,
                org.junit.jupiter.api.extension.AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORE_PASSWORD = "imagespec-test-keystore";

    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> publicRepositories = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejectNext = new AtomicInteger();
    private final AtomicInteger expiredNext = new AtomicInteger();
    private volatile int expiresIn = 300;
    private HttpServer server;
    private Path dir;
    private PrivateKey key;
    private X509Certificate certificate;

    private TokenServer() {}

    /**
     * A token server with no users yet.
     *
     * <pre>{@code
     * TokenServer tokens = TokenServer.create().user("alice", "s3cret").start();
     * }</pre>
     */
    public static TokenServer create() {
        return new TokenServer();
    }

    /**
     * Adds a user who may pull and push everything.
     *
     * <pre>{@code
     * tokens.user("alice", "s3cret");
     * }</pre>
     */
    public TokenServer user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /**
     * Adds a refresh token (as {@code docker login} stores an {@code identitytoken}) for a user.
     *
     * <pre>{@code
     * tokens.refreshToken("refresh-123", "alice");
     * }</pre>
     */
    public TokenServer refreshToken(String token, String user) {
        refreshTokens.put(token, user);
        return this;
    }

    /**
     * A repository anonymous callers may pull.
     *
     * <pre>{@code
     * tokens.publicRepository("library/busybox");
     * }</pre>
     */
    public TokenServer publicRepository(String repository) {
        publicRepositories.add(repository);
        return this;
    }

    /**
     * The {@code expires_in} sent with tokens (the JWTs themselves stay valid for 5 minutes).
     *
     * <pre>{@code
     * tokens.expiresIn(1); // clients must fetch again after a second
     * }</pre>
     */
    public TokenServer expiresIn(int seconds) {
        this.expiresIn = seconds;
        return this;
    }

    /**
     * The next {@code n} tokens are signed for another audience, so the registry rejects them.
     *
     * <pre>{@code
     * tokens.rejectNext(1);
     * }</pre>
     */
    public TokenServer rejectNext(int n) {
        rejectNext.set(n);
        return this;
    }

    /**
     * The next {@code n} JWTs expired two minutes ago (beyond the registry's leeway), though
     * {@code expires_in} says otherwise: a token that expired early.
     *
     * <pre>{@code
     * tokens.expiredNext(1);
     * }</pre>
     */
    public TokenServer expiredNext(int n) {
        expiredNext.set(n);
        return this;
    }

    /**
     * Every token request so far, as {@code METHOD scope=… account=…} (never secrets).
     *
     * <pre>{@code
     * assertThat(tokens.requests()).hasSize(1);
     * }</pre>
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Forgets the recorded requests.
     *
     * <pre>{@code
     * tokens.clearRequests();
     * }</pre>
     */
    public void clearRequests() {
        requests.clear();
    }

    /**
     * Makes the key and certificate and starts serving; a second call does nothing.
     *
     * <pre>{@code
     * TokenServer tokens = TokenServer.create().start();
     * }</pre>
     */
    public synchronized TokenServer start() throws IOException, InterruptedException {
        if (server != null) {
            return this;
        }
        dir = Files.createTempDirectory("imagespec-tokens-");
        try {
            makeKey();
            // 127.0.0.1 itself, as realm() names it (getLoopbackAddress() may be ::1).
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
            server.createContext("/token", this::handle);
            server.start();
            return this;
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The realm URL the registry sends clients to.
     *
     * <pre>{@code
     * URI realm = tokens.realm(); // http://127.0.0.1:PORT/token
     * }</pre>
     */
    public URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /**
     * The service name (the JWT audience).
     *
     * <pre>{@code
     * tokens.service(); // "imagespec-test-registry"
     * }</pre>
     */
    public String service() {
        return "imagespec-test-registry";
    }

    /**
     * The JWT issuer.
     *
     * <pre>{@code
     * tokens.issuer(); // "imagespec-test-tokens"
     * }</pre>
     */
    public String issuer() {
        return "imagespec-test-tokens";
    }

    /**
     * The PEM file holding the signing certificate, the registry's {@code rootcertbundle}.
     *
     * <pre>{@code
     * Path bundle = tokens.certificateBundle();
     * }</pre>
     */
    public Path certificateBundle() {
        return dir.resolve("bundle.pem");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (dir != null) {
            Tools.deleteRecursively(dir);
            dir = null;
        }
    }

    @Override
    public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
        close();
    }

    private void makeKey() throws IOException, InterruptedException {
        Path keystore = dir.resolve("token.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Tools.run(List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "token",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=imagespec test token service",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD));
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, STORE_PASSWORD.toCharArray());
            key = (PrivateKey) ks.getKey("token", STORE_PASSWORD.toCharArray());
            certificate = (X509Certificate) ks.getCertificate("token");
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(certificateBundle(), pem);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the token key from " + keystore, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            parseForm(exchange.getRequestURI().getRawQuery(), params);
            String user = null;
            boolean presentedCredentials = false;
            if (exchange.getRequestMethod().equals("POST")) {
                parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
                presentedCredentials = true;
                if ("refresh_token".equals(first(params, "grant_type"))) {
                    user = refreshTokens.get(first(params, "refresh_token"));
                } else if ("password".equals(first(params, "grant_type"))) {
                    String u = first(params, "username");
                    user = u != null && users.containsKey(u) && users.get(u).equals(first(params, "password"))
                            ? u
                            : null;
                }
            } else {
                String header = exchange.getRequestHeaders().getFirst("Authorization");
                if (header != null && header.startsWith("Basic ")) {
                    presentedCredentials = true;
                    String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
                    int colon = pair.indexOf(':');
                    String u = colon > 0 ? pair.substring(0, colon) : pair;
                    if (colon > 0 && pair.substring(colon + 1).equals(users.get(u))) {
                        user = u;
                    }
                }
            }
            requests.add(exchange.getRequestMethod() + " scope=" + params.getOrDefault("scope", List.of()) + " account="
                    + first(params, "account") + " user=" + user);
            if (presentedCredentials && user == null) {
                send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
                return;
            }
            String jwt = sign(user, params.getOrDefault("scope", List.of()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", jwt);
            body.put("access_token", jwt);
            body.put("expires_in", expiresIn);
            body.put("issued_at", Instant.now().toString());
            send(exchange, 200, JSON.writeValueAsString(body));
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            send(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private String sign(String user, List<String> scopes) throws java.security.GeneralSecurityException, IOException {
        List<Map<String, Object>> access = new ArrayList<>();
        for (String scope : scopes) {
            for (String one : split(scope, ' ')) {
                List<String> parts = split(one, ':');
                if (parts.size() != 3 || !parts.get(0).equals("repository")) {
                    continue;
                }
                List<String> actions = split(parts.get(2), ',');
                if (user == null) {
                    actions.retainAll(publicRepositories.contains(parts.get(1)) ? List.of("pull") : List.of());
                }
                if (!actions.isEmpty()) {
                    access.add(Map.of("type", "repository", "name", parts.get(1), "actions", actions));
                }
            }
        }
        long now = Instant.now().getEpochSecond();
        boolean expired = expiredNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        boolean wrongAudience = rejectNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("sub", user == null ? "" : user);
        claims.put("aud", wrongAudience ? "some-other-registry" : service());
        claims.put("exp", expired ? now - 120 : now + 300);
        claims.put("nbf", expired ? now - 300 : now - 10);
        claims.put("iat", expired ? now - 300 : now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));
        String input = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(rs256.sign());
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void parseForm(String raw, Map<String, List<String>> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : split(raw, '&')) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    /**
     * What {@code s.split(String.valueOf(sep))} gives, as a new mutable list: the parts between the
     * separators, trailing empty parts dropped, and {@code s} itself when it has no separator (so
     * {@code ""} gives {@code [""]}, {@code ","} gives {@code []}).
     */
    private static List<String> split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
            parts.add(s.substring(from, at));
            from = at + 1;
        }
        parts.add(s.substring(from));
        if (parts.size() > 1) {
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
        }
        return parts;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public String toString() {
        return "TokenServer{" + (server == null ? "stopped" : realm()) + "}";
    }
}
