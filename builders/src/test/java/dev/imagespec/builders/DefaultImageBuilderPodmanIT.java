package dev.imagespec.builders;

import dev.imagespec.builders.tool.BuildTool;
import dev.imagespec.builders.tool.StoreOptions;

/**
 * {@link DefaultImageBuilderToolIT} with {@code podman build --isolation chroot}: podman's OCI runtime
 * (crun) cannot start containers here ("setrlimit RLIMIT_NOFILE: Operation not permitted"), but its
 * builds need none.
 */
class DefaultImageBuilderPodmanIT extends DefaultImageBuilderToolIT {
    @Override
    BuildTool tool(StoreOptions store) {
        return BuildTool.podman(store);
    }
}
