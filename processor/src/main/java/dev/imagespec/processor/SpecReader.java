package dev.imagespec.processor;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.annotations.ImageSpec;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads one {@code @ImageSpec} annotation mirror into an {@link dev.imagespec.runtime.ImageSpec.Builder}
 * and the {@link SpecLocation} of its values. Unset members (the {@link ImageSpec#UNSET} default)
 * stay unset; members whose shape is wrong (an {@code @Option} with two values) become problems.
 * The base spec is resolved by {@link SpecResolver}, which calls back for {@code baseSpec}.
 */
final class SpecReader {
    /** The result: a builder, where its values are, and problems found while reading. */
    record Read(dev.imagespec.runtime.ImageSpec.Builder builder, SpecLocation location, List<Problem> problems,
                TypeMirror baseSpec) {}

    private SpecReader() {}

    static Read read(Element element, AnnotationMirror mirror, Path projectDir, String origin) {
        dev.imagespec.runtime.ImageSpec.Builder b = dev.imagespec.runtime.ImageSpec.builder()
                .baseDir(projectDir).origin(origin);
        Map<SpecField, AnnotationValue> members = new EnumMap<>(SpecField.class);
        List<Problem> problems = new ArrayList<>();
        TypeMirror baseSpec = null;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            String member = e.getKey().getSimpleName().toString();
            AnnotationValue value = e.getValue();
            if (member.equals("baseSpec")) {
                TypeMirror type = (TypeMirror) value.getValue();
                if (type.getKind() != TypeKind.VOID) {
                    members.put(SpecField.BASE_IMAGE, value);
                    baseSpec = type;
                }
                continue;
            }
            SpecField field = fieldOf(member);
            members.put(field, value);
            set(b, field, value, problems);
        }
        return new Read(b, new SpecLocation(element, mirror, members), problems, baseSpec);
    }

    private static SpecField fieldOf(String member) {
        return SpecField.fromMember(member)
                .orElseThrow(() -> new IllegalStateException("@ImageSpec member " + member + " has no flytekit field"));
    }

    /** One member's value, read by the field's type from the field table; {@code UNSET} reads as null. */
    private static void set(dev.imagespec.runtime.ImageSpec.Builder b, SpecField f, AnnotationValue v, List<Problem> problems) {
        b.set(f, switch (f.type()) {
            case STRING, IMAGE_OR_SPEC -> string(v);
            case STRING_LIST -> strings(v);
            case STRING_MAP -> env(v, problems);
            case SECRET_MOUNTS -> mounts(v);
            case COPY_MODE -> copyMode(v, problems);
            case TYPED_MAP -> options(f, v, problems);
        });
    }

    private static String string(AnnotationValue v) {
        String s = (String) v.getValue();
        return ImageSpec.UNSET.equals(s) ? null : s;
    }

    private static List<AnnotationValue> array(AnnotationValue v) {
        @SuppressWarnings("unchecked")
        List<AnnotationValue> items = (List<AnnotationValue>) v.getValue();
        return items;
    }

    private static List<String> strings(AnnotationValue v) {
        List<AnnotationValue> items = array(v);
        if (items.size() == 1 && ImageSpec.UNSET.equals(items.get(0).getValue())) {
            return null;
        }
        List<String> out = new ArrayList<>(items.size());
        for (AnnotationValue item : items) {
            out.add((String) item.getValue());
        }
        return out;
    }

    private static Map<String, AnnotationValue> nested(AnnotationValue v) {
        AnnotationMirror m = (AnnotationMirror) v.getValue();
        Map<String, AnnotationValue> out = new LinkedHashMap<>();
        m.getElementValues().forEach((k, val) -> out.put(k.getSimpleName().toString(), val));
        return out;
    }

    private static Map<String, String> env(AnnotationValue v, List<Problem> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        List<AnnotationValue> items = array(v);
        for (int i = 0; i < items.size(); i++) {
            Map<String, AnnotationValue> pair = nested(items.get(i));
            String name = (String) pair.get("name").getValue();
            if (ImageSpec.UNSET.equals(name)) {
                return null;
            }
            if (env.put(name, (String) pair.get("value").getValue()) != null) {
                problems.add(new Problem(SpecField.ENV.member(), i, Severity.ERROR, "env name \"" + name + "\" is given twice;"
                        + " a variable has one value: remove one of them"));
            }
        }
        return env;
    }

    private static List<SecretMount> mounts(AnnotationValue v) {
        List<SecretMount> out = new ArrayList<>();
        for (AnnotationValue item : array(v)) {
            Map<String, AnnotationValue> pair = nested(item);
            String src = (String) pair.get("src").getValue();
            if (ImageSpec.UNSET.equals(src)) {
                return null;
            }
            out.add(new SecretMount(src, (String) pair.get("dst").getValue()));
        }
        return out;
    }

    private static CopyFileDetection copyMode(AnnotationValue v, List<Problem> problems) {
        List<AnnotationValue> items = array(v);
        if (items.isEmpty()) {
            return null;
        }
        if (items.size() > 1) {
            problems.add(Problem.of(SpecField.SOURCE_COPY_MODE.member(), Severity.ERROR,
                    "sourceCopyMode takes at most one mode, not " + items.size() + "; e.g. sourceCopyMode = CopyFileDetection.ALL"));
        }
        VariableElement constant = (VariableElement) items.get(0).getValue();
        return CopyFileDetection.valueOf(constant.getSimpleName().toString());
    }

    /** Typed options: exactly one value member per {@code @Option}, so the Python type is known. */
    private static Map<String, Object> options(SpecField f, AnnotationValue v, List<Problem> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<AnnotationValue> items = array(v);
        for (int i = 0; i < items.size(); i++) {
            Map<String, AnnotationValue> o = nested(items.get(i));
            String name = (String) o.get("name").getValue();
            if (ImageSpec.UNSET.equals(name)) {
                return null;
            }
            if (out.containsKey(name)) {
                problems.add(new Problem(f.member(), i, Severity.ERROR, f.member() + " option \"" + name + "\" is given twice;"
                        + " remove one of them"));
            }
            List<String> set = new ArrayList<>(o.keySet());
            set.remove("name");
            if (set.size() != 1) {
                problems.add(new Problem(f.member(), i, Severity.ERROR, f.member() + " option \"" + name + "\" sets "
                        + (set.isEmpty() ? "no value" : "values " + set) + "; set exactly one of value, intValue,"
                        + " floatValue, boolValue, nullValue or json, e.g. @Option(name = \"cpu\", intValue = 2)"));
                continue;
            }
            AnnotationValue value = o.get(set.get(0));
            switch (set.get(0)) {
                case "value" -> out.put(name, value.getValue());
                case "intValue" -> out.put(name, ((Number) value.getValue()).longValue());
                case "floatValue" -> out.put(name, ((Number) value.getValue()).doubleValue());
                case "boolValue" -> out.put(name, value.getValue());
                case "nullValue" -> out.put(name, null);
                case "json" -> {
                    try {
                        out.put(name, JsonTree.read((String) value.getValue()));
                    } catch (IOException | RuntimeException e) {
                        problems.add(new Problem(f.member(), i, Severity.ERROR, f.member() + " option \"" + name + "\" json "
                                + "\"" + value.getValue() + "\" is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                                + "); e.g. json = \"[1, \\\"two\\\", false]\""));
                    }
                }
                default -> throw new AssertionError(set.get(0));
            }
        }
        return out;
    }

    /** The class a {@code baseSpec} member names, for messages. */
    static String typeName(TypeMirror type) {
        return type instanceof DeclaredType d ? d.asElement().toString() : type.toString();
    }
}
