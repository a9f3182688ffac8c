package dev.imagespec.builders;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A PEP 503 simple package index on 127.0.0.1 (the JDK's {@code HttpServer}) serving pure-Python
 * wheels made here, behind HTTP Basic credentials, so that a build proves it had the secret that
 * holds them. Every request is recorded with whether it was authorized.
 *
 * <pre>{@code
 * try (WheelIndex index = WheelIndex.start("alice", "s3cret")) {
 *     index.add("pkgname", "1.0", Map.of("pkgname/__init__.py", "VALUE = 'x'\n"));
 *     spec.pipIndex(index.url());   // http://127.0.0.1:<port>/simple
 * }
 * }</pre>
 */
final class WheelIndex implements AutoCloseable {

    /** One request: its path and whether it carried the credentials. */
    record Request(String path, boolean authorized) {}

    private final HttpServer server;
    private final String authorization;
    private final Map<String, byte[]> wheels = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, List<String>> projects = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    private WheelIndex(HttpServer server, String user, String password) {
        this.server = server;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the index on a free port of 127.0.0.1, answering 401 to requests without {@code user:password}. */
    static WheelIndex start(String user, String password) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WheelIndex index = new WheelIndex(server, user, password);
        server.createContext("/", index::handle);
        server.start();
        return index;
    }

    /** The index URL for pip's {@code --index-url}, e.g. {@code http://127.0.0.1:41234/simple}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/simple";
    }

    /** Adds a {@code py3-none-any} wheel of {@code name} {@code version} holding {@code files} (path → text). */
    void add(String name, String version, Map<String, String> files) throws IOException {
        String wheel = name + "-" + version + "-py3-none-any.whl";
        wheels.put(wheel, wheel(name, version, files));
        projects.computeIfAbsent(name, k -> new ArrayList<>()).add(wheel);
    }

    /** Every request so far, in order. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        boolean authorized = authorization.equals(x.getRequestHeaders().getFirst("Authorization"));
        requests.add(new Request(path, authorized));
        try (x) {
            if (!authorized) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test index\"");
                send(x, 401, "text/plain", "credentials needed\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/simple/") || path.equals("/simple")) {
                StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
                synchronized (projects) {
                    projects.keySet()
                            .forEach(p -> html.append("<a href=\"/simple/")
                                    .append(p)
                                    .append("/\">")
                                    .append(p)
                                    .append("</a>\n"));
                }
                send(
                        x,
                        200,
                        "text/html",
                        html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/simple/")) {
                String project = path.substring("/simple/".length()).replace("/", "");
                List<String> files = projects.get(project);
                if (files == null) {
                    send(x, 404, "text/plain", "no such project\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
                for (String f : files) {
                    html.append("<a href=\"/files/")
                            .append(f)
                            .append("#sha256=")
                            .append(hex(wheels.get(f)))
                            .append("\">")
                            .append(f)
                            .append("</a>\n");
                }
                send(
                        x,
                        200,
                        "text/html",
                        html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/files/") && wheels.containsKey(path.substring("/files/".length()))) {
                send(x, 200, "application/octet-stream", wheels.get(path.substring("/files/".length())));
            } else {
                send(x, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** A wheel is a zip: the package's files, then METADATA, WHEEL and RECORD in {@code <name>-<version>.dist-info/}. */
    static byte[] wheel(String name, String version, Map<String, String> files) throws IOException {
        String distInfo = name + "-" + version + ".dist-info/";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((path, text) -> entries.put(path, text.getBytes(StandardCharsets.UTF_8)));
        entries.put(
                distInfo + "METADATA",
                ("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        entries.put(
                distInfo + "WHEEL",
                "Wheel-Version: 1.0\nGenerator: imagespec-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                        .getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        entries.forEach((path, bytes) -> record.append(path)
                .append(",sha256=")
                .append(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes)))
                .append(',')
                .append(bytes.length)
                .append('\n'));
        record.append(distInfo).append("RECORD,,\n");
        entries.put(distInfo + "RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(1_700_000_000_000L);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
