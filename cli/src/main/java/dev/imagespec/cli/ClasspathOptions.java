package dev.imagespec.cli;

import dev.imagespec.runtime.ImageSpec;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that reads compiled descriptors shares (a picocli mixin). */
final class ClasspathOptions {
    @Option(
            names = {"--classpath", "--jar", "-cp"},
            paramLabel = "CP",
            description = "Jars or class directories holding compiled @ImageSpec descriptors.")
    String classpath;

    @Option(
            names = "--project-dir",
            paramLabel = "DIR",
            description = "Where relative files in specs resolve (default: the working directory).")
    Path projectDir;

    /** Every spec on {@link #classpath}, by class name. */
    Map<String, ImageSpec> specs() {
        return SpecSources.classpath(classpath, projectDir);
    }
}
