package dev.imagespec.runtime.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * flytekit's {@code ImageBuildEngine._IMAGE_NAME_TO_REAL_NAME}: the fully qualified name a builder
 * reported for an image name, so that {@code ImageSpec.imageName()} answers with it afterwards.
 * JVM-wide, as in flytekit, because specs are values and do not know which engine built them.
 */
public final class RealImageNames {
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private RealImageNames() {}

    /**
     * Whether a tag recorded at compile time still holds for a spec: unless it is built on a base spec,
     * whose image a builder in this JVM may have renamed (its tag then hashes the reported name).
     */
    public static boolean keepRecordedTag(boolean hasBaseSpec) {
        return !hasBaseSpec || NAMES.isEmpty();
    }

    /** The name a builder reported for {@code imageName}, if one did. */
    public static Optional<String> lookup(String imageName) {
        return NAMES.isEmpty() ? Optional.empty() : Optional.ofNullable(NAMES.get(imageName));
    }

    /** Remembers that the image named {@code imageName} was pushed as {@code realName}. */
    public static void record(String imageName, String realName) {
        NAMES.put(imageName, realName);
    }
}
