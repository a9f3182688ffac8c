package dev.imagespec.builders.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker, podman and buildah: one class, because their command lines differ only in a few flags. */
final class OciCliTool implements BuildTool {

    /** The three tools, in flytekit's order of preference. */
    enum Kind { DOCKER, PODMAN, BUILDAH }

    /** {@code docker push} prints {@code <tag>: digest: sha256:<hex> size: <n>}; docker has no digest file. */
    private static final Pattern PUSH_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private final Kind kind;
    private final StoreOptions store;

    OciCliTool(Kind kind, StoreOptions store) {
        this.kind = kind;
        this.store = store;
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean available() {
        // docker's client is often installed without a daemon; only a daemon that answers can build.
        List<String> probe = kind == Kind.DOCKER ? List.of("docker", "info", "--format", "{{.ServerVersion}}")
                : List.of(name(), "--version");
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<String> buildCommand(BuildInvocation b) {
        List<String> c = command();
        c.add("build");
        if (kind == Kind.BUILDAH) {
            // chroot isolation needs no daemon and no user namespaces, so it works as root in a container.
            c.addAll(List.of("--isolation", "chroot"));
        }
        c.addAll(List.of("--platform", b.platform(), "--tag", b.imageName(), "--file", b.dockerfile().toString()));
        b.secrets().forEach((id, src) -> c.addAll(List.of("--secret", "id=" + id + ",src=" + src)));
        if (b.hostNetwork()) {
            c.addAll(List.of("--network", "host"));
        }
        if (kind != Kind.DOCKER) {
            if (!b.pullTlsVerify()) {
                c.add("--tls-verify=false");
            }
            b.authFile().ifPresent(f -> c.addAll(List.of("--authfile", f.toString())));
        }
        c.add(b.contextDir().toString());
        return c;
    }

    @Override
    public List<String> pushCommand(BuildInvocation b) {
        List<String> c = command();
        c.add("push");
        if (kind == Kind.DOCKER) {
            c.add(b.imageName());
            return c;
        }
        if (!b.pushTlsVerify()) {
            c.add("--tls-verify=false");
        }
        b.authFile().ifPresent(f -> c.addAll(List.of("--authfile", f.toString())));
        c.addAll(List.of("--digestfile", b.digestFile().toString(), b.imageName(), "docker://" + b.imageName()));
        return c;
    }

    @Override
    public Map<String, String> environment(BuildInvocation b) {
        if (kind != Kind.DOCKER) {
            return Map.of();
        }
        // docker reads credentials from config.json in DOCKER_CONFIG; registry_config names that file.
        return b.authFile().map(f -> Map.of("DOCKER_BUILDKIT", "1", "DOCKER_CONFIG",
                        f.toAbsolutePath().getParent().toString()))
                .orElse(Map.of("DOCKER_BUILDKIT", "1"));
    }

    @Override
    public Optional<String> pushedDigest(BuildInvocation b, List<String> pushOutput) {
        try {
            if (Files.isRegularFile(b.digestFile())) {
                String digest = Files.readString(b.digestFile(), StandardCharsets.UTF_8).trim();
                if (!digest.isEmpty()) {
                    return Optional.of(digest);
                }
            }
        } catch (IOException e) {
            // fall back to the output below
        }
        for (String line : pushOutput) {
            Matcher m = PUSH_DIGEST.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private List<String> command() {
        List<String> c = new ArrayList<>();
        c.add(name());
        if (kind != Kind.DOCKER) {
            c.addAll(store.globalArgs());
        }
        return c;
    }

    @Override
    public String toString() {
        return name();
    }
}
