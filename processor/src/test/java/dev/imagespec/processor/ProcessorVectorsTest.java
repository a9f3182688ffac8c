package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.descriptor.SpecMapper;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.testing.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flytekit spec case through the processor: the spec written as {@code @ImageSpec} source
 * (after the case's {@code with_*} operations), compiled with javac, and the descriptor's id, tag
 * and image name compared with flytekit's. A case the strict compile-time rules reject (an env
 * name no shell can read) must fail to compile, with an error.
 */
class ProcessorVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> specs() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : Vectors.read("flytekit-imagespec.json").get("specs")) {
            cases.add(Arguments.of(c.get("case").asText(), c));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void processorNamesTheSameImage(String name, JsonNode c, @TempDir Path dir) throws IOException {
        writeFiles(c, dir);
        JsonNode expected = c.get("expected");
        Map<String, Object> fields = JSON.convertValue(c.get("spec"), new TypeReference<Map<String, Object>>() {});
        boolean compiles = !expected.has("error");
        if (c.has("ops") || compiles) {
            ImageSpec spec = runtimeSpec(c, fields, dir);
            fields = SpecMapper.toMap(spec, false);
            compiles = spec.toBuilder().validate().stream().allMatch(p -> p.severity() == Problem.Severity.WARNING);
        }
        RealJavac.Result r = RealJavac.compile(dir, Map.of("t/Task.java", AnnotationSource.task(fields)),
                List.of("t/Task.java"));
        if (!compiles) {
            assertThat(r.success()).as("expected a compile error:\n" + AnnotationSource.task(fields)).isFalse();
            assertThat(r.diagnostics()).contains("error:");
            return;
        }
        assertThat(r.success()).as(r.diagnostics() + "\n" + AnnotationSource.task(fields)).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> descriptor = (Map<String, Object>) JsonTree.read(
                Files.readString(r.classes().resolve("META-INF/imagespec/t.Task.json")));
        if (!expected.get("id").isNull()) {
            assertThat(descriptor.get("id")).isEqualTo(expected.get("id").asText());
        }
        assertThat(descriptor.get("tag")).isEqualTo(expected.get("tag").asText());
        assertThat(descriptor.get("image_name")).isEqualTo(expected.get("image_name").asText());
    }

    private static ImageSpec runtimeSpec(JsonNode c, Map<String, Object> fields, Path dir) {
        ImageSpec spec = SpecMapper.fromMap(fields, dir, c.get("case").asText());
        if (c.has("ops")) {
            for (JsonNode op : c.get("ops")) {
                JsonNode arg = op.get(1);
                String[] items = arg.isArray() ? JSON.convertValue(arg, String[].class) : new String[] {arg.asText()};
                spec = switch (op.get(0).asText()) {
                    case "with_packages" -> spec.withPackages(items);
                    case "with_commands" -> spec.withCommands(items);
                    case "with_apt_packages" -> spec.withAptPackages(items);
                    case "with_copy" -> spec.withCopy(items);
                    case "with_runtime_packages" -> spec.withRuntimePackages(items);
                    case "with_builder_options" -> spec.withBuilderOptions(
                            JSON.convertValue(arg, new TypeReference<Map<String, Object>>() {}));
                    default -> throw new IllegalArgumentException(op.toString());
                };
            }
        }
        return spec;
    }

    private static void writeFiles(JsonNode c, Path dir) throws IOException {
        if (!c.has("files")) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue().asText(), StandardCharsets.UTF_8);
        }
    }
}
