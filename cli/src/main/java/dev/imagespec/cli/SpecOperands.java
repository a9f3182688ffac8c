package dev.imagespec.cli;

import dev.imagespec.runtime.ImageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Specs named on the command line: spec files, and/or every (or one) compiled spec of a class path. */
final class SpecOperands {
    @Parameters(paramLabel = "SPEC", arity = "0..*", description = "flytekit ImageSpec YAML (.yaml) or JSON (.json) files.")
    List<Path> files = new ArrayList<>();

    @Mixin
    ClasspathOptions classpath;

    @Option(names = "--class", paramLabel = "NAME", description = "Only this class (binary name) from --classpath.")
    String className;

    /** The specs, labelled by file or class name, in the order given. */
    Map<String, ImageSpec> specs() {
        Map<String, ImageSpec> out = new LinkedHashMap<>();
        for (Path f : files) {
            out.put(f.toString(), SpecSources.file(f, classpath.projectDir));
        }
        if (classpath.classpath != null) {
            out.putAll(SpecSources.pick(classpath.specs(), className));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no spec given: name spec files, or --classpath CP with compiled @ImageSpec classes");
        }
        return out;
    }
}
