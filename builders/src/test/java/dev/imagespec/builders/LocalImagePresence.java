package dev.imagespec.builders;

import dev.imagespec.builders.tool.StoreOptions;
import dev.imagespec.runtime.ImageSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Test oracle: whether a spec's image exists, asked of other tools than the one under test
 * ({@code ImageSpec::exist}) and of the tests' own temporary buildah store: for a spec with a registry, {@code skopeo inspect --raw
 * docker://<imageName>} (present on exit 0, absent on "manifest unknown" or "not found", else
 * unknown); without one, {@code buildah images -q <imageName>} in the given store.
 *
 * <p>Example: {@code new LocalImagePresence().apply(spec)} → {@code Optional.of(false)}.
 */
public final class LocalImagePresence implements Function<ImageSpec, Optional<Boolean>> {
    private static final long TIMEOUT_SECONDS = 60;
    private final StoreOptions store;

    /** Checks the default buildah store for specs without a registry. */
    public LocalImagePresence() {
        this(StoreOptions.DEFAULT);
    }

    /** Checks {@code store} for specs without a registry, e.g. a test's temporary store. */
    public LocalImagePresence(StoreOptions store) {
        this.store = store;
    }

    /** {@code Optional.of(true)} present, {@code Optional.of(false)} absent, empty when it cannot tell. */
    @Override
    public Optional<Boolean> apply(ImageSpec spec) {
        String name = spec.imageName();
        return spec.registry().isPresent() ? inRegistry(spec, name) : inLocalStore(name);
    }

    private Optional<Boolean> inRegistry(ImageSpec spec, String name) {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect", "--raw"));
        if (Loopback.isLoopbackImage(name)) {
            cmd.add("--tls-verify=false");
        }
        spec.registryConfig()
                .ifPresent(f -> cmd.addAll(List.of("--authfile", spec.resolve(f).toString())));
        cmd.add("docker://" + name);
        return run(cmd).flatMap(r -> {
            if (r.exit == 0) {
                return Optional.of(true);
            }
            String out = r.output.toLowerCase(Locale.ROOT);
            return out.contains("manifest unknown") || out.contains("not found")
                    ? Optional.of(false)
                    : Optional.empty();
        });
    }

    private Optional<Boolean> inLocalStore(String name) {
        List<String> cmd = new ArrayList<>();
        cmd.add("buildah");
        cmd.addAll(store.globalArgs());
        cmd.addAll(List.of("images", "-q", name));
        return run(cmd).flatMap(r -> {
            if (r.exit == 0 && !r.output.isBlank()) {
                return Optional.of(true);
            }
            return r.output.toLowerCase(Locale.ROOT).contains("image not known")
                    ? Optional.of(false)
                    : Optional.empty();
        });
    }

    private record Result(int exit, String output) {}

    private static Optional<Result> run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
