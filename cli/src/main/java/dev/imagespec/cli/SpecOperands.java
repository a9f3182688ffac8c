package dev.imagespec.cli;

import dev.imagespec.runtime.ImageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Specs named on the command line: spec files, and/or compiled specs of a class path: every one, the
 * classes named by {@code --class}, or those named as operands ({@code build --classpath CP com.acme.Task}).
 */
final class SpecOperands {
    @Parameters(
            paramLabel = "SPEC",
            arity = "0..*",
            description = "flytekit ImageSpec YAML (.yaml) or JSON (.json)"
                    + " files; with --classpath also binary class names of compiled specs.")
    List<String> operands = new ArrayList<>();

    @Mixin
    ClasspathOptions classpath;

    @Option(
            names = "--class",
            paramLabel = "NAME",
            description = "Only this class (binary name) from --classpath;" + " repeatable.")
    List<String> classNames = new ArrayList<>();

    /** The specs, labelled by file or class name, in the order given. */
    Map<String, ImageSpec> specs() {
        SpecSources.Resolved r = SpecSources.resolve(operands, classNames, classpath.classpath, classpath.projectDir);
        if (!r.others().isEmpty()) {
            String first = r.others().get(0);
            throw new IllegalArgumentException("spec file " + first + " does not exist; give a flytekit ImageSpec YAML"
                    + " (.yaml) or JSON (.json) file"
                    + (SpecSources.looksLikeClassName(first)
                            ? ", or --classpath CP to name the compiled spec of class " + first
                            : ""));
        }
        if (r.specs().isEmpty()) {
            throw new IllegalArgumentException(
                    "no spec given: name spec files, or --classpath CP with compiled @ImageSpec classes");
        }
        return r.specs();
    }
}
