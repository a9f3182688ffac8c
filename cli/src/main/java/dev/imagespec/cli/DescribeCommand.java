package dev.imagespec.cli;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.spec.SpecMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imagespec describe spec.yaml} or {@code imagespec describe --classpath target/classes}:
 * prints each spec's name, id, tag, image name and normalized fields as JSON.
 */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        version = ImageSpecCommand.VERSION,
        description = "Print the id, tag, image name and normalized spec as JSON.")
final class DescribeCommand implements Callable<Integer> {
    static final class Source {
        @Parameters(paramLabel = "FILE", description = "A flytekit ImageSpec YAML file, or the same object as .json.")
        Path file;

        @Option(
                names = {"--classpath", "--jar", "-cp"},
                paramLabel = "CP",
                description = "Jars or class directories holding compiled @ImageSpec descriptors.")
        String classpath;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = "--class",
            paramLabel = "NAME",
            description = "Only this class (binary name) from --classpath;"
                    + " repeatable. One --class prints one object, otherwise an array.")
    List<String> classNames = new ArrayList<>();

    @Option(
            names = "--project-dir",
            paramLabel = "DIR",
            description = "Where relative files in specs resolve (default: the working directory).")
    Path projectDir;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Object out;
        if (source.file != null && !classNames.isEmpty()) {
            throw new IllegalArgumentException(
                    "--class needs --classpath CP: the jars or class directories holding its" + " compiled spec");
        }
        if (source.file != null) {
            out = describe(null, SpecSources.file(source.file, projectDir));
        } else {
            List<Object> all = new ArrayList<>();
            SpecSources.pick(SpecSources.classpath(source.classpath, projectDir), classNames)
                    .forEach((cls, spec) -> all.add(describe(cls, spec)));
            out = all.size() == 1 && classNames.size() == 1 ? all.get(0) : all;
        }
        command.commandLine().getOut().print(JsonTree.write(out));
        command.commandLine().getOut().flush();
        return 0;
    }

    static Map<String, Object> describe(String className, ImageSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (className != null) {
            m.put("class", className);
        }
        m.put("name", spec.name());
        m.put("id", spec.id());
        m.put("tag", spec.tag());
        m.put("image_name", spec.imageName());
        m.put("spec", SpecMapper.toMap(spec.values(), false));
        return m;
    }
}
