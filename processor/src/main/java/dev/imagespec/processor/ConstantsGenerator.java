package dev.imagespec.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.ImageSpec;
import dev.imagespec.runtime.descriptor.Descriptor;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.spec.StaleDescriptorException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Generates {@code <Task>_ImageSpec} beside each task class: its image's {@code ID}, {@code TAG},
 * {@code IMAGE_NAME} and {@code NAME} as compile-time constants (no I/O at run time), and, when the
 * runtime is on the class path, the spec as code: {@code values(Path baseDir)} builds the values
 * the descriptor holds (statements on a {@code SpecValues.Builder}, one private method per base
 * spec), which {@code ImageSpecs.of(Task.class)} calls instead of reading the descriptor, and
 * {@code spec()}, that cached spec.
 *
 * <p>A spec whose chain names files ({@code requirements}, {@code copy}, or {@code sourceRoot} with
 * a copy mode other than {@code NO_COPY}) gets no {@code values} method, and its {@code TAG} and
 * {@code IMAGE_NAME} are not compile-time constants but {@code spec().tag()} and
 * {@code spec().imageName()}: its tag depends on the files, and {@code imagespec:refresh} rewrites
 * the descriptor when one changes without a recompile, which a constant inlined into other
 * classes (or digests baked into code) would never see. {@code ID} and {@code NAME} stay constants
 * (the id hashes the paths, not the files).
 *
 * <pre>{@code
 * public static SpecValues values(Path baseDir) {
 *     SpecValues.Builder b = SpecValues.builder();
 *     b.set(SpecField.NAME, "trainer");
 *     b.set(SpecField.PACKAGES, List.of("numpy==1.26.4"));
 *     b.set(SpecField.BASE_IMAGE, base1(baseDir));   // a base spec: its own method, alike
 *     b.set(SpecField.PLATFORM, "linux/amd64");
 *     b.recorded(ID, TAG);
 *     return b.origin("dev.acme.TrainTask").baseDir(baseDir).build();
 * }
 * }</pre>
 */
final class ConstantsGenerator {
    /**
     * Above this many values (list items, map entries, fields) or this long a string, no
     * {@code values} method is generated: javac limits a method's code to 64 KiB and a string
     * constant to 64 KiB, and the runtime reads the descriptor instead.
     */
    private static final int MAX_VALUES = 2_000;

    private static final int MAX_STRING = 16_000;

    private static final ClassName SPEC_VALUES = ClassName.get(SpecValues.class);
    private static final ClassName SPEC_FIELD = ClassName.get(SpecField.class);

    private ConstantsGenerator() {}

    /** {@code Outer.Inner} → {@code Outer_Inner_ImageSpec} (the runtime's {@code ImageSpecs.generatedClassName}). */
    static ClassName generatedName(TypeElement task) {
        ClassName c = ClassName.get(task);
        return ClassName.get(c.packageName(), String.join("_", c.simpleNames()) + "_ImageSpec");
    }

    /**
     * Writes {@code <Task>_ImageSpec}; true when it has a {@code values} method. {@code generated}
     * gives, for a base spec's binary class name, its generated class when that one has
     * {@code values} (generated earlier in this compile), which then builds the base.
     */
    static boolean write(
            Filer filer,
            TypeElement task,
            ImageSpec spec,
            Descriptor descriptor,
            boolean runtimePresent,
            Function<String, ClassName> generated)
            throws IOException {
        ClassName taskName = ClassName.get(task);
        ClassName name = generatedName(task);
        boolean files = spec.values().namesFilesInChain();
        boolean hasValues = false;
        ClassName specs = ClassName.get("dev.imagespec.runtime", "ImageSpecs");
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addOriginatingElement(task)
                .addAnnotation(AnnotationSpec.builder(Generated.class)
                        .addMember("value", "$S", SpecProcessing.GENERATOR)
                        .build())
                .addJavadoc(
                        "The container image of {@link $T}, as its {@code @ImageSpec} said when it was compiled.\n",
                        taskName)
                .addJavadoc("<p>Example: {@code String image = $T.IMAGE_NAME;}\n", name)
                .addField(constant(
                        "ID",
                        spec.id(),
                        "flytekit's {@code ImageSpec.id}; the value of {@code _F_IMG_ID} in the built image."))
                .addField(constant("NAME", spec.name(), "The image name, lower-cased."));
        if (!files) {
            type.addField(constant("TAG", spec.tag(), "The image tag."))
                    .addField(constant(
                            "IMAGE_NAME", spec.imageName(), "The full image name, {@code registry/name:tag}."));
        } else {
            // The tag depends on files: a compile-time constant would be inlined into other classes and
            // keep the compile-time tag after imagespec:refresh rewrote the descriptor.
            String fromFiles =
                    "<p>Not a compile-time constant: this spec (or a base spec) names files, so the value depends on them\n";
            CodeBlock tag =
                    runtimePresent ? CodeBlock.of("spec().tag()") : CodeBlock.of("compiled($L)", literal(spec.tag()));
            CodeBlock image = runtimePresent
                    ? CodeBlock.of("spec().imageName()")
                    : CodeBlock.of("compiled($L)", literal(spec.imageName()));
            CodeBlock how = runtimePresent ? CodeBlock.of("""
                            and is read when this class initializes, from the descriptor ({@code imagespec:refresh}
                            rewrites it when a file changes; {@link $T} is thrown if a file is here and has changed since).
                            """, StaleDescriptorException.class) : CodeBlock.of("""
                            (the runtime was not on the class path: this is the value when compiled; read the
                            descriptor with {@code ImageSpecs.of(Task.class)} for the current one).
                            """);
            type.addField(FieldSpec.builder(String.class, "TAG", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                            .initializer(tag)
                            .addJavadoc("The image tag.\n" + fromFiles)
                            .addJavadoc(how)
                            .build())
                    .addField(FieldSpec.builder(
                                    String.class, "IMAGE_NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                            .initializer(image)
                            .addJavadoc("The full image name, {@code registry/name:tag}.\n" + fromFiles)
                            .addJavadoc(how)
                            .build());
            if (!runtimePresent) {
                type.addMethod(MethodSpec.methodBuilder("compiled")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .returns(String.class)
                        .addParameter(String.class, "value")
                        .addJavadoc("{@code value}, through a call: not a constant javac inlines elsewhere.\n")
                        .addStatement("return value")
                        .build());
            }
        }
        type.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (runtimePresent) {
            // Specs whose chain names files get no values(): their digests and tag come from the
            // descriptor, which imagespec:refresh rewrites without a recompile.
            Emitter emitter = files ? null : new Emitter();
            List<MethodSpec> values = emitter == null
                    ? null
                    : emitter.methods(
                            descriptor.toValues(null),
                            spec.values(),
                            Descriptor.resourceFor(descriptor.className()),
                            generated);
            type.addMethod(MethodSpec.methodBuilder("spec")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(ClassName.get(ImageSpec.class))
                    .addJavadoc(
                            "The full spec, {@code $T.of($T.class)}: "
                                    + (values == null ? "read from the descriptor" : "built once by {@link #values}")
                                    + ",\nrelative paths resolving against system property {@code imagespec.projectDir}.\n",
                            specs,
                            taskName)
                    .addStatement("return $T.of($T.class)", specs, taskName)
                    .build());
            if (values != null) {
                type.addMethods(values);
                hasValues = true;
            }
        }
        JavaFile.builder(name.packageName(), type.build())
                .skipJavaLangImports(true)
                .build()
                .writeTo(filer);
        return hasValues;
    }

    private static FieldSpec constant(String name, String value, String doc) {
        return FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", value)
                .addJavadoc(doc + "\n")
                .build();
    }

    /**
     * Writes a spec as statements on a builder, one method per level of its base chain
     * ({@code values}, then {@code base1}, {@code base2}...), counting values: a spec too large
     * gives no methods. Statements, not one fluent expression, so that javac's recursion over the
     * code stays shallow however long the chain (one expression nesting every level overflows
     * javac's stack near a hundred levels).
     */
    private static final class Emitter {
        private static final ClassName BUILDER = SPEC_VALUES.nestedClass("Builder");
        private int count;
        private boolean tooLarge;

        /**
         * {@code values(Path baseDir)} and the methods of its base specs, or null when too large.
         * {@code v} is the spec as its descriptor reads back, {@code resolved} the same spec as
         * resolved (whose levels know their classes); a base whose class got a generated
         * {@code values} of its own is built by it, so that a chain costs each class one level.
         */
        List<MethodSpec> methods(
                SpecValues v, SpecValues resolved, String resource, Function<String, ClassName> generated) {
            List<MethodSpec> out = new ArrayList<>();
            MethodSpec.Builder top = level(v, resolved, "values", 0, out, generated)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc("""
                            The spec as compiled, as code: what {@code $L} holds,
                            with the same id and tag, built without reading it. Relative paths
                            resolve against {@code baseDir} (the working directory when null).
                            """, resource);
            out.add(0, top.build());
            return tooLarge ? null : out;
        }

        /** The method building level {@code depth} of the chain; its base's method goes to {@code out}. */
        private MethodSpec.Builder level(
                SpecValues v,
                SpecValues resolved,
                String name,
                int depth,
                List<MethodSpec> out,
                Function<String, ClassName> generated) {
            MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                    .returns(SPEC_VALUES)
                    .addParameter(Path.class, "baseDir")
                    .addStatement("$T b = $T.builder()", BUILDER, SPEC_VALUES);
            for (SpecField f : SpecField.values()) {
                Object value = v.get(f);
                if (value instanceof SpecValues base) {
                    SpecValues resolvedBase =
                            resolved == null ? null : resolved.baseSpec().orElse(null);
                    String baseClass =
                            resolvedBase == null ? null : resolvedBase.origin().orElse(null);
                    ClassName own = baseClass == null ? null : generated.apply(baseClass);
                    if (own != null) {
                        m.addStatement("b.set($T.$L, $T.values(baseDir))", SPEC_FIELD, f.name(), own);
                        continue;
                    }
                    String baseName = "base" + (depth + 1);
                    out.add(level(base, resolvedBase, baseName, depth + 1, out, generated)
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .addJavadoc("Base spec $L levels down, as compiled.\n", depth + 1)
                            .build());
                    m.addStatement("b.set($T.$L, $L(baseDir))", SPEC_FIELD, f.name(), baseName);
                } else if (value != null) {
                    m.addStatement("b.set($T.$L, $L)", SPEC_FIELD, f.name(), field(f, value));
                }
            }
            if (depth == 0) {
                m.addStatement("b.recorded(ID, TAG)");
            }
            return m.addStatement(
                    "return b.origin($L).baseDir(baseDir).build()",
                    string(v.origin().orElse(null)));
        }

        private CodeBlock field(SpecField f, Object value) {
            return switch (f.type()) {
                case STRING -> string((String) value);
                case STRING_LIST -> list((List<?>) value);
                case STRING_MAP, TYPED_MAP -> map((Map<?, ?>) value);
                case SECRET_MOUNTS -> {
                    // never in a descriptor (secrets do not enter a jar), so not here either; kept total
                    CodeBlock.Builder c = CodeBlock.builder().add("$T.of(", List.class);
                    boolean first = true;
                    for (Object m : (List<?>) value) {
                        SecretMount s = (SecretMount) m;
                        c.add(
                                first ? "new $T($L, $L)" : ",$Wnew $T($L, $L)",
                                SecretMount.class,
                                string(s.src()),
                                string(s.dst()));
                        first = false;
                    }
                    yield c.add(")").build();
                }
                case COPY_MODE -> CodeBlock.of("$T.$L", CopyFileDetection.class, ((CopyFileDetection) value).name());
                case IMAGE_OR_SPEC -> string((String) value); // a base spec has its own method
            };
        }

        /** A typed option value: what {@code JsonValues} holds. */
        private CodeBlock typed(Object v) {
            count();
            if (v == null) {
                return CodeBlock.of("null");
            }
            if (v instanceof String s) {
                return string(s);
            }
            if (v instanceof Boolean b) {
                return CodeBlock.of("$L", b);
            }
            if (v instanceof Long l) {
                return CodeBlock.of("$LL", l);
            }
            if (v instanceof Double d) {
                if (d.isNaN()) {
                    return CodeBlock.of("$T.NaN", Double.class);
                }
                if (d.isInfinite()) {
                    return CodeBlock.of("$T.$L", Double.class, d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
                }
                return CodeBlock.of("$L", d);
            }
            if (v instanceof BigInteger big) {
                return CodeBlock.of("new $T($S)", BigInteger.class, big.toString());
            }
            if (v instanceof Map<?, ?> m) {
                return map(m);
            }
            if (v instanceof List<?> l) {
                return list(l);
            }
            throw new IllegalArgumentException("no Java literal for an option value of type "
                    + v.getClass().getName());
        }

        /** {@code List.of(...)}, or {@code Arrays.asList(new Object[] {...})} when an item is null. */
        private CodeBlock list(List<?> l) {
            CodeBlock.Builder c = l.contains(null)
                    ? CodeBlock.builder().add("$T.asList(new Object[] {", Arrays.class)
                    : CodeBlock.builder().add("$T.of(", List.class);
            boolean first = true;
            for (Object item : l) {
                c.add(first ? "$L" : ",$W$L", typed(item));
                first = false;
            }
            return c.add(l.contains(null) ? "})" : ")").build();
        }

        /** {@code SpecValues.orderedMap(k1, v1, ...)}: env and options keep their order. */
        private CodeBlock map(Map<?, ?> m) {
            CodeBlock.Builder c = CodeBlock.builder().add("$T.orderedMap(", SPEC_VALUES);
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                c.add(first ? "$L, $L" : ",$W$L, $L", string((String) e.getKey()), typed(e.getValue()));
                first = false;
            }
            return c.add(")").build();
        }

        private CodeBlock string(String s) {
            if (s == null) {
                return CodeBlock.of("null");
            }
            count();
            if (s.length() > MAX_STRING) {
                tooLarge = true;
            }
            return CodeBlock.of("$L", literal(s));
        }

        private void count() {
            if (++count > MAX_VALUES) {
                tooLarge = true;
            }
        }
    }

    /**
     * A Java string literal that reads back as {@code s} whatever the source encoding: ASCII only,
     * other characters as {@code \\uXXXX} (JavaPoet's {@code $S} keeps them as they are).
     */
    static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
