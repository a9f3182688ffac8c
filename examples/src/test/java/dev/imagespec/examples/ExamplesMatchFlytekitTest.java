package dev.imagespec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.ImageSpecs;
import dev.imagespec.testing.Vectors;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples, compiled through the processor by this build, read back through {@link ImageSpecs}:
 * each names the same image as the flytekit vector case that describes the same spec.
 */
class ExamplesMatchFlytekitTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of(HelloTask.class, "name-only", true),
                Arguments.of(FeatureEngineeringTask.class, "everything", true),
                Arguments.of(TrainTask.class, "cuda", true),
                Arguments.of(EvaluateTask.class, "cuda", true),
                Arguments.of(LayeredImages.ReportTask.class, "base-spec-nested-2", true),
                Arguments.of(FileBackedTasks.ScoringTask.class, "requirements", true),
                // the vector copies from its own working directory: same files, so same tag; the id
                // hashes the paths as written, which are the same here too
                Arguments.of(FileBackedTasks.ServingTask.class, "copy-dir-and-file", true));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("examples")
    void namesTheSameImageAsFlytekit(Class<?> task, String vectorCase, boolean sameId) {
        JsonNode expected = vector(vectorCase).get("expected");
        ImageSpec spec = ImageSpecs.of(task);
        if (sameId) {
            assertThat(spec.id()).isEqualTo(expected.get("id").asText());
        }
        assertThat(spec.tag()).isEqualTo(expected.get("tag").asText());
        assertThat(spec.imageName()).isEqualTo(expected.get("image_name").asText());
    }

    @Test
    void generatedConstantsAgreeWithTheSpecs() {
        assertThat(HelloTask_ImageSpec.IMAGE_NAME)
                .isEqualTo(ImageSpecs.of(HelloTask.class).imageName());
        assertThat(TrainTask_ImageSpec.ID)
                .isEqualTo(ImageSpecs.of(TrainTask.class).id());
        assertThat(LayeredImages_ReportTask_ImageSpec.TAG)
                .isEqualTo(ImageSpecs.of(LayeredImages.ReportTask.class).tag());
        assertThat(FileBackedTasks_ServingTask_ImageSpec.IMAGE_NAME)
                .isEqualTo(ImageSpecs.of(FileBackedTasks.ServingTask.class).imageName());
        // constants only where a spec asks: FeatureEngineeringTask does not, so it has no class and is read from JSON
        assertThat(FeatureEngineeringTask.class.getResource("FeatureEngineeringTask_ImageSpec.class"))
                .isNull();
        assertThat(ImageSpecs.of(FeatureEngineeringTask.class)).isSameAs(ImageSpecs.of(FeatureEngineeringTask.class));
    }

    @Test
    void theGeneratedClassesHoldTheDescriptorsSpecs() throws ClassNotFoundException {
        // all() reads the descriptors; of(Class) takes each spec from its generated class
        for (Map.Entry<String, ImageSpec> read : ImageSpecs.all().entrySet()) {
            ImageSpec fromCode = ImageSpecs.of(Class.forName(read.getKey()));
            assertThat(fromCode).as(read.getKey()).isEqualTo(read.getValue()).isNotSameAs(read.getValue());
            assertThat(fromCode.id()).isEqualTo(read.getValue().id());
            assertThat(fromCode.tag()).isEqualTo(read.getValue().tag());
            assertThat(fromCode.values().recordedDigests())
                    .isEqualTo(read.getValue().values().recordedDigests());
            assertThat(fromCode.origin()).isEqualTo(read.getValue().origin());
        }
    }

    @Test
    void composedAnnotationGivesBothClassesOneImage() {
        assertThat(ImageSpecs.of(TrainTask.class)).isEqualTo(ImageSpecs.of(EvaluateTask.class));
        assertThat(TrainTask_ImageSpec.IMAGE_NAME).isEqualTo(EvaluateTask_ImageSpec.IMAGE_NAME);
    }

    @Test
    void allListsEveryCompiledSpecAndNoAnnotationType() {
        Map<String, ImageSpec> all = ImageSpecs.all();
        assertThat(all)
                .containsKeys(
                        HelloTask.class.getName(),
                        LayeredImages.Platform.class.getName(),
                        LayeredImages.Team.class.getName(),
                        FileBackedTasks.ServingTask.class.getName());
        assertThat(all).doesNotContainKey(GpuImage.class.getName());
        assertThat(ImageSpecs.named("c")).contains(ImageSpecs.of(LayeredImages.ReportTask.class));
    }

    @Test
    void baseSpecChainIsNestedInTheDescriptor() {
        ImageSpec report = ImageSpecs.of(LayeredImages.ReportTask.class);
        assertThat(report.baseSpec()).contains(ImageSpecs.of(LayeredImages.Team.class));
        assertThat(report.baseSpec().orElseThrow().baseSpec()).contains(ImageSpecs.of(LayeredImages.Platform.class));
    }

    @Test
    void isContainerFollowsFlytekitsRule() {
        ImageSpec spec = ImageSpecs.of(HelloTask.class);
        assertThat(spec.isContainer(Map.of())).isTrue();
        assertThat(spec.isContainer(Map.of("FLYTE_INTERNAL_EXECUTION_ID", "x"))).isFalse();
        assertThat(spec.isContainer(Map.of("FLYTE_INTERNAL_EXECUTION_ID", "x", "_F_IMG_ID", HelloTask_ImageSpec.ID)))
                .isTrue();
    }

    private static final Map<String, JsonNode> CASES = new HashMap<>();

    static JsonNode vector(String name) {
        if (CASES.isEmpty()) {
            Vectors.read("flytekit-imagespec.json")
                    .get("specs")
                    .forEach(c -> CASES.put(c.get("case").asText(), c));
        }
        JsonNode c = CASES.get(name);
        assertThat(c).as("vector case " + name).isNotNull();
        return c;
    }
}
