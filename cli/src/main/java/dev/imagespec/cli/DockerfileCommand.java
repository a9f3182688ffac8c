package dev.imagespec.cli;

import dev.imagespec.builders.DefaultImageBuilder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imagespec dockerfile spec.yaml}: the Dockerfile the default builder would build. */
@Command(
        name = "dockerfile",
        mixinStandardHelpOptions = true,
        version = ImageSpecCommand.VERSION,
        description = "Print the Dockerfile the default builder renders for a spec.")
final class DockerfileCommand implements Callable<Integer> {
    @Mixin
    SpecOperands operands;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        DefaultImageBuilder builder = new DefaultImageBuilder();
        var specs = operands.specs();
        specs.forEach((label, spec) -> {
            if (specs.size() > 1) {
                out.println("# " + label + ": " + spec.imageName());
            }
            out.print(builder.dockerfile(spec));
        });
        out.flush();
        return 0;
    }
}
