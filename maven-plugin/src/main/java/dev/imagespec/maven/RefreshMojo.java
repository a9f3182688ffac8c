package dev.imagespec.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Brings the module's descriptors ({@code target/classes/META-INF/imagespec/}) up to date with the
 * files their specs name ({@code requirements}, {@code copy}, {@code sourceRoot}), also when the
 * compiler found nothing to compile: each spec (and base spec) that names files is hashed again and
 * its descriptor's digests, tag and image name are rewritten, atomically. Bound to
 * {@code process-classes}, so the jar and every later goal see the new tag. Descriptors whose files
 * did not change are left as they are.
 */
@Mojo(
        name = "refresh",
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
        threadSafe = true)
public final class RefreshMojo extends AbstractImageSpecMojo {
    @Override
    void run() throws MojoExecutionException {
        refreshDescriptors();
    }
}
