package dev.imagespec.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imagespec list --classpath target/classes}: one line per spec, class then image name. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        version = ImageSpecCommand.VERSION,
        description = "List every compiled spec: class, then image name.")
final class ListCommand implements Callable<Integer> {
    @Mixin
    ClasspathOptions classpath;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (classpath.classpath == null) {
            throw new IllegalArgumentException("list needs --classpath CP: the jars or class directories to read");
        }
        classpath.specs().forEach((cls, spec) -> out.println(cls + "\t" + spec.imageName()));
        out.flush();
        return 0;
    }
}
