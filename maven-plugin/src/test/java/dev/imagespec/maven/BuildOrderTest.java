package dev.imagespec.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildOrderTest {
    @TempDir
    Path dir;

    private static void compile(Path classes, Map<String, ImageSpec> specs) throws IOException {
        Path meta = Files.createDirectories(classes.resolve(Descriptor.DIRECTORY));
        for (Map.Entry<String, ImageSpec> e : specs.entrySet()) {
            Files.writeString(
                    meta.resolve(e.getKey() + ".json"),
                    Descriptor.of(e.getKey(), e.getValue().values()).toJson());
        }
        Files.writeString(classes.resolve(Descriptor.INDEX), Descriptor.indexJson(List.copyOf(specs.keySet())));
    }

    @Test
    void baseSpecsComeFirstOnceEachAndAreNamedByTheirClassInADependency() throws IOException {
        ImageSpec root = ImageSpec.builder()
                .name("root")
                .registry("127.0.0.1:5000")
                .baseImage("127.0.0.1:5000/b:1")
                .build();
        ImageSpec mid = ImageSpec.builder()
                .name("mid")
                .registry("127.0.0.1:5000")
                .baseSpec(root)
                .build();
        ImageSpec a = ImageSpec.builder()
                .name("a")
                .registry("127.0.0.1:5000")
                .baseSpec(mid)
                .build();
        ImageSpec b = ImageSpec.builder()
                .name("b")
                .registry("127.0.0.1:5000")
                .baseSpec(root)
                .build();
        Path dependency = dir.resolve("dep");
        compile(dependency, Map.of("dev.dep.Root", root));
        Path classes = dir.resolve("classes");
        Map<String, ImageSpec> own = new LinkedHashMap<>();
        own.put("dev.app.A", a);
        own.put("dev.app.B", b);
        own.put("dev.app.Mid", mid);
        compile(classes, own);

        ProjectSpecs specs = ProjectSpecs.load(classes, List.of(classes, dependency), dir);
        assertThat(specs.own()).containsExactly("dev.app.A", "dev.app.B", "dev.app.Mid");
        List<BuildMojo.Item> order = BuildMojo.order(specs.select(List.of()), specs);

        assertThat(order)
                .extracting(BuildMojo.Item::className)
                .containsExactly("dev.dep.Root", "dev.app.Mid", "dev.app.A", "dev.app.B");
        assertThat(order.get(0).spec().imageName()).isEqualTo(root.imageName());
        assertThat(specs.select(List.of("dev.dep.Root")).keySet()).containsExactly("dev.dep.Root");
        assertThatThrownBy(() -> specs.select(List.of("dev.app.Nope")))
                .hasMessageContaining("dev.app.Nope")
                .hasMessageContaining("known: dev.app.A, dev.app.B, dev.app.Mid, dev.dep.Root");
    }

    @Test
    void imagesJsonHasTheCliKeysThenClassAndPushed() throws IOException {
        Path file = dir.resolve("target/imagespec/images.json");
        ImageResult.write(
                file,
                List.of(
                        new ImageResult(
                                "dev.app.A",
                                "r/a:t",
                                "sha256:00",
                                "built",
                                "default",
                                1.5,
                                true,
                                "r/base:1",
                                "sha256:01"),
                        new ImageResult(null, "r/b:t", null, "failed", null, 0, false, null, null)));
        assertThat(Files.readString(file)).isEqualTo("""
                [
                  {
                    "image" : "r/a:t",
                    "digest" : "sha256:00",
                    "outcome" : "built",
                    "builder" : "default",
                    "seconds" : 1.5,
                    "base_image" : "r/base:1",
                    "base_digest" : "sha256:01",
                    "class" : "dev.app.A",
                    "pushed" : true
                  },
                  {
                    "image" : "r/b:t",
                    "digest" : null,
                    "outcome" : "failed",
                    "builder" : null,
                    "seconds" : 0.0,
                    "base_image" : null,
                    "base_digest" : null,
                    "class" : null,
                    "pushed" : false
                  }
                ]
                """);
    }
}
