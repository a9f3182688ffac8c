package dev.imagespec.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.spec.SpecValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link ImageSpecs#of} finds the class the processor generates beside a task (the processor's
 * tests compile real ones): by the generator's name, from the task's class loader, only when it
 * was generated for that task.
 */
class ImageSpecsTest {
    static class Compiled {}

    static class Old {}

    static class Impostor {}

    @Test
    void theGeneratedNameJoinsTheSimpleNamesAsTheGeneratorDoes() {
        assertThat(ImageSpecs.generatedClassName(ImageSpecsTest.class))
                .isEqualTo("dev.imagespec.runtime.ImageSpecsTest_ImageSpec");
        assertThat(ImageSpecs.generatedClassName(Compiled.class))
                .isEqualTo("dev.imagespec.runtime.ImageSpecsTest_Compiled_ImageSpec");
        assertThat(ImageSpecs.generatedClassName(NamingOuter.Middle.Inner.class))
                .isEqualTo("dev.imagespec.runtime.NamingOuter_Middle_Inner_ImageSpec");
    }

    @Test
    void theSpecComesFromTheGeneratedClass() {
        ImageSpec spec = ImageSpecs.of(Compiled.class);
        assertThat(spec.name()).isEqualTo("compiled");
        assertThat(spec.packages()).contains(List.of("numpy"));
        assertThat(spec.id()).isEqualTo("recorded-id");
        assertThat(spec.origin()).contains(Compiled.class.getName());
        assertThat(ImageSpecs.of(Compiled.class)).isSameAs(spec);
    }

    @Test
    void descriptorsAreReadStrictly() throws IOException {
        String json = Descriptor.of("t.T", ImageSpec.builder().name("x").build().values())
                .toJson();
        assertThat(read(json).className()).isEqualTo("t.T");
        assertThatThrownBy(() -> read(json + "{}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unexpected content");
        assertThatThrownBy(() -> read(json.replace("\"t.T\"", "'t.T'"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(json.replace("\n}", ",\n}"))).isInstanceOf(IOException.class);
    }

    private static Descriptor read(String json) throws IOException {
        return Descriptor.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.T.json");
    }

    @Test
    void aGeneratedClassWithoutValuesOrForAnotherClassIsPassedOver() {
        // then the descriptor is read, and there is none for these
        assertThatThrownBy(() -> ImageSpecs.of(Old.class))
                .hasMessageContaining("no image spec for " + Old.class.getName());
        assertThatThrownBy(() -> ImageSpecs.of(Impostor.class))
                .hasMessageContaining("no image spec for " + Impostor.class.getName());
    }
}

/** As the processor generates it for {@link ImageSpecsTest.Compiled}. */
final class ImageSpecsTest_Compiled_ImageSpec {
    private ImageSpecsTest_Compiled_ImageSpec() {}

    public static SpecValues values(Path baseDir) {
        return SpecValues.builder()
                .set(SpecField.NAME, "compiled")
                .set(SpecField.PACKAGES, List.of("numpy"))
                .recorded("recorded-id", "recorded-tag")
                .origin("dev.imagespec.runtime.ImageSpecsTest$Compiled")
                .baseDir(baseDir)
                .build();
    }
}

/** As an older processor generated it: no {@code values} method. */
final class ImageSpecsTest_Old_ImageSpec {
    public static final String ID = "x";

    private ImageSpecsTest_Old_ImageSpec() {}
}

/** Generated for another class that maps to the same name. */
final class ImageSpecsTest_Impostor_ImageSpec {
    private ImageSpecsTest_Impostor_ImageSpec() {}

    public static SpecValues values(Path baseDir) {
        return SpecValues.builder()
                .set(SpecField.NAME, "impostor")
                .origin("dev.imagespec.runtime.ImageSpecsTest_Impostor")
                .build();
    }
}

final class NamingOuter {
    private NamingOuter() {}

    static final class Middle {
        private Middle() {}

        static final class Inner {
            private Inner() {}
        }
    }
}
