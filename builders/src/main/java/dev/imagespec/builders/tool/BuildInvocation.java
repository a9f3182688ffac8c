package dev.imagespec.builders.tool;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One build as a {@link BuildTool} sees it: what to build, from where, and how to reach registries.
 *
 * <p>Example: {@code new BuildInvocation("127.0.0.1:5000/x:t", "linux/amd64,linux/arm64", ctx.directory(), ctx.dockerfile(),
 * Map.of("secret_0", Path.of("/home/u/.netrc")), false, false, Optional.empty(), ctx.root().resolve("digest"),
 * Optional.of("127.0.0.1:5000/cache/x"), Optional.of("127.0.0.1:5000/cache/x"), 0L, true, false)}.
 *
 * @param imageName the full name to tag (and push) the image as
 * @param platform one platform, e.g. {@code "linux/amd64"}, or several, comma-separated as flytekit writes them
 * @param contextDir the build context
 * @param dockerfile the Dockerfile in it
 * @param secrets BuildKit secret id → file on this machine, in order
 * @param pullTlsVerify false only when every registry the build pulls from (and caches in) is on loopback
 * @param pushTlsVerify false only when the target registry is on loopback
 * @param authFile a registry credentials file ({@code registry_config}), if the spec names one
 * @param digestFile where the tool writes the pushed manifest's (or manifest list's) digest
 * @param cacheFrom a repository to take cached layers from ({@code --cache-from}), if any
 * @param cacheTo a repository to store the build's layers in ({@code --cache-to}), if any
 * @param timestamp the epoch second every created time and file time in the image is set to
 *     ({@code --timestamp}, {@code SOURCE_DATE_EPOCH}), so that the same inputs give the same digest; negative: the tool's own clock
 * @param push whether the image is pushed after the build (docker's {@code buildx build --push} pushes in the build)
 * @param hostNetwork true when the RUN steps must reach this machine's loopback (a package index on
 *     127.0.0.1 or localhost), so the tool runs them in the host's network ({@code --network host});
 *     false keeps the tool's default network
 */
public record BuildInvocation(
        String imageName,
        String platform,
        Path contextDir,
        Path dockerfile,
        Map<String, Path> secrets,
        boolean pullTlsVerify,
        boolean pushTlsVerify,
        Optional<Path> authFile,
        Path digestFile,
        Optional<String> cacheFrom,
        Optional<String> cacheTo,
        long timestamp,
        boolean push,
        boolean hostNetwork) {

    public BuildInvocation {
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(contextDir, "contextDir");
        Objects.requireNonNull(dockerfile, "dockerfile");
        secrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        Objects.requireNonNull(authFile, "authFile");
        Objects.requireNonNull(digestFile, "digestFile");
        Objects.requireNonNull(cacheFrom, "cacheFrom");
        Objects.requireNonNull(cacheTo, "cacheTo");
    }

    /** The platforms one by one, e.g. {@code [linux/amd64, linux/arm64]}; blanks and repeats dropped. */
    public List<String> platforms() {
        return platforms(platform);
    }

    /** Whether the build makes a manifest list (an OCI index) of several platforms. */
    public boolean multiPlatform() {
        return platforms().size() > 1;
    }

    /** Whether a layer cache is asked for. */
    public boolean cached() {
        return cacheFrom.isPresent() || cacheTo.isPresent();
    }

    /** {@code "linux/amd64, linux/arm64"} → {@code [linux/amd64, linux/arm64]}, in order, without repeats. */
    public static List<String> platforms(String platform) {
        return Arrays.stream(platform.split(",", -1))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .distinct()
                .toList();
    }
}
