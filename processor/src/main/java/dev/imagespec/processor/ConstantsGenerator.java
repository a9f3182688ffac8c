package dev.imagespec.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.imagespec.runtime.ImageSpec;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Generates {@code <Task>_ImageSpec} beside each task class: its image's {@code ID}, {@code TAG},
 * {@code IMAGE_NAME} and {@code NAME} as compile-time constants (no I/O at run time), and
 * {@code spec()} when the runtime is on the class path.
 */
final class ConstantsGenerator {
    private ConstantsGenerator() {}

    /** {@code Outer.Inner} → {@code Outer_Inner_ImageSpec}. */
    static ClassName generatedName(TypeElement task) {
        ClassName c = ClassName.get(task);
        return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + "_ImageSpec");
    }

    static void write(Filer filer, TypeElement task, ImageSpec spec, boolean runtimePresent) throws IOException {
        ClassName taskName = ClassName.get(task);
        ClassName name = generatedName(task);
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addOriginatingElement(task)
                .addAnnotation(AnnotationSpec.builder(Generated.class)
                        .addMember("value", "$S", ImageSpecProcessor.class.getName()).build())
                .addJavadoc("The container image of {@link $T}, as its {@code @ImageSpec} said when it was compiled.\n",
                        taskName)
                .addJavadoc("<p>Example: {@code String image = $T.IMAGE_NAME;}\n", name)
                .addField(constant("ID", spec.id(), "flytekit's {@code ImageSpec.id}; the value of {@code _F_IMG_ID} in the built image."))
                .addField(constant("TAG", spec.tag(), "The image tag."))
                .addField(constant("IMAGE_NAME", spec.imageName(), "The full image name, {@code registry/name:tag}."))
                .addField(constant("NAME", spec.name(), "The image name, lower-cased."))
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (runtimePresent) {
            ClassName specs = ClassName.get("dev.imagespec.runtime", "ImageSpecs");
            type.addMethod(MethodSpec.methodBuilder("spec")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(ClassName.get("dev.imagespec.runtime", "ImageSpec"))
                    .addJavadoc("The full spec, read from the class path: {@code $T.of($T.class)}.\n", specs, taskName)
                    .addStatement("return $T.of($T.class)", specs, taskName)
                    .build());
        }
        JavaFile.builder(name.packageName(), type.build())
                .skipJavaLangImports(true)
                .build()
                .writeTo(filer);
    }

    private static FieldSpec constant(String name, String value, String doc) {
        return FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", value)
                .addJavadoc(doc + "\n")
                .build();
    }
}
