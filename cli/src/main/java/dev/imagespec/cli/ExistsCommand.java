package dev.imagespec.cli;

import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.registry.RegistryClient;
import dev.imagespec.runtime.registry.RegistryImage;
import dev.imagespec.runtime.registry.auth.Environment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imagespec exists ghcr.io/acme/app:1.0 spec.yaml} or {@code imagespec exists --classpath CP}:
 * one line per image, {@code present}, {@code absent} or {@code unknown: reason}. Exit 0 when all
 * are present, 1 when any is absent, 3 when any is unknown (unknown wins).
 */
@Command(name = "exists", description = "Check whether images exist in their registries (no Docker daemon needed).")
final class ExistsCommand implements Callable<Integer> {
    /** Exit code when an image is absent. */
    static final int ABSENT = 1;
    /** Exit code when an answer is unknown. */
    static final int UNKNOWN = 3;

    @Parameters(paramLabel = "IMAGE_OR_SPEC", arity = "0..*",
            description = "Image references (registry/repo:tag) or ImageSpec YAML/JSON files.")
    List<String> targets = new ArrayList<>();

    @Mixin
    ClasspathOptions classpath;

    @Option(names = "--json", description = "One JSON object per image instead of text.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Map<String, ImageSpec> specs = new LinkedHashMap<>();
        List<String> references = new ArrayList<>();
        for (String target : targets) {
            if (Files.isRegularFile(Path.of(target))) {
                specs.put(target, SpecSources.file(Path.of(target), classpath.projectDir));
            } else {
                references.add(target);
            }
        }
        if (classpath.classpath != null) {
            specs.putAll(classpath.specs());
        }
        if (specs.isEmpty() && references.isEmpty()) {
            throw new IllegalArgumentException("nothing to check: give image references, spec files or --classpath CP");
        }
        Map<String, Existence> answers = new LinkedHashMap<>();
        Map<ImageSpec, Existence> bySpec = ImageExistence.checkAll(List.copyOf(specs.values()));
        specs.forEach((label, spec) -> answers.put(spec.imageName(), bySpec.get(spec)));
        if (!references.isEmpty()) {
            RegistryClient client = RegistryClient.builder().environment(Environment.system()).build();
            List<RegistryImage> images = references.stream().map(RegistryImage::of).toList();
            Map<RegistryImage, Existence> byImage = client.checkAll(images);
            for (int i = 0; i < references.size(); i++) {
                answers.put(references.get(i), byImage.get(images.get(i)));
            }
        }
        print(answers);
        return exitCode(answers.values());
    }

    private void print(Map<String, Existence> answers) {
        PrintWriter out = command.commandLine().getOut();
        answers.forEach((image, e) -> {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("image", image);
                m.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
                m.put("digest", e.digest().orElse(null));
                m.put("reason", e.reason().orElse(null));
                out.print(JsonTree.write(m));
            } else {
                out.println(image + "\t" + e);
            }
        });
        out.flush();
    }

    static int exitCode(Iterable<Existence> answers) {
        int code = 0;
        for (Existence e : answers) {
            if (e.isUnknown()) {
                return UNKNOWN;
            }
            if (e.isAbsent()) {
                code = ABSENT;
            }
        }
        return code;
    }
}
