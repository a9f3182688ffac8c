package dev.imagespec.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small real images for a {@link LocalRegistry}, made without network: an OCI layout whose one layer holds
 * {@code busybox-static}'s {@code /bin/busybox}, written here and pushed with {@code skopeo copy}. Also a
 * two-platform image index, and more tags of a pushed manifest through the registry API.
 *
 * <pre>{@code
 * TestImages.Pushed p = TestImages.pushBusybox(REGISTRY, "team/busybox", "v1");
 * TestImages.tag(REGISTRY, "team/busybox", "v1", "v2");
 * }</pre>
 */
public final class TestImages {
    /** The OCI image manifest media type. */
    /** The name of the one image in a layout; the registry tag is given separately. */
    private static final String LAYOUT_REF = "image";

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** The OCI image index media type. */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUSYBOX = "/bin/busybox";

    /**
     * What was pushed: the manifest (or index) digest and media type.
     *
     * @param digest {@code sha256:…} of the manifest or index
     * @param mediaType its media type
     */
    public record Pushed(String digest, String mediaType) {}

    private TestImages() {}

    /**
     * Pushes a one-layer busybox image as {@code repository:tag}.
     *
     * <pre>{@code
     * Pushed p = TestImages.pushBusybox(REGISTRY, "team/busybox", "v1");
     * }</pre>
     */
    public static Pushed pushBusybox(LocalRegistry registry, String repository, String tag)
            throws IOException, InterruptedException {
        return push(registry, repository, tag, false);
    }

    /**
     * Pushes an OCI image index of two platforms (linux/amd64, linux/arm64) as {@code repository:tag}.
     *
     * <pre>{@code
     * Pushed p = TestImages.pushIndex(REGISTRY, "team/multi", "v1");
     * }</pre>
     */
    public static Pushed pushIndex(LocalRegistry registry, String repository, String tag)
            throws IOException, InterruptedException {
        return push(registry, repository, tag, true);
    }

    /**
     * Adds a tag to a pushed manifest with the registry API ({@code GET} then {@code PUT} of the manifest),
     * far faster than another skopeo run. Uses the registry's Basic credentials if it has them.
     *
     * <pre>{@code
     * TestImages.tag(REGISTRY, "team/busybox", "v1", "v2");
     * }</pre>
     */
    public static void tag(LocalRegistry registry, String repository, String fromTag, String toTag)
            throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = registry.uri().resolve("/v2/" + repository + "/manifests/");
        HttpRequest.Builder get =
                HttpRequest.newBuilder(base.resolve(fromTag)).header("Accept", OCI_MANIFEST + ", " + OCI_INDEX);
        authorize(registry, get);
        HttpResponse<byte[]> manifest = client.send(get.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (manifest.statusCode() != 200) {
            throw new IOException("GET " + repository + ":" + fromTag + " answered " + manifest.statusCode());
        }
        HttpRequest.Builder put = HttpRequest.newBuilder(base.resolve(toTag))
                .header(
                        "Content-Type",
                        manifest.headers().firstValue("Content-Type").orElse(OCI_MANIFEST))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body()));
        authorize(registry, put);
        HttpResponse<String> r = client.send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("PUT " + repository + ":" + toTag + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void authorize(LocalRegistry registry, HttpRequest.Builder request) {
        registry.basicCredentials()
                .ifPresent(c -> request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Pushes with skopeo, authenticating as {@code user:password} (for a registry behind a {@link TokenServer}).
     *
     * <pre>{@code
     * TestImages.pushBusybox(REGISTRY, "team/app", "v1", Optional.of("alice:s3cret"));
     * }</pre>
     */
    public static Pushed pushBusybox(LocalRegistry registry, String repository, String tag, Optional<String> creds)
            throws IOException, InterruptedException {
        return push(registry, repository, tag, false, creds);
    }

    private static Pushed push(LocalRegistry registry, String repository, String tag, boolean index)
            throws IOException, InterruptedException {
        return push(registry, repository, tag, index, registry.basicCredentials());
    }

    private static Pushed push(
            LocalRegistry registry, String repository, String tag, boolean index, Optional<String> creds)
            throws IOException, InterruptedException {
        Path skopeo = Tools.require("skopeo", "skopeo");
        Path layout = Files.createTempDirectory("imagespec-oci-");
        try {
            Pushed pushed = writeLayout(layout, index);
            List<String> command = new ArrayList<>(
                    List.of(skopeo.toString(), "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false"));
            if (index) {
                command.add("--all");
            }
            creds.ifPresent(c -> command.add("--dest-creds=" + c));
            command.add("oci:" + layout + ":" + LAYOUT_REF);
            command.add("docker://" + registry.hostPort() + "/" + repository + ":" + tag);
            // An empty auth file keeps the machine's own logins out of the push.
            Path authFile = layout.resolve("auth.json");
            Files.writeString(authFile, "{}");
            command.add(3, "--dest-authfile=" + authFile);
            // skopeo may re-encode what it pushes, so the registry's digest is the one skopeo reports.
            Path digestFile = layout.resolve("pushed.digest");
            command.add(3, "--digestfile=" + digestFile);
            Tools.run(command);
            return new Pushed(Files.readString(digestFile).trim(), pushed.mediaType());
        } finally {
            Tools.deleteRecursively(layout);
        }
    }

    private static Pushed writeLayout(Path layout, boolean index) throws IOException {
        Path busybox = Path.of(BUSYBOX);
        if (!Files.isRegularFile(busybox)) {
            throw new AssertionError(
                    BUSYBOX + " is missing; run `apt-get install busybox-static` (.ci/run installs it)");
        }
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        byte[] layer = Tar.singleExecutable("bin/busybox", Files.readAllBytes(busybox));
        Map<String, Object> layerDescriptor = writeBlob(layout, "application/vnd.oci.image.layer.v1.tar", layer);
        String diffId = (String) layerDescriptor.get("digest");
        Map<String, Object> top;
        if (!index) {
            top = manifest(layout, "amd64", layerDescriptor, diffId);
        } else {
            List<Map<String, Object>> manifests = new ArrayList<>();
            for (String arch : List.of("amd64", "arm64")) {
                Map<String, Object> m = new LinkedHashMap<>(manifest(layout, arch, layerDescriptor, diffId));
                m.put("platform", Map.of("architecture", arch, "os", "linux"));
                manifests.add(m);
            }
            Map<String, Object> indexJson = new LinkedHashMap<>();
            indexJson.put("schemaVersion", 2);
            indexJson.put("mediaType", OCI_INDEX);
            indexJson.put("manifests", manifests);
            top = writeBlob(layout, OCI_INDEX, JSON.writeValueAsBytes(indexJson));
        }
        Map<String, Object> ref = new LinkedHashMap<>(top);
        // skopeo's oci: transport finds the image by this annotation (the part after "oci:DIR:"). A
        // fixed name, because image tags may hold "__", which the OCI ref-name grammar does not allow.
        ref.put("annotations", Map.of("org.opencontainers.image.ref.name", LAYOUT_REF));
        Files.write(
                layout.resolve("index.json"),
                JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "manifests", List.of(ref))));
        return new Pushed((String) top.get("digest"), (String) top.get("mediaType"));
    }

    private static Map<String, Object> manifest(Path layout, String arch, Map<String, Object> layer, String diffId)
            throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", arch);
        config.put("os", "linux");
        config.put("config", Map.of("Entrypoint", List.of("/bin/busybox")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)));
        Map<String, Object> configDescriptor =
                writeBlob(layout, "application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(config));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OCI_MANIFEST);
        manifest.put("config", configDescriptor);
        manifest.put("layers", List.of(layer));
        return writeBlob(layout, OCI_MANIFEST, JSON.writeValueAsBytes(manifest));
    }

    private static Map<String, Object> writeBlob(Path layout, String mediaType, byte[] content) throws IOException {
        String hex = sha256(content);
        Files.write(layout.resolve("blobs/sha256").resolve(hex), content);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", "sha256:" + hex);
        d.put("size", content.length);
        return d;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A minimal ustar writer: one directory and one executable file are all a test image needs. */
    static final class Tar {
        private Tar() {}

        static byte[] singleExecutable(String path, byte[] content) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4096);
            String dir = path.substring(0, path.lastIndexOf('/') + 1);
            out.write(header(dir, 0, 0755, '5'));
            out.write(header(path, content.length, 0755, '0'));
            out.write(content);
            out.write(new byte[(512 - content.length % 512) % 512]);
            out.write(new byte[1024]); // two zero blocks end the archive
            return out.toByteArray();
        }

        private static byte[] header(String name, long size, int mode, char type) {
            byte[] h = new byte[512];
            put(h, 0, 100, name);
            put(h, 100, 8, String.format("%07o", mode));
            put(h, 108, 8, "0000000");
            put(h, 116, 8, "0000000");
            put(h, 124, 12, String.format("%011o", size));
            put(h, 136, 12, String.format("%011o", 1700000000L)); // fixed mtime: same bytes every run
            h[156] = (byte) type;
            put(h, 257, 6, "ustar");
            put(h, 263, 2, "00");
            java.util.Arrays.fill(h, 148, 156, (byte) ' ');
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, 8, String.format("%06o", sum) + "\0 ");
            return h;
        }

        private static void put(byte[] h, int offset, int length, String value) {
            byte[] v = value.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(v, 0, h, offset, Math.min(v.length, length));
        }
    }
}
