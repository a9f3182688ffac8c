package dev.imagespec.maven;

import dev.imagespec.builders.DefaultImageBuilder;
import dev.imagespec.runtime.ImageSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the Dockerfile the {@code default} builder renders for each spec to
 * {@code target/imagespec/<binary class name>.Dockerfile} and logs it, as {@code imagespec dockerfile} prints it.
 */
@Mojo(name = "dockerfile", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class DockerfileMojo extends AbstractImageSpecMojo {

    /** Where the Dockerfiles go. */
    @Parameter(property = "imagespec.dockerfileDirectory", defaultValue = "${project.build.directory}/imagespec")
    File outputDirectory;

    @Override
    void run() throws MojoExecutionException {
        Map<String, ImageSpec> chosen = selected(specs());
        DefaultImageBuilder renderer = new DefaultImageBuilder();
        for (Map.Entry<String, ImageSpec> e : chosen.entrySet()) {
            String dockerfile = renderer.dockerfile(e.getValue());
            Path file = outputDirectory.toPath().resolve(e.getKey() + ".Dockerfile");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, dockerfile);
            } catch (IOException ex) {
                throw new MojoExecutionException("imagespec: cannot write " + file + ": " + ex.getMessage(), ex);
            }
            getLog().info("# " + e.getKey() + ": " + e.getValue().imageName() + " (" + file + ")");
            dockerfile.lines().forEach(getLog()::info);
        }
    }
}
