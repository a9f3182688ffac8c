package dev.imagespec.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code imagespec} command: {@code java -jar cli/target/imagespec.jar describe spec.yaml}.
 *
 * <p>Exit codes: 0 success; 1 an image is absent; 2 bad input (a one-line message on stderr
 * naming the file, field and rule; a stack trace only with {@code --verbose}); 3 an answer is unknown.
 * Every command takes {@code -h}/{@code --help} and {@code -V}/{@code --version}.
 */
@Command(
        name = "imagespec",
        mixinStandardHelpOptions = true,
        version = ImageSpecCommand.VERSION,
        description = "Describe, check and build the container images of JVM Flyte tasks.",
        subcommands = {
            DescribeCommand.class,
            ListCommand.class,
            ExistsCommand.class,
            DockerfileCommand.class,
            BuildCommand.class
        },
        sortOptions = false)
public final class ImageSpecCommand {
    /** What {@code --version} prints, on every command. */
    static final String VERSION = "imagespec 0.1.0";
    /** Exit code for bad input. */
    static final int BAD_INPUT = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ImageSpecCommand());
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            PrintWriter err = line.getErr();
            ImageSpecCommand root = line.getCommandSpec().root().userObject() instanceof ImageSpecCommand r ? r : null;
            if (root != null && root.verbose) {
                e.printStackTrace(err);
            }
            err.println("imagespec: " + oneLine(e));
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replace("\n", " ").replaceAll(" {2,}", " ");
    }
}
