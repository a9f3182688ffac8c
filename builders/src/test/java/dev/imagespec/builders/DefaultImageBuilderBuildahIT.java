package dev.imagespec.builders;

import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;

/** {@link DefaultImageBuilderToolIT} with {@code buildah build --isolation chroot}. */
class DefaultImageBuilderBuildahIT extends DefaultImageBuilderToolIT {
    @Override
    BuildTool tool(StoreOptions store) {
        return BuildTool.buildah(store);
    }
}
