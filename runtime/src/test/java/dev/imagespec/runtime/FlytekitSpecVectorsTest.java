package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagespec.runtime.descriptor.SpecMapper;
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

/** Every spec case flytekit computed: the runtime builder route (field map → ImageSpec → id, tag, image name). */
class FlytekitSpecVectorsTest {
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
    void matchesFlytekit(String name, JsonNode c, @TempDir Path dir) throws IOException {
        writeFiles(c, dir);
        JsonNode expected = c.get("expected");
        if (expected.has("error")) {
            assertThatThrownBy(() -> build(c, dir).tag()).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        ImageSpec spec = build(c, dir);
        if (!expected.get("id").isNull()) {
            assertThat(spec.id()).as("id").isEqualTo(expected.get("id").asText());
        }
        assertThat(spec.tag()).as("tag").isEqualTo(expected.get("tag").asText());
        assertThat(spec.imageName()).as("image_name").isEqualTo(expected.get("image_name").asText());
    }

    /** Builds the case's spec, relative paths against {@code dir}, then applies its ops. */
    static ImageSpec build(JsonNode c, Path dir) {
        Map<String, Object> fields = JSON.convertValue(c.get("spec"), new TypeReference<Map<String, Object>>() {});
        ImageSpec spec = SpecMapper.fromMap(fields, dir, c.get("case").asText());
        if (c.has("ops")) {
            for (JsonNode op : c.get("ops")) {
                spec = apply(spec, op.get(0).asText(), op.get(1));
            }
        }
        return spec;
    }

    static void writeFiles(JsonNode c, Path dir) throws IOException {
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

    private static ImageSpec apply(ImageSpec spec, String op, JsonNode arg) {
        if (op.equals("with_builder_options")) {
            return spec.withBuilderOptions(JSON.convertValue(arg, new TypeReference<Map<String, Object>>() {}));
        }
        String[] items = arg.isArray()
                ? JSON.convertValue(arg, String[].class)
                : new String[] {arg.asText()};
        switch (op) {
            case "with_packages": return spec.withPackages(items);
            case "with_commands": return spec.withCommands(items);
            case "with_apt_packages": return spec.withAptPackages(items);
            case "with_copy": return spec.withCopy(items);
            case "with_runtime_packages": return spec.withRuntimePackages(items);
            default: throw new IllegalArgumentException("unknown op " + op);
        }
    }
}
