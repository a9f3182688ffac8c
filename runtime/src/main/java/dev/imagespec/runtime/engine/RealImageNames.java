package dev.imagespec.runtime.engine;

import dev.imagespec.runtime.ImageBuildEngine;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * flytekit's {@code ImageBuildEngine._IMAGE_NAME_TO_REAL_NAME}: the fully qualified name a builder
 * reported for an image name, so that {@link ImageSpec#imageName()} answers with it afterwards.
 * JVM-wide, as in flytekit, because specs are values and do not know which engine built them.
 */
public final class RealImageNames {
    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private RealImageNames() {}

    public static boolean isEmpty() {
        return NAMES.isEmpty();
    }

    public static Optional<String> lookup(String imageName) {
        return NAMES.isEmpty() ? Optional.empty() : Optional.ofNullable(NAMES.get(imageName));
    }

    public static void record(String imageName, String realName) {
        NAMES.put(imageName, realName);
    }
}
