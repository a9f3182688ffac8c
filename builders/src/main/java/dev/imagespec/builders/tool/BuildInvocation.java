package dev.imagespec.builders.tool;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One build as a {@link BuildTool} sees it: what to build, from where, and how to reach registries.
 *
 * <p>Example: {@code new BuildInvocation("127.0.0.1:5000/x:t", "linux/amd64", ctx.directory(), ctx.dockerfile(),
 * Map.of("secret_0", Path.of("/home/u/.netrc")), false, false, Optional.empty(), ctx.root().resolve("digest"))}.
 *
 * @param imageName the full name to tag (and push) the image as
 * @param platform one platform, e.g. {@code "linux/amd64"}
 * @param contextDir the build context
 * @param dockerfile the Dockerfile in it
 * @param secrets BuildKit secret id → file on this machine, in order
 * @param pullTlsVerify false only when every registry the build pulls from is on loopback
 * @param pushTlsVerify false only when the target registry is on loopback
 * @param authFile a registry credentials file ({@code registry_config}), if the spec names one
 * @param digestFile where the tool writes the pushed manifest's digest
 * @param hostNetwork true when the RUN steps must reach this machine's loopback (a package index on
 *     127.0.0.1 or localhost), so the tool runs them in the host's network ({@code --network host});
 *     false keeps the tool's default network
 */
public record BuildInvocation(String imageName, String platform, Path contextDir, Path dockerfile,
        Map<String, Path> secrets, boolean pullTlsVerify, boolean pushTlsVerify, Optional<Path> authFile,
        Path digestFile, boolean hostNetwork) {

    /** Without host networking: the tool's default network for the RUN steps. */
    public BuildInvocation(String imageName, String platform, Path contextDir, Path dockerfile,
            Map<String, Path> secrets, boolean pullTlsVerify, boolean pushTlsVerify, Optional<Path> authFile,
            Path digestFile) {
        this(imageName, platform, contextDir, dockerfile, secrets, pullTlsVerify, pushTlsVerify, authFile, digestFile,
                false);
    }

    public BuildInvocation {
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(contextDir, "contextDir");
        Objects.requireNonNull(dockerfile, "dockerfile");
        secrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        Objects.requireNonNull(authFile, "authFile");
        Objects.requireNonNull(digestFile, "digestFile");
    }
}
