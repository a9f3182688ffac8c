package dev.imagespec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.ImageExistence;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.registry.Existence;
import dev.imagespec.runtime.registry.RegistryClient;
import dev.imagespec.runtime.registry.RegistryImage;
import dev.imagespec.runtime.registry.auth.Environment;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imagespec exists ghcr.io/acme/app:1.0 spec.yaml} or {@code imagespec exists --classpath CP [CLASS...]}:
 * one line per image, {@code present}, {@code absent} or {@code unknown: reason}; with {@code --json} one
 * compact JSON object per image per line. Exit 0 when all are present, 1 when any is absent, 3 when any is
 * unknown (unknown wins).
 *
 * <p>An operand is a spec file when it is a file; with {@code --classpath}, a compiled class when it is a
 * class there or reads as a binary class name ({@code com.acme.Task}: dotted identifiers, no {@code /},
 * {@code :} or {@code @}); else an image reference. So {@code exists --classpath CP com.acme.Task} checks
 * that class's image, and {@code --class NAME} (repeatable) says the same explicitly.
 */
@Command(
        name = "exists",
        mixinStandardHelpOptions = true,
        version = ImageSpecCommand.VERSION,
        description = "Check whether images exist in their registries (no Docker daemon needed).")
final class ExistsCommand implements Callable<Integer> {
    /** Exit code when an image is absent. */
    static final int ABSENT = 1;
    /** Exit code when an answer is unknown. */
    static final int UNKNOWN = 3;

    @Parameters(
            paramLabel = "IMAGE_OR_SPEC",
            arity = "0..*",
            description = "Image references (registry/repo:tag), ImageSpec YAML/JSON files, or with --classpath binary"
                    + " class names of compiled specs (com.acme.Task).")
    List<String> targets = new ArrayList<>();

    @Mixin
    ClasspathOptions classpath;

    @Option(
            names = "--class",
            paramLabel = "NAME",
            description = "Only this class (binary name) from --classpath;"
                    + " repeatable. Without --class or class operands, every spec on --classpath is checked.")
    List<String> classNames = new ArrayList<>();

    @Option(
            names = "--json",
            description = "One compact JSON object per image per line (JSON Lines): image, state," + " digest, reason.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        SpecSources.Resolved resolved =
                SpecSources.resolve(targets, classNames, classpath.classpath, classpath.projectDir);
        Map<String, ImageSpec> specs = resolved.specs();
        List<String> references = resolved.others();
        if (specs.isEmpty() && references.isEmpty()) {
            throw new IllegalArgumentException("nothing to check: give image references, spec files or --classpath CP");
        }
        List<RegistryImage> images = new ArrayList<>();
        for (String reference : references) {
            images.add(image(reference));
        }
        Map<ImageSpec, Existence> bySpec = ImageExistence.checkAll(List.copyOf(specs.values()));
        Map<RegistryImage, Existence> byImage = Map.of();
        if (!images.isEmpty()) {
            RegistryClient client =
                    RegistryClient.builder().environment(Environment.system()).build();
            byImage = client.checkAll(images);
        }
        // in the order given, each image once (two classes may share one image)
        Map<String, Existence> answers = new LinkedHashMap<>();
        for (String label : resolved.order()) {
            ImageSpec spec = specs.get(label);
            if (spec != null) {
                answers.putIfAbsent(spec.imageName(), bySpec.get(spec));
            } else {
                answers.putIfAbsent(label, byImage.get(images.get(references.indexOf(label))));
            }
        }
        print(answers);
        return exitCode(answers.values());
    }

    /** An image reference, or a one-line refusal that points at --classpath when it reads as a class name. */
    private RegistryImage image(String reference) {
        try {
            return RegistryImage.of(reference);
        } catch (IllegalArgumentException e) {
            if (SpecSources.looksLikeClassName(reference) && classpath.classpath == null) {
                throw new IllegalArgumentException(
                        reference + " is neither a file nor an image reference; to check the"
                                + " image of the compiled spec of class " + reference + ", add --classpath CP",
                        e);
            }
            throw e;
        }
    }

    private void print(Map<String, Existence> answers) {
        PrintWriter out = command.commandLine().getOut();
        answers.forEach((image, e) -> {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("image", image);
                m.put("state", e.state().name().toLowerCase(Locale.ROOT));
                m.put("digest", e.digest().orElse(null));
                m.put("reason", e.reason().orElse(null));
                out.println(jsonLine(m));
            } else {
                out.println(image + "\t" + e);
            }
        });
        out.flush();
    }

    /** One JSON object on one line (JSON Lines), keys in order. */
    static String jsonLine(Map<String, Object> object) {
        try {
            return LINES.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always has a JSON form", e);
        }
    }

    private static final ObjectMapper LINES = new ObjectMapper();

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
