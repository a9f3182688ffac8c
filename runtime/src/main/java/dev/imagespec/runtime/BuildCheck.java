package dev.imagespec.runtime;

import dev.imagespec.runtime.engine.Flags;
import dev.imagespec.runtime.registry.Existence;
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
    private final Function<ImageSpec, Existence> existence;
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
    public BuildCheck(
            Function<ImageSpec, Optional<Boolean>> presence, BuildListener listener, Map<String, String> environment) {
        this(listener, environment, fromPresence(Objects.requireNonNull(presence, "presence")));
    }

    private BuildCheck(
            BuildListener listener, Map<String, String> environment, Function<ImageSpec, Existence> existence) {
        this.existence = Objects.requireNonNull(existence, "existence");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.fastFail = Flags.isTrue(environment.get(ImageSpec.FAST_FAIL_ENV));
    }

    /**
     * The rules over a check that says why when it cannot tell, so the "could not check" message and the
     * fast-fail error carry the reason, e.g.
     * {@code BuildCheck.withExistence(ImageSpec::existence, listener, System.getenv())}.
     *
     * @param existence present, absent, or unknown with the reason
     */
    public static BuildCheck withExistence(
            Function<ImageSpec, Existence> existence, BuildListener listener, Map<String, String> environment) {
        return new BuildCheck(listener, environment, existence);
    }

    private static Function<ImageSpec, Existence> fromPresence(Function<ImageSpec, Optional<Boolean>> presence) {
        return spec -> presence.apply(spec)
                .map(p -> p ? Existence.present(0, null, null) : Existence.absent(0, "absent"))
                .orElse(null);
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
        Existence answer = existence.apply(spec);
        Optional<Boolean> exists = answer == null ? Optional.empty() : answer.asOptional();
        String why = answer == null
                ? ""
                : answer.reason()
                        .filter(r -> answer.isUnknown())
                        .map(r -> ": " + r)
                        .orElse("");
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
                    + (why.isEmpty()
                            ? " (registry unreachable, denied, or no local store)"
                            : " (" + why.substring(2) + ")")
                    + ", and " + ImageSpec.FAST_FAIL_ENV + " is true, so the build stops;"
                    + " fix access to the registry, or unset " + ImageSpec.FAST_FAIL_ENV
                    + " to assume the image exists");
        }
        decision = Decision.UNKNOWN_ASSUMED_PRESENT;
        listener.message("Could not check whether image " + name + " exists" + why + "; assuming it does (set "
                + ImageSpec.FAST_FAIL_ENV + "=true to fail instead).");
        return false;
    }

    /** The last decision, e.g. {@code Optional.of(Decision.PRESENT_SKIP)}; empty before {@link #shouldBuild(ImageSpec)}. */
    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }
}
