package dev.imagespec.runtime.registry;

import dev.imagespec.runtime.text.InputText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends one registry request with the client's time limit, follows redirects itself (so an
 * {@code Authorization} header never travels to another host, such as blob storage), and retries
 * politely: 429/502/503/504 and broken connections, with backoff or the server's {@code Retry-After}.
 *
 * <p>Nothing a server sends can hold a check: the time limit covers the headers and the body of each
 * request; at most {@link #MAX_BODY} bytes of any body are kept (chunked or not; the rest is not read,
 * the connection is dropped); a redirect is followed only to an {@code http}/{@code https} URL with a
 * host, at most {@link #MAX_REDIRECTS} times; a malformed {@code Location} or a request that cannot be
 * built is a {@link RegistryFailure} with a one-line reason, never an exception.
 */
final class RegistryHttp {
    /** Statuses a registry or its proxy sends when it is busy or restarting; worth asking again. */
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    /**
     * The most of a body kept: error bodies and token replies are a few KiB (manifests, at most 4 MiB on
     * every common registry, are never read: a HEAD tells presence). A longer body is cut here.
     */
    static final int MAX_BODY = 1024 * 1024;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final String USER_AGENT = "imagespec-java";

    /** A request to send: everything but the time limit, which the client owns. */
    record Request(
            String method,
            URI uri,
            Map<String, String> headers,
            Optional<String> authorization,
            Optional<String> formBody) {
        Request {
            headers = Map.copyOf(headers);
        }

        static Request of(String method, URI uri, Map<String, String> headers) {
            return new Request(method, uri, headers, Optional.empty(), Optional.empty());
        }

        Request withAuthorization(Optional<String> value) {
            return new Request(method, uri, headers, value, formBody);
        }

        /** Names method and URI only: the authorization and body may be secrets. */
        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxRetries;

    RegistryHttp(HttpClient client, Duration requestTimeout, int maxRetries) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
    }

    /**
     * The final reply; a busy status is returned as is once retries are spent or {@code Retry-After}
     * asks for more than the time limit.
     */
    RegistryResponse send(Request request) throws RegistryFailure, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            RegistryResponse response;
            try {
                response = followRedirects(request);
            } catch (RetryableFailure broken) {
                if (attempt >= maxRetries) {
                    throw new RegistryFailure(0, broken.getMessage() + " (tried " + (attempt + 1) + " times)");
                }
                sleep(backoff(attempt));
                continue;
            }
            if (!RETRYABLE.contains(response.status()) || attempt >= maxRetries) {
                return response;
            }
            Optional<Duration> retryAfter = retryAfter(response);
            Duration wait = retryAfter.orElse(backoff(attempt));
            if (wait.compareTo(requestTimeout) > 0) {
                return response; // the caller reports the status and the Retry-After it could not honour
            }
            sleep(wait);
        }
    }

    private RegistryResponse followRedirects(Request request)
            throws RegistryFailure, RetryableFailure, InterruptedException {
        Request current = request;
        for (int hop = 0; ; hop++) {
            RegistryResponse response = exchange(current);
            if (!REDIRECTS.contains(response.status())) {
                return response;
            }
            Optional<String> location = response.header("Location");
            if (location.isEmpty()) {
                return response;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new RegistryFailure(
                        response.status(),
                        "more than " + MAX_REDIRECTS + " redirects from "
                                + request.uri().getHost() + "; the registry or a proxy in front of it loops");
            }
            URI next = redirectTarget(current.uri(), location.get(), response.status());
            // Like Go's and curl's clients: credentials for the registry are not sent to blob storage.
            Optional<String> authorization =
                    sameOrigin(current.uri(), next) ? current.authorization() : Optional.empty();
            String method = response.status() == 303 && !current.method().equals("HEAD") ? "GET" : current.method();
            current = new Request(
                    method,
                    next,
                    current.headers(),
                    authorization,
                    method.equals("GET") ? Optional.empty() : current.formBody());
        }
    }

    /**
     * Where a redirect leads: {@code location} resolved against {@code from}, only when it is an
     * {@code http}/{@code https} URL with a host.
     */
    static URI redirectTarget(URI from, String location, int status) throws RegistryFailure {
        URI next;
        try {
            next = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new RegistryFailure(
                    status,
                    from.getHost() + " redirected (" + status + ") to a malformed location " + InputText.quote(location)
                            + "; the registry or a proxy in front of it is misconfigured");
        }
        if (!isHttpUrl(next)) {
            throw new RegistryFailure(
                    status,
                    from.getHost() + " redirected (" + status + ") to "
                            + InputText.quote(location)
                            + ", which is not an http or https URL with a host; only those are"
                            + " followed");
        }
        return next;
    }

    /** Whether {@code uri} is absolute {@code http}/{@code https} with a host: the only URLs requested. */
    static boolean isHttpUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.isOpaque();
    }

    private RegistryResponse exchange(Request request) throws RegistryFailure, RetryableFailure, InterruptedException {
        String target = request.method() + " " + redact(request.uri());
        HttpRequest built;
        try {
            built = build(request);
        } catch (IllegalArgumentException e) {
            // a URI or header value the JDK refuses (a control character in a token, say); its message may quote
            // the header, which may be a secret, so it is not repeated
            throw new RegistryFailure(
                    0,
                    "cannot send " + target + ": the JDK refuses the request it would make"
                            + " (a URL or header the registry or token service gave is malformed)");
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(built, info -> new BoundedBody(MAX_BODY));
        try {
            // The request timeout covers the headers only; this bounds the body too.
            HttpResponse<byte[]> r = future.get(requestTimeout.toMillis() + 250, TimeUnit.MILLISECONDS);
            return new RegistryResponse(r.statusCode(), r.headers(), r.body(), r.uri());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw noReply(target);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw classify(e.getCause(), target, request.uri());
        }
    }

    private HttpRequest build(Request request) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(request.uri()).timeout(requestTimeout).header("User-Agent", USER_AGENT);
        if ("http".equals(request.uri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-HTTP registries
        }
        request.headers().forEach(builder::header);
        request.authorization().ifPresent(a -> builder.header("Authorization", a));
        if (request.formBody().isPresent()) {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(
                            request.method(),
                            HttpRequest.BodyPublishers.ofString(
                                    request.formBody().get()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /**
     * Keeps the first {@code limit} bytes of a body and then cancels the rest, so an endless body (chunked,
     * or with a false {@code Content-Length}) costs {@code limit} bytes, not the heap. Flow signals are serial.
     */
    static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), limit - kept.size());
                byte[] chunk = new byte[n];
                b.get(chunk);
                kept.write(chunk, 0, n);
                if (b.hasRemaining()) { // more than the limit
                    subscription.cancel(); // the rest is never read; the connection is closed
                    body.complete(kept.toByteArray());
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }
    }

    private RegistryFailure classify(Throwable cause, String target, URI uri) throws RetryableFailure {
        String hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        if (cause instanceof HttpConnectTimeoutException) {
            return new RegistryFailure(
                    0,
                    "cannot connect to " + hostPort + " within the connect time limit;"
                            + " is the registry reachable from here?");
        }
        if (cause instanceof HttpTimeoutException) {
            return noReply(target);
        }
        if (cause instanceof ConnectException) {
            return new RegistryFailure(
                    0,
                    "cannot connect to " + hostPort + " (" + describe(cause)
                            + "); is the registry running, and is the name right?");
        }
        if (cause instanceof SSLException) {
            return new RegistryFailure(
                    0,
                    "TLS with " + hostPort + " failed (" + describe(cause) + "); if it speaks"
                            + " plain HTTP, list it in " + RegistryEndpoint.INSECURE_ENV + " or -D"
                            + RegistryEndpoint.INSECURE_PROPERTY);
        }
        if (cause instanceof IOException) {
            throw new RetryableFailure(
                    "the connection to " + hostPort + " broke during " + target + " (" + describe(cause) + ")");
        }
        return new RegistryFailure(0, "unexpected failure of " + target + ": " + describe(cause));
    }

    private RegistryFailure noReply(String target) {
        return new RegistryFailure(
                0,
                "no reply to " + target + " within " + millis(requestTimeout)
                        + "; the registry is slow or unreachable (raise the request time limit if it is just slow)");
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t instanceof ConnectException
                    ? "connection refused"
                    : t.getClass().getSimpleName();
        }
        return message;
    }

    /** The server's Retry-After, in seconds or as an HTTP date; empty when missing or unparseable. */
    static Optional<Duration> retryAfter(RegistryResponse response) {
        Optional<String> value = response.header("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Duration backoff(int attempt) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(attempt, 6);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** A URI without its query, which for a token request may carry an account name. */
    static String redact(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + Objects.requireNonNullElse(uri.getRawPath(), "");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme())
                && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** A broken connection, worth another attempt. */
    private static final class RetryableFailure extends Exception {
        private static final long serialVersionUID = 1L;

        RetryableFailure(String message) {
            super(message, null, false, false);
        }
    }
}
