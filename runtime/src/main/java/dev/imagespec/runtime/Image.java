package dev.imagespec.runtime;

import dev.imagespec.runtime.descriptor.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task container image as Flyte registers it: flytekit's {@code flytekit.configuration.Image}.
 * A tag or a digest, never both.
 *
 * <pre>{@code
 * Image img = Image.lookUpImageInfo("default", "ghcr.io/flyteorg/flytekit:py3.11-1.14.0", false);
 * img.fqn();   // "ghcr.io/flyteorg/flytekit"
 * img.full();  // "ghcr.io/flyteorg/flytekit:py3.11-1.14.0"
 * }</pre>
 *
 * @see <a href="https://docs.flyte.org/en/latest/api/flytekit/generated/flytekit.configuration.Image.html">flytekit Image</a>
 */
public final class Image {
    private final String name;
    private final String fqn;
    private final String tag;
    private final String digest;

    private Image(String name, String fqn, String tag, String digest) {
        this.name = Objects.requireNonNull(name, "name");
        this.fqn = Objects.requireNonNull(fqn, "fqn");
        if (tag != null && digest != null) {
            throw new IllegalArgumentException("image " + fqn + " has both tag \"" + tag + "\" and digest \"" + digest
                    + "\"; give one, e.g. " + fqn + ":" + tag);
        }
        this.tag = tag;
        this.digest = digest;
    }

    /** An image with a tag, e.g. {@code Image.withTag("default", "python", "3.11")}. */
    public static Image withTag(String name, String fqn, String tag) {
        return new Image(name, fqn, Objects.requireNonNull(tag, "tag"), null);
    }

    /** An image with a digest, e.g. {@code Image.withDigest("x", "xyz.com/abc", "sha256:26c6...")}. */
    public static Image withDigest(String name, String fqn, String digest) {
        return new Image(name, fqn, null, Objects.requireNonNull(digest, "digest"));
    }

    /** An image with neither tag nor digest, e.g. {@code Image.untagged("x", "python")}. */
    public static Image untagged(String name, String fqn) {
        return new Image(name, fqn, null, null);
    }

    /** The user-given name, e.g. {@code "default"}. */
    public String name() {
        return name;
    }
    /** The fully qualified repository, e.g. {@code "ghcr.io/flyteorg/flytekit"}. */
    public String fqn() {
        return fqn;
    }
    /** The tag, e.g. {@code Optional.of("py3.11-1.14.0")}. */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }
    /** The digest, e.g. {@code Optional.of("sha256:26c6...")}. */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** {@code fqn:tag} or {@code fqn@digest} (whichever is set), else {@code fqn}. */
    public String full() {
        if (digest != null) {
            return fqn + "@" + digest;
        }
        return tag != null ? fqn + ":" + tag : fqn;
    }

    /** The digest or else the tag, e.g. {@code Optional.of("py3.11-1.14.0")}. */
    public Optional<String> version() {
        return Optional.ofNullable(digest != null ? digest : tag);
    }

    /**
     * flytekit's {@code Image.look_up_image_info}: {@code identifier} is an image reference, or a path
     * to an ImageSpec YAML file whose {@link ImageSpec#imageName()} is used (it is not built here:
     * call {@link ImageBuildEngine#build(ImageSpec)} for that). The split is flytekit's own: the
     * last {@code @} starts a digest, else the last {@code :} not followed by {@code /} starts a tag.
     *
     * @throws IllegalArgumentException when neither tag nor digest is present and {@code allowNoTagOrDigest} is false
     */
    public static Image lookUpImageInfo(String name, String identifier, boolean allowNoTagOrDigest) {
        String id = identifier;
        if (isFile(identifier)) {
            id = ImageSpecYaml.read(Path.of(identifier)).imageName();
        }
        int at = id.lastIndexOf('@');
        if (at >= 0) {
            return new Image(name, id.substring(0, at), null, id.substring(at + 1));
        }
        int colon = id.lastIndexOf(':');
        if (colon >= 0 && id.indexOf('/', colon + 1) < 0) {
            return new Image(name, id.substring(0, colon), id.substring(colon + 1), null);
        }
        if (!allowNoTagOrDigest) {
            throw new IllegalArgumentException("image \"" + identifier + "\" has no tag or digest; write e.g. \""
                    + identifier + ":1.0\" or pass allowNoTagOrDigest = true");
        }
        return new Image(name, id, null, null);
    }

    /** {@link #lookUpImageInfo(String, String, boolean)} requiring a tag or digest. */
    public static Image lookUpImageInfo(String name, String identifier) {
        return lookUpImageInfo(name, identifier, false);
    }

    private static boolean isFile(String identifier) {
        try {
            return Files.isRegularFile(Path.of(identifier));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** flytekit's {@code to_dict()}: {@code {"name", "fqn", "tag", "digest"}} with nulls kept. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("fqn", fqn);
        m.put("tag", tag);
        m.put("digest", digest);
        return m;
    }

    /** flytekit's {@code from_dict()}; unknown keys are refused. */
    public static Image fromMap(Map<String, ?> map) {
        for (String key : map.keySet()) {
            if (!key.equals("name") && !key.equals("fqn") && !key.equals("tag") && !key.equals("digest")) {
                throw new IllegalArgumentException(
                        "unknown Image field \"" + key + "\"; fields are name, fqn, tag, digest");
            }
        }
        return new Image(string(map, "name"), string(map, "fqn"), string(map, "tag"), string(map, "digest"));
    }

    /** flytekit's {@code to_json()}. */
    public String toJson() {
        return JsonTree.write(toMap());
    }

    /** flytekit's {@code from_json()}. */
    @SuppressWarnings("unchecked")
    public static Image fromJson(String json) {
        try {
            Object tree = JsonTree.read(json);
            if (!(tree instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(
                        "an Image is a JSON object with name and fqn, e.g. {\"name\":\"x\",\"fqn\":\"python\",\"tag\":\"3.11\"}");
            }
            return fromMap((Map<String, Object>) tree);
        } catch (IOException e) {
            throw new UncheckedIOException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The JSON Schema (draft 2020-12) of {@link #toJson()}: name and fqn required, tag and digest nullable and exclusive. */
    public static String jsonSchema() {
        return """
                {
                  "$schema" : "https://json-schema.org/draft/2020-12/schema",
                  "title" : "Image",
                  "description" : "A task container image: flytekit.configuration.Image",
                  "type" : "object",
                  "properties" : {
                    "name" : { "type" : "string", "description" : "A user-provided name to identify this image" },
                    "fqn" : { "type" : "string", "description" : "Fully qualified image name: registry/namespace/repository" },
                    "tag" : { "type" : [ "string", "null" ], "description" : "Tag that selects the version to pull" },
                    "digest" : { "type" : [ "string", "null" ], "description" : "Digest that selects the version to pull" }
                  },
                  "required" : [ "name", "fqn" ],
                  "additionalProperties" : false,
                  "not" : { "properties" : { "tag" : { "type" : "string" }, "digest" : { "type" : "string" } }, "required" : [ "tag", "digest" ] }
                }
                """;
    }

    private static String string(Map<String, ?> map, String key) {
        Object v = map.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException("Image field " + key + " must be a string, not " + v);
        }
        return (String) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i
                && name.equals(i.name)
                && fqn.equals(i.fqn)
                && Objects.equals(tag, i.tag)
                && Objects.equals(digest, i.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, fqn, tag, digest);
    }

    @Override
    public String toString() {
        return "Image[" + name + " = " + full() + "]";
    }
}
