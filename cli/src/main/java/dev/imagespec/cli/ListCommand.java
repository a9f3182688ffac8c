package dev.imagespec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imagespec list --classpath target/classes}: one line per spec, class then image name. */
@Command(name = "list", description = "List every compiled spec: class, then image name.")
final class ListCommand implements Callable<Integer> {
    @Option(names = {"--classpath", "--jar", "-cp"}, required = true, paramLabel = "CP",
            description = "Jars or class directories holding compiled @ImageSpec descriptors.")
    String classpath;

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "Where relative files in specs resolve (default: the working directory).")
    Path projectDir;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        SpecSources.classpath(classpath, projectDir).forEach((cls, spec) -> out.println(cls + "\t" + spec.imageName()));
        out.flush();
        return 0;
    }
}
