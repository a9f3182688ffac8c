package dev.imagespec.builders.tool;

import dev.imagespec.runtime.ImageBuildException;
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

/**
 * docker, podman and buildah: one class, because their command lines differ only in a few flags.
 *
 * <p>buildah and podman build several platforms one after the other into one manifest list
 * ({@code build --platform P --manifest NAME} per platform, then {@code manifest push --all}): one
 * {@code build --platform a,b --manifest NAME} builds them in parallel and adds each image when it
 * finishes, so the list's order, and with it the list's digest, would change from build to build.
 */
final class OciCliTool implements BuildTool {

    /** The three tools, in flytekit's order of preference. */
    enum Kind {
        DOCKER,
        PODMAN,
        BUILDAH
    }

    /** {@code docker push} prints {@code <tag>: digest: sha256:<hex> size: <n>}; docker has no digest file. */
    private static final Pattern PUSH_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    /** {@code docker buildx build --metadata-file} writes {@code "containerimage.digest": "sha256:..."}. */
    private static final Pattern METADATA_DIGEST =
            Pattern.compile("\"containerimage\\.digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");

    private static final long PROBE_SECONDS = 15;
    /** podman 4: "the specified runroot is longer than 50 characters". */
    private static final int PODMAN_MAX_RUN_ROOT = 50;

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
    public Optional<String> probe() {
        if (kind == Kind.DOCKER) {
            // docker's client is often installed without a daemon; only a daemon that answers can build.
            return run(List.of("docker", "info", "--format", "{{.ServerVersion}}"))
                    .map(failure -> "no daemon answers `docker info` (" + failure + ")");
        }
        Optional<String> version = run(List.of(name(), "--version"));
        if (version.isPresent()) {
            return version;
        }
        List<String> info = command();
        info.add("info");
        return run(info).map(failure -> "`" + String.join(" ", info) + "` failed (" + failure + ")");
    }

    /** Empty when the command exits 0 within the time limit, else why not (its last line). */
    private static Optional<String> run(List<String> command) {
        java.nio.file.Path out = null;
        try {
            out = Files.createTempFile("imagespec-probe-", ".out");
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("no answer within " + PROBE_SECONDS + " s");
            }
            if (p.exitValue() == 0) {
                return Optional.empty();
            }
            List<String> lines = Files.readString(out, StandardCharsets.UTF_8)
                    .strip()
                    .lines()
                    .toList();
            return Optional.of("exit code " + p.exitValue()
                    + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip()));
        } catch (IOException e) {
            return Optional.of("not installed (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temp file of a few bytes
                }
            }
        }
    }

    @Override
    public List<String> buildCommand(BuildInvocation b) {
        List<Step> steps = buildSteps(b);
        return steps.get(steps.size() - 1).command();
    }

    @Override
    public List<Step> buildSteps(BuildInvocation b) {
        if (kind == Kind.DOCKER) {
            return List.of(Step.of(dockerBuild(b)));
        }
        if (kind == Kind.PODMAN
                && store.runRoot() != null
                && store.runRoot().toString().length() > PODMAN_MAX_RUN_ROOT) {
            throw new ImageBuildException(
                    "podman refuses the run root " + store.runRoot() + ": it is longer than " + PODMAN_MAX_RUN_ROOT
                            + " characters; choose a shorter one (e.g. under /tmp) or build with buildah");
        }
        if (!b.multiPlatform()) {
            return List.of(Step.of(buildahBuild(b, b.platform(), List.of("--tag", b.imageName()))));
        }
        List<Step> steps = new ArrayList<>();
        // "--manifest NAME" adds to an existing list: remove one a former build of this name left.
        List<String> rm = command();
        rm.addAll(List.of("manifest", "rm", b.imageName()));
        steps.add(new Step(rm, true));
        for (String platform : b.platforms()) {
            steps.add(Step.of(buildahBuild(b, platform, List.of("--manifest", b.imageName()))));
        }
        return steps;
    }

    private List<String> buildahBuild(BuildInvocation b, String platform, List<String> naming) {
        List<String> c = command();
        c.add("build");
        // chroot isolation needs no daemon, no OCI runtime and no user namespaces, so it works as root in a container.
        c.addAll(List.of("--isolation", "chroot"));
        if (b.timestamp() >= 0) {
            c.addAll(List.of("--timestamp", Long.toString(b.timestamp())));
        }
        if (b.cached()) {
            c.add("--layers");
            b.cacheFrom().ifPresent(r -> c.addAll(List.of("--cache-from", r)));
            b.cacheTo().ifPresent(r -> c.addAll(List.of("--cache-to", r)));
        } else {
            // podman caches layers by default; a reused layer of an earlier build would make the image depend on
            // history.
            c.add("--layers=false");
        }
        c.addAll(List.of("--platform", platform));
        c.addAll(naming);
        c.addAll(List.of("--file", b.dockerfile().toString()));
        b.secrets().forEach((id, src) -> c.addAll(List.of("--secret", "id=" + id + ",src=" + src)));
        if (b.hostNetwork()) {
            c.addAll(List.of("--network", "host"));
        }
        if (!b.pullTlsVerify()) {
            c.add("--tls-verify=false");
        }
        b.authFile().ifPresent(f -> c.addAll(List.of("--authfile", f.toString())));
        c.add(b.contextDir().toString());
        return c;
    }

    /** Whether docker builds with {@code buildx build ... --push}: several platforms or a registry cache need it. */
    private static boolean buildx(BuildInvocation b) {
        return b.multiPlatform() || b.cached();
    }

    private static List<String> dockerBuild(BuildInvocation b) {
        List<String> c = new ArrayList<>(List.of("docker"));
        if (buildx(b)) {
            if (b.multiPlatform() && !b.push()) {
                throw new ImageBuildException(
                        "docker cannot keep an image of several platforms (" + b.platform()
                                + ") without pushing it; push it (unset FLYTE_PUSH_IMAGE_SPEC) or build with buildah or podman");
            }
            c.addAll(List.of("buildx", "build"));
        } else {
            c.add("build");
        }
        c.addAll(List.of(
                "--platform",
                String.join(",", b.platforms()),
                "--tag",
                b.imageName(),
                "--file",
                b.dockerfile().toString()));
        if (b.timestamp() >= 0) {
            // BuildKit 0.11+: the image's created time and history from SOURCE_DATE_EPOCH.
            c.addAll(List.of("--build-arg", "SOURCE_DATE_EPOCH=" + b.timestamp()));
        }
        b.secrets().forEach((id, src) -> c.addAll(List.of("--secret", "id=" + id + ",src=" + src)));
        if (b.hostNetwork()) {
            c.addAll(List.of("--network", "host"));
        }
        if (buildx(b)) {
            b.cacheFrom().ifPresent(r -> c.addAll(List.of("--cache-from", "type=registry,ref=" + r)));
            b.cacheTo().ifPresent(r -> c.addAll(List.of("--cache-to", "type=registry,ref=" + r + ",mode=max")));
            c.addAll(List.of("--metadata-file", b.digestFile().toString()));
            c.add(b.push() ? "--push" : "--load");
        }
        c.add(b.contextDir().toString());
        return c;
    }

    @Override
    public List<String> pushCommand(BuildInvocation b) {
        List<String> c = command();
        if (kind == Kind.DOCKER) {
            if (buildx(b)) {
                return List.of();
            }
            c.addAll(List.of("push", b.imageName()));
            return c;
        }
        c.add(b.multiPlatform() ? "manifest" : "push");
        if (b.multiPlatform()) {
            c.addAll(List.of("push", "--all"));
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
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("DOCKER_BUILDKIT", "1");
        if (b.timestamp() >= 0) {
            env.put("SOURCE_DATE_EPOCH", Long.toString(b.timestamp()));
        }
        // docker reads credentials from config.json in DOCKER_CONFIG; registry_config names that file.
        b.authFile()
                .ifPresent(f ->
                        env.put("DOCKER_CONFIG", f.toAbsolutePath().getParent().toString()));
        return Map.copyOf(env);
    }

    @Override
    public Optional<String> pushedDigest(BuildInvocation b, List<String> pushOutput) {
        try {
            if (Files.isRegularFile(b.digestFile())) {
                String digest =
                        Files.readString(b.digestFile(), StandardCharsets.UTF_8).trim();
                Matcher metadata = METADATA_DIGEST.matcher(digest);
                if (metadata.find()) {
                    return Optional.of(metadata.group(1));
                }
                if (digest.startsWith("sha256:")) {
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
