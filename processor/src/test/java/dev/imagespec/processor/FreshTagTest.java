package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagespec.runtime.ImageSpecs;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.SpecMapper;
import dev.imagespec.runtime.spec.SpecValues;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tag that depends on files is never a compile-time constant: {@code imagespec:refresh} rewrites
 * the descriptor when a file changes without a recompile, and the tag every class sees, the
 * generated {@code TAG} included, is the rewritten one. A spec that names no files keeps constants,
 * usable in other annotations.
 */
class FreshTagTest {
    private static final String PKG = "package t;\nimport dev.imagespec.annotations.*;\n";
    private static final Map<String, String> SOURCES = Map.of(
            "t/Files.java",
                    PKG
                            + "@ImageSpec(constants = true, name = \"files\", requirements = \"requirements.txt\") public class Files {}",
            "t/OnFiles.java",
                    PKG
                            + "@ImageSpec(constants = true, name = \"onfiles\", baseSpec = Files.class) public class OnFiles {}",
            "t/Plain.java", PKG + "@ImageSpec(constants = true, name = \"plain\") public class Plain {}",
            // another class reading the tags: a constant would be inlined here, frozen at compile time
            "t/Reader.java",
                    "package t;\n@SuppressWarnings(Plain_ImageSpec.TAG)\npublic class Reader {\n"
                            + "  public static String files() { return Files_ImageSpec.TAG; }\n"
                            + "  public static String onFiles() { return OnFiles_ImageSpec.IMAGE_NAME; }\n"
                            + "  public static String plain() { return Plain_ImageSpec.TAG; }\n}");
    private static final List<String> ORDER =
            List.of("t/Files.java", "t/OnFiles.java", "t/Plain.java", "t/Reader.java");

    @Test
    void aFileBackedTagIsReadFromTheRefreshedDescriptor(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
        RealJavac.Result r = RealJavac.compile(dir, SOURCES, ORDER);
        assertThat(r.success()).as(r.diagnostics()).isTrue();
        String generated = Files.readString(dir.resolve("gen/t/Files_ImageSpec.java"));
        assertThat(generated)
                .contains(
                        "public static final String TAG = spec().tag();",
                        "public static final String IMAGE_NAME = spec().imageName();",
                        "public static final String ID = \"")
                .doesNotContain("values(");
        assertThat(Files.readString(dir.resolve("gen/t/OnFiles_ImageSpec.java")))
                .contains("TAG = spec().tag();")
                .doesNotContain("values(");
        assertThat(Files.readString(dir.resolve("gen/t/Plain_ImageSpec.java")))
                .containsPattern("TAG = \"[A-Za-z0-9_-]+\";")
                .contains("values(Path baseDir)");
        String before = GeneratedSpecTest.descriptor(r.classes(), "t.Files").tag();

        // the file changes, nothing is recompiled; imagespec:refresh rewrites the descriptors
        Files.writeString(dir.resolve("requirements.txt"), "numpy\nscipy\n");
        String files = refresh(r.classes(), dir, "t.Files");
        String onFiles = refresh(r.classes(), dir, "t.OnFiles");
        assertThat(files).isNotEqualTo(before);

        try (URLClassLoader loader = GeneratedSpecTest.loader(r.classes())) {
            String tag = GeneratedSpecTest.withProjectDir(
                    dir,
                    () -> ImageSpecs.of(Class.forName("t.Files", false, loader)).tag());
            assertThat(tag).isEqualTo(files);
            Class<?> reader = Class.forName("t.Reader", true, loader);
            assertThat(GeneratedSpecTest.withProjectDir(
                            dir, () -> reader.getMethod("files").invoke(null)))
                    .isEqualTo(files);
            assertThat(GeneratedSpecTest.withProjectDir(
                            dir, () -> reader.getMethod("onFiles").invoke(null)))
                    .isEqualTo("onfiles:" + onFiles);
            assertThat(reader.getMethod("plain").invoke(null))
                    .isEqualTo(Class.forName("t.Plain_ImageSpec", true, loader)
                            .getField("TAG")
                            .get(null));
            // and in a container, where the file is not: the refreshed descriptor's digests
            assertThat(GeneratedSpecTest.withProjectDir(
                            dir.resolve("elsewhere"),
                            () -> ImageSpecs.of(Class.forName("t.OnFiles", false, loader))
                                    .tag()))
                    .isEqualTo(onFiles);
        }
    }

    @Test
    void onlyATagWithoutFilesIsAConstantExpression(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
        Map<String, String> sources = new java.util.HashMap<>(SOURCES);
        sources.put("t/Reader.java", "package t;\n@SuppressWarnings(Files_ImageSpec.TAG)\npublic class Reader {}");
        RealJavac.Result r = RealJavac.compile(dir, sources, ORDER);
        assertThat(r.success()).isFalse();
        assertThat(r.diagnostics())
                .contains("Reader.java:2: error:")
                .contains("constant")
                .doesNotContain("Exception");
    }

    /** What {@code imagespec:refresh} does to one descriptor whose own file changed: new digests, tag and image name. */
    private static String refresh(Path classes, Path dir, String className) throws Exception {
        Descriptor old = GeneratedSpecTest.descriptor(classes, className);
        SpecValues values = old.toValues(dir);
        SpecValues fresh = rehashed(values);
        Descriptor now = new Descriptor(
                className, old.id(), fresh.tag(), fresh.computedImageName(), SpecMapper.toMap(fresh, true));
        Files.writeString(classes.resolve(Descriptor.resourceFor(className)), now.toJson(), StandardCharsets.UTF_8);
        return now.tag();
    }

    private static SpecValues rehashed(SpecValues level) {
        SpecValues.Builder b = level.toBuilder().recordedDigests(null);
        level.baseSpec().ifPresent(base -> b.set(dev.imagespec.runtime.spec.SpecField.BASE_IMAGE, rehashed(base)));
        return b.build();
    }
}
