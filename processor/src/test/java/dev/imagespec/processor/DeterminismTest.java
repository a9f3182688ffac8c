package dev.imagespec.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same sources give byte-identical descriptors and generated code, in any order of compilation. */
class DeterminismTest {
    private static final Map<String, String> SOURCES = Map.of(
            "t/Gpu.java",
                    "package t; @dev.imagespec.annotations.ImageSpec(constants = true, cuda = \"12.1\", pythonVersion = \"3.11\")"
                            + " public @interface Gpu {}",
            "t/Train.java", "package t; @Gpu public class Train {}",
            "t/Base.java",
                    "package t; @dev.imagespec.annotations.ImageSpec(constants = true, name = \"base\", registry = \"localhost:30000\","
                            + " packages = {\"numpy\", \"pandas>=2\"}, env = @dev.imagespec.annotations.ImageSpec.Env(name = \"A\","
                            + " value = \"it's \\\"q\\\"\")) public class Base {}",
            "t/Child.java",
                    "package t; @dev.imagespec.annotations.ImageSpec(constants = true, name = \"child\", baseSpec = Base.class,"
                            + " copy = \"data\", requirements = \"requirements.txt\") public class Child {}");

    @Test
    void twoCompilesInOppositeOrdersAreByteIdentical(@TempDir Path first, @TempDir Path second) throws IOException {
        for (Path dir : List.of(first, second)) {
            Files.createDirectories(dir.resolve("data/sub"));
            Files.writeString(dir.resolve("data/sub/x.csv"), "1,2\n");
            Files.writeString(dir.resolve("data/y.txt"), "y");
            Files.writeString(dir.resolve("requirements.txt"), "numpy\n");
        }
        List<String> order = List.of("t/Gpu.java", "t/Train.java", "t/Base.java", "t/Child.java");
        RealJavac.Result a = RealJavac.compile(first, SOURCES, order);
        RealJavac.Result b = RealJavac.compile(
                second, SOURCES, List.of("t/Child.java", "t/Base.java", "t/Train.java", "t/Gpu.java"));
        assertThat(a.success()).as(a.diagnostics()).isTrue();
        assertThat(b.success()).as(b.diagnostics()).isTrue();
        Map<String, String> outA = outputs(first);
        Map<String, String> outB = outputs(second);
        assertThat(outA)
                .containsKeys(
                        "classes/META-INF/imagespec/index.json",
                        "classes/META-INF/imagespec/t.Child.json",
                        "gen/t/Child_ImageSpec.java");
        assertThat(outB).isEqualTo(outA);
    }

    private static Map<String, String> outputs(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String sub : List.of("classes/META-INF", "gen")) {
            try (Stream<Path> files = Files.walk(dir.resolve(sub))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.put(dir.relativize(f).toString(), Files.readString(f));
                }
            }
        }
        return out;
    }
}
