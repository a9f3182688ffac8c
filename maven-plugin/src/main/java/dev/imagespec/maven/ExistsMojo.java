package dev.imagespec.maven;

import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.registry.Existence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Asks each spec's registry (or, without one, the local builder's store) whether its image exists,
 * all at once, and logs one line per image: {@code <image> present <digest>}, {@code absent} or
 * {@code unknown: <reason>}, as {@code imagespec exists} prints them.
 */
@Mojo(name = "exists", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class ExistsMojo extends AbstractImageSpecMojo {

    /** Fail the build when an image is absent or its existence unknown. */
    @Parameter(property = "imagespec.failIfAbsent", defaultValue = "false")
    boolean failIfAbsent;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        Map<String, ImageSpec> chosen = selected(specs());
        if (chosen.isEmpty()) {
            return;
        }
        Map<ImageSpec, Existence> answers = ImageExistence.checkAll(new ArrayList<>(chosen.values()));
        List<String> missing = new ArrayList<>();
        chosen.forEach((className, spec) -> {
            Existence e = answers.get(spec);
            getLog().info(spec.imageName() + " " + e + " (" + className + ")");
            if (!e.isPresent()) {
                missing.add(spec.imageName() + " " + e);
            }
        });
        if (failIfAbsent && !missing.isEmpty()) {
            throw new MojoFailureException(
                    "imagespec: not every image exists (imagespec.failIfAbsent):\n" + String.join("\n", missing));
        }
    }
}
