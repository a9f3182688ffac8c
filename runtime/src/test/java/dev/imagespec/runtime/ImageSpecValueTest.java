package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.InvalidImageSpecException;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The value semantics of {@link ImageSpec}: immutability, flytekit's defaults, with_* copies, YAML, staleness. */
class ImageSpecValueTest {

    @Test
    void defaultsAndNormalizationsAreFlytekits() {
        ImageSpec spec = ImageSpec.builder()
                .name("MyTask")
                .registry("GHCR.io/Acme")
                .sourceRoot("src")
                .build();
        assertThat(spec.name()).isEqualTo("mytask");
        assertThat(spec.registry()).contains("ghcr.io/acme");
        assertThat(spec.platform()).isEqualTo("linux/amd64");
        assertThat(spec.sourceCopyMode()).contains(CopyFileDetection.LOADED_MODULES);
        assertThat(ImageSpec.builder().build().sourceCopyMode()).isEmpty();
    }

    @Test
    void unsetIsNotEmpty() {
        ImageSpec unset = ImageSpec.builder().build();
        ImageSpec empty = ImageSpec.builder().entrypoint(List.of()).build();
        assertThat(unset.entrypoint()).isEmpty();
        assertThat(empty.entrypoint()).contains(List.of());
        assertThat(unset.id()).isNotEqualTo(empty.id());
    }

    @Test
    void valuesAreImmutableAndWithCopiesLeaveTheOriginal() {
        List<String> packages = new java.util.ArrayList<>(List.of("a"));
        ImageSpec spec = ImageSpec.builder().packages(packages).build();
        packages.add("b");
        assertThat(spec.packages()).contains(List.of("a"));
        assertThatThrownBy(() -> spec.packages().orElseThrow().add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
        ImageSpec more = spec.withPackages("b", "c").withCommands("echo hi").withAptPackages("git");
        assertThat(spec.packages()).contains(List.of("a"));
        assertThat(more.packages()).contains(List.of("a", "b", "c"));
        assertThat(more.commands()).contains(List.of("echo hi"));
        assertThat(more).isNotEqualTo(spec);
        assertThat(spec.withRuntimePackages("x").id()).isEqualTo(spec.id()); // not hashed, as in flytekit
        assertThat(spec.forcePush().isForcePush()).isTrue();
        assertThat(spec.forcePush()).isEqualTo(spec);
    }

    @Test
    void equalSpecsHashEqually() {
        ImageSpec a = ImageSpec.builder().name("x").env("A", "1").build();
        ImageSpec b = ImageSpec.builder().name("X").env(Map.of("A", "1")).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("x").doesNotContain("A=1");
    }

    @Test
    void buildRejectsWhatFlytekitRejectsListingEveryProblem() {
        assertThatThrownBy(() -> ImageSpec.builder()
                        .registry("https://ghcr.io/x")
                        .tagFormat("{oops}")
                        .sourceCopyMode(CopyFileDetection.ALL)
                        .build())
                .isInstanceOf(InvalidImageSpecException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("must not contain a scheme")
                .hasMessageContaining("not part of {spec_hash}")
                .hasMessageContaining("sourceCopyMode ALL");
    }

    @Test
    void strictProblemsStillHashLikeFlytekitButAreReported() {
        ImageSpec.Builder b = ImageSpec.builder().env("it's", "v");
        assertThat(b.build().id()).isEqualTo("isYzPfhN-IJ-vk54k2wNGQ");
        assertThat(b.validate()).extracting(Problem::severity).containsExactly(Problem.Severity.STRICT);
    }

    @Test
    void everyVectorSpecSurvivesAYamlRoundTrip(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (JsonNode c : Vectors.read("flytekit-imagespec.json").get("specs")) {
            if (c.get("expected").has("error") || c.has("files")) {
                continue;
            }
            ImageSpec spec = ImageSpec.of(SpecMapper.fromMap(
                    json.convertValue(c.get("spec"), new TypeReference<Map<String, Object>>() {}), dir, "case"));
            ImageSpec again = ImageSpecYaml.parse(ImageSpecYaml.write(spec), false, dir, "yaml");
            assertThat(again).as(c.get("case").asText()).isEqualTo(spec);
            assertThat(again.id()).isEqualTo(spec.id());
            ImageSpec fromJson = ImageSpecYaml.parse(ImageSpecYaml.writeJson(spec), true, dir, "json");
            assertThat(fromJson.tag()).isEqualTo(spec.tag());
        }
    }

    @Test
    void theQuickErrorCheckAgreesWithTheFullValidation() {
        List<ImageSpec.Builder> builders = List.of(
                ImageSpec.builder().registry("https://x.io").tagFormat("{x}").sourceCopyMode(CopyFileDetection.ALL),
                ImageSpec.builder()
                        .registry("ghcr.io/acme")
                        .tagFormat("{spec_hash}")
                        .packages("numpy>="),
                ImageSpec.builder().env("it's", "v").platform("plan9/z80"));
        for (ImageSpec.Builder b : builders) {
            List<Problem> all = b.validate();
            List<Problem> errors = all.stream()
                    .filter(p -> p.severity() == Problem.Severity.ERROR)
                    .toList();
            if (errors.isEmpty()) {
                assertThat(b.build()).isNotNull();
            } else {
                assertThatThrownBy(b::build)
                        .isInstanceOf(InvalidImageSpecException.class)
                        .satisfies(e -> assertThat(((InvalidImageSpecException) e).problems())
                                .isEqualTo(errors));
            }
        }
    }

    @Test
    void unknownYamlFieldIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> ImageSpecYaml.parse("name: x\npackage: [numpy]\n", false, null, "s.yaml"))
                .hasMessageContaining("s.yaml")
                .hasMessageContaining("unknown field \"package\"")
                .hasMessageContaining("packages");
    }

    @Test
    void descriptorWithChangedFileIsStaleAndNamesIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
        ImageSpec compiled = ImageSpec.builder()
                .requirements("requirements.txt")
                .baseDir(dir)
                .origin("t.Task")
                .build();
        Descriptor d = Descriptor.of("t.Task", compiled.values());
        Descriptor read =
                Descriptor.read(new ByteArrayInputStream(d.toJson().getBytes(StandardCharsets.UTF_8)), "t.Task.json");
        assertThat(read.toValues(dir).tag()).isEqualTo(compiled.tag());
        // in a container the file is gone: the recorded digest names the image
        assertThat(read.toValues(dir.resolve("elsewhere")).tag()).isEqualTo(compiled.tag());
        Files.writeString(dir.resolve("requirements.txt"), "numpy\npandas\n");
        assertThatThrownBy(() -> read.toValues(dir).tag())
                .isInstanceOf(StaleDescriptorException.class)
                .hasMessageContaining("requirements \"requirements.txt\" of t.Task changed since it was compiled")
                .hasMessageContaining("recompile");
    }

    @Test
    void aChildOfAStaleBaseIsStaleToo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
        ImageSpec base = ImageSpec.builder()
                .name("base")
                .requirements("requirements.txt")
                .baseDir(dir)
                .origin("t.Base")
                .build();
        ImageSpec child = ImageSpec.builder()
                .name("child")
                .baseSpec(base)
                .baseDir(dir)
                .origin("t.Child")
                .build();
        Descriptor d = Descriptor.of("t.Child", child.values());
        Files.writeString(dir.resolve("requirements.txt"), "numpy\npandas\n");
        Descriptor read =
                Descriptor.read(new ByteArrayInputStream(d.toJson().getBytes(StandardCharsets.UTF_8)), "t.Child.json");
        assertThatThrownBy(() -> read.toValues(dir).tag())
                .isInstanceOf(StaleDescriptorException.class)
                .hasMessageContaining("requirements.txt");
    }

    @Test
    void aCompiledSpecAnswersWithItsRecordedIdWithoutHashing() throws IOException {
        ImageSpec spec = ImageSpec.builder()
                .name("trainer")
                .registry("ghcr.io/acme")
                .pythonVersion("3.9")
                .build();
        String json = Descriptor.of("t.T", spec.values()).toJson().replace(spec.id(), "recorded-id");
        ImageSpec read = ImageSpec.of(
                Descriptor.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.T.json")
                        .toValues(null));
        assertThat(read.id()).isEqualTo("recorded-id");
        assertThat(read.isContainer(Map.of("FLYTE_INTERNAL_EXECUTION_ID", "e", "_F_IMG_ID", "recorded-id")))
                .isTrue();
        // a changed spec is hashed again
        assertThat(read.withPackages("numpy").id())
                .isNotEqualTo("recorded-id")
                .isEqualTo(spec.withPackages("numpy").id());
    }

    @Test
    void descriptorOfAnotherFormatAsksToRecompile() {
        String json = "{\"format\": \"imagespec-descriptor/0\", \"class\": \"t.T\"}";
        assertThatThrownBy(() ->
                        Descriptor.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.T.json"))
                .hasMessageContaining("recompile");
    }

    @Test
    void missingDescriptorSaysHowToGetOne() {
        assertThatThrownBy(() -> ImageSpecs.of(String.class))
                .hasMessageContaining("no image spec for java.lang.String")
                .hasMessageContaining("imagespec-processor");
    }
}
