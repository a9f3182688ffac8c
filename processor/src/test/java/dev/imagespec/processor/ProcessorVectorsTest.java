package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.testing.Vectors;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flytekit spec case through the processor: the spec written as {@code @ImageSpec} source
 * (after the case's {@code with_*} operations), compiled with javac, the descriptor's id, tag and
 * image name compared with flytekit's, and the generated class's spec with the descriptor's. A case
 * the strict compile-time rules reject (an env name no shell can read) must fail to compile, with
 * an error.
 */
class ProcessorVectorsTest {
    static Stream<Arguments> specs() {
        return Vectors.specCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void processorNamesTheSameImage(String name, JsonNode c, @TempDir Path dir) throws Exception {
        Vectors.writeFiles(c, dir);
        JsonNode expected = c.get("expected");
        Map<String, Object> fields = Vectors.fields(c);
        boolean compiles = !expected.has("error");
        if (c.has("ops") || compiles) {
            ImageSpec spec = Vectors.applyOps(
                    c,
                    ImageSpec.of(SpecMapper.fromMap(fields, dir, c.get("case").asText())));
            fields = SpecMapper.toMap(spec.values(), false);
            compiles = spec.toBuilder().validate().stream().allMatch(p -> p.severity() == Problem.Severity.WARNING);
        }
        RealJavac.Result r = RealJavac.compile(
                dir,
                Map.of("t/Task.java", AnnotationSource.task(fields)),
                List.of("t/Task.java"),
                "-Aimagespec.constants=true"); // every spec's generated class too, to compare with its descriptor
        if (!compiles) {
            assertThat(r.success())
                    .as("expected a compile error:\n" + AnnotationSource.task(fields))
                    .isFalse();
            assertThat(r.diagnostics()).contains("error:");
            return;
        }
        assertThat(r.success())
                .as(r.diagnostics() + "\n" + AnnotationSource.task(fields))
                .isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> descriptor = (Map<String, Object>)
                JsonTree.read(Files.readString(r.classes().resolve("META-INF/imagespec/t.Task.json")));
        if (!expected.get("id").isNull()) {
            assertThat(descriptor.get("id")).isEqualTo(expected.get("id").asText());
        }
        assertThat(descriptor.get("tag")).isEqualTo(expected.get("tag").asText());
        assertThat(descriptor.get("image_name"))
                .isEqualTo(expected.get("image_name").asText());
        // the generated class holds the same spec as code: what ImageSpecs.of takes at task start-up;
        // a spec that names files has none (its digests and tag are the descriptor's)
        SpecValues fromDescriptor =
                GeneratedSpecTest.descriptor(r.classes(), "t.Task").toValues(dir);
        try (URLClassLoader loader = GeneratedSpecTest.loader(r.classes())) {
            if (fromDescriptor.namesFilesInChain()) {
                assertThat(Class.forName("t.Task_ImageSpec", false, loader).getMethods())
                        .noneMatch(m -> m.getName().equals("values"));
            } else {
                GeneratedSpecTest.assertSameSpec(
                        GeneratedSpecTest.generatedValues(loader, "t.Task", dir), fromDescriptor);
            }
        }
    }
}
