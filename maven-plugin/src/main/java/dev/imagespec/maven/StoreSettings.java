package dev.imagespec.maven;

import dev.imagespec.builders.tool.StoreOptions;
import java.io.File;

/** The {@code imagespec.storage*} parameters as buildah's and podman's {@link StoreOptions}. */
final class StoreSettings {
    private StoreSettings() {}

    static StoreOptions of(File root, File runRoot, String driver) {
        if (root == null && runRoot == null && (driver == null || driver.isBlank())) {
            return StoreOptions.DEFAULT;
        }
        return new StoreOptions(
                root == null ? null : root.toPath(),
                runRoot == null ? null : runRoot.toPath(),
                driver == null || driver.isBlank() ? null : driver.trim());
    }
}
