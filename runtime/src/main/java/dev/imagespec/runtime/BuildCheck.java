package dev.imagespec.runtime;

import dev.imagespec.runtime.engine.Flags;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * flytekit's {@code ImageSpecBuilder.should_build} rules, over a replaceable existence check:
 * <ul>
 *   <li>absent: build;</li>
 *   <li>present: skip, unless the spec forces a push ({@link ImageSpec#isForcePush()});</li>
 *   <li>unknown: fail if {@code FLYTE_IMG_FAST_FAIL} is true, else assume it is present and say so.</li>
 * </ul>
 * The engine makes one per spec it builds and reads {@link #decision()} afterwards to tell a skip from
 * an assumption.
 *
 * <p>Example: {@code new BuildCheck(spec -> Optional.of(false), BuildListener.NONE, Map.of()).shouldBuild(spec)} is true.
 *
 * @see <a href="https://docs.flyte.org/en/latest/api/flytekit/generated/flytekit.image_spec.ImageSpecBuilder.html">flytekit ImageSpecBuilder</a>
 */
public final class BuildCheck {
    private final Function<ImageSpec, Optional<Boolean>> presence;
    private final BuildListener listener;
    private final boolean fastFail;
    private volatile Decision decision;

    /** What {@link #shouldBuild(ImageSpec)} decided. */
    public enum Decision {
        /** The image is not there. */
        ABSENT_BUILD,
        /** It is there, and the spec forces a push. */
        PRESENT_FORCE_PUSH,
        /** It is there: skip. */
        PRESENT_SKIP,
        /** Nobody could tell; assumed present (flytekit's default when fast fail is off). */
        UNKNOWN_ASSUMED_PRESENT
    }

    /**
     * @param presence whether an image exists: {@code Optional.of(true|false)}, or empty when it cannot tell
     * @param listener where "found", "not found" and "assuming" messages go
     * @param environment read for {@code FLYTE_IMG_FAST_FAIL}, e.g. {@code System.getenv()}
     */
    public BuildCheck(Function<ImageSpec, Optional<Boolean>> presence, BuildListener listener,
            Map<String, String> environment) {
        this.presence = Objects.requireNonNull(presence, "presence");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.fastFail = Flags.isTrue(environment.get(ImageSpec.FAST_FAIL_ENV));
    }

    /** The rules with {@link ImageSpec#exist()}, logging, and this process's environment. */
    public static BuildCheck defaults() {
        return new BuildCheck(ImageSpec::exist, BuildListener.logging(), System.getenv());
    }

    /**
     * Whether to build {@code spec}, e.g. {@code check.shouldBuild(spec)}.
     *
     * @throws ImageBuildException when existence is unknown and {@code FLYTE_IMG_FAST_FAIL} is true
     */
    public boolean shouldBuild(ImageSpec spec) {
        String name = spec.imageName();
        Optional<Boolean> exists = presence.apply(spec);
        if (exists.isPresent() && !exists.get()) {
            decision = Decision.ABSENT_BUILD;
            listener.message("Image " + name + " not found. Building...");
            return true;
        }
        if (exists.isPresent()) {
            if (spec.isForcePush()) {
                decision = Decision.PRESENT_FORCE_PUSH;
                listener.message("Overwriting existing image " + name + " (force push).");
                return true;
            }
            decision = Decision.PRESENT_SKIP;
            listener.message("Image " + name + " found. Skip building.");
            return false;
        }
        if (fastFail) {
            throw ImageBuildException.existenceUnknown("could not check whether image " + name + " exists"
                    + " (registry unreachable, denied, or no local store), and " + ImageSpec.FAST_FAIL_ENV + " is true, so the build stops;"
                    + " fix access to the registry, or unset " + ImageSpec.FAST_FAIL_ENV + " to assume the image exists");
        }
        decision = Decision.UNKNOWN_ASSUMED_PRESENT;
        listener.message("Could not check whether image " + name + " exists; assuming it does (set "
                + ImageSpec.FAST_FAIL_ENV + "=true to fail instead).");
        return false;
    }

    /** The last decision, e.g. {@code Optional.of(Decision.PRESENT_SKIP)}; empty before {@link #shouldBuild(ImageSpec)}. */
    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }
}
