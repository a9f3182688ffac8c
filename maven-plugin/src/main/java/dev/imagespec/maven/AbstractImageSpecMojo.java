package dev.imagespec.maven;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.hash.DigestCache;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: skipping ({@code imagespec.skip}, {@code pom} packaging), which specs
 * ({@code imagespec.classes}), and reading them from the module's class output and class path.
 */
abstract class AbstractImageSpecMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skips the goal. */
    @Parameter(property = "imagespec.skip", defaultValue = "false")
    boolean skip;

    /**
     * Which specs, as binary class names, comma-separated (e.g. {@code dev.acme.TrainTask,dev.acme.Outer$Eval});
     * any class with a spec on the module's class path. Default: every spec compiled into this module.
     */
    @Parameter(property = "imagespec.classes")
    List<String> classes;

    /** Where the specs' relative files resolve: the processor's {@code -Aimagespec.projectDir}. */
    @Parameter(property = "imagespec.projectDir", defaultValue = "${project.basedir}", required = true)
    File projectDir;

    /** The class output holding the module's descriptors. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
    File classesDirectory;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("imagespec: skipped (imagespec.skip)");
            return;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("imagespec: skipped for pom packaging");
            return;
        }
        try {
            run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // InvalidImageSpecException, StaleDescriptorException, unknown classes, no builder: the user can fix these
            throw new MojoFailureException("imagespec: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("imagespec: " + e.getMessage(), e);
        }
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The module's class path: compile and runtime scopes, its own class output first. */
    List<Path> classpath() throws MojoExecutionException {
        Set<String> elements = new LinkedHashSet<>();
        try {
            elements.addAll(project.getCompileClasspathElements());
            elements.addAll(project.getRuntimeClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("imagespec: the class path is not resolved: " + e.getMessage(), e);
        }
        List<Path> out = new ArrayList<>();
        for (String e : elements) {
            out.add(Path.of(e));
        }
        return out;
    }

    ProjectSpecs specs() throws MojoExecutionException {
        return ProjectSpecs.load(classesDirectory.toPath(), classpath(), projectDir.toPath());
    }

    /** The chosen specs by class; logs and returns an empty map when there are none. */
    Map<String, ImageSpec> selected(ProjectSpecs specs) {
        Map<String, ImageSpec> chosen = specs.select(classNames());
        if (chosen.isEmpty()) {
            getLog().info("imagespec: no @ImageSpec descriptors in " + classesDirectory
                    + "; nothing to do (compile @ImageSpec classes with imagespec-processor)");
        }
        return chosen;
    }

    /** {@link #classes}, each element split at commas, trimmed. */
    List<String> classNames() {
        List<String> out = new ArrayList<>();
        if (classes != null) {
            for (String c : classes) {
                for (String part : c.split(",", -1)) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Re-hashes the files of the module's descriptors and rewrites those that changed ({@link DescriptorRefresher}),
     * with the processor's digest cache ({@code target/imagespec-cache/classes.tsv}).
     */
    void refreshDescriptors() throws MojoExecutionException {
        Path classes = classesDirectory.toPath();
        if (ProjectSpecs.ownClasses(classes).isEmpty()) {
            return;
        }
        Path parent = classes.toAbsolutePath().getParent();
        DigestCache cache = parent == null
                ? null
                : DigestCache.load(parent.resolve("imagespec-cache").resolve(classes.getFileName() + ".tsv"));
        List<Path> dependencies = new ArrayList<>(classpath());
        dependencies.removeIf(p ->
                p.toAbsolutePath().normalize().equals(classes.toAbsolutePath().normalize()));
        DescriptorRefresher refresher = new DescriptorRefresher(
                classes, projectDir.toPath(), () -> ProjectSpecs.read(dependencies, projectDir.toPath()), cache);
        try {
            for (DescriptorRefresher.Refreshed r : refresher.refresh()) {
                getLog().info("imagespec: " + r.className() + ": the files of its spec changed; tag " + r.oldTag()
                        + (r.oldTag().equals(r.newTag()) ? " kept, digests updated" : " is now " + r.newTag()));
            }
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "imagespec: cannot refresh the descriptors in " + classes + ": " + e.getMessage(), e);
        }
        if (cache != null) {
            try {
                cache.save();
            } catch (IOException e) {
                // a cache that cannot be written costs the next build time, never correctness
                getLog().debug("imagespec: could not save the digest cache: " + e.getMessage());
            }
        }
    }
}
