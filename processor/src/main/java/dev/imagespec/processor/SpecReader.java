package dev.imagespec.processor;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.annotations.ImageSpec;
import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.spec.SecretMount;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.validate.Problem;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.io.IOException;
import java.math.BigInteger;
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
 * and the {@link SpecLocation} of its values. Only the members written in source are read
 * ({@code getElementValues}), so a member left out is unset and a written value is never taken for
 * the {@link ImageSpec#UNSET} default: a NUL in a written value is an error instead. Members whose
 * shape is wrong (an {@code @Option} with two values) become problems; a value javac could not
 * resolve (yet) makes the read {@link Read#erroneous() erroneous}, left to a later round or to
 * javac's own error. The base spec is resolved by {@link SpecResolver}, which calls back for
 * {@code baseSpec}.
 */
final class SpecReader {
    /** The result: a builder, where its values are, problems found while reading, and whether javac left errors in it. */
    record Read(
            dev.imagespec.runtime.ImageSpec.Builder builder,
            SpecLocation location,
            List<Problem> problems,
            TypeMirror baseSpec,
            boolean erroneous) {}

    /** A value of a shape javac would not have let through: it reported an error of its own. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    /** The {@code @ImageSpec} member that asks for the generated constants class. */
    static final String CONSTANTS_MEMBER = "constants";

    private SpecReader() {}

    static Read read(Element element, AnnotationMirror mirror, Path projectDir, String origin) {
        dev.imagespec.runtime.ImageSpec.Builder b =
                dev.imagespec.runtime.ImageSpec.builder().baseDir(projectDir).origin(origin);
        Map<SpecField, AnnotationValue> members = new EnumMap<>(SpecField.class);
        List<Problem> problems = new ArrayList<>();
        TypeMirror baseSpec = null;
        boolean erroneous = mirror.getAnnotationType().getKind() == TypeKind.ERROR;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                mirror.getElementValues().entrySet()) {
            String member = e.getKey().getSimpleName().toString();
            AnnotationValue value = e.getValue();
            if (Values.erroneous(value)) {
                erroneous = true;
                continue;
            }
            if (member.equals(CONSTANTS_MEMBER)) {
                continue; // what the processor generates, not part of the spec (SpecProcessing#wantsConstants)
            }
            if (member.equals("baseSpec")) {
                if (!(value.getValue() instanceof TypeMirror type)) {
                    erroneous = true;
                    continue;
                }
                if (type.getKind() != TypeKind.VOID) {
                    members.put(SpecField.BASE_IMAGE, value);
                    baseSpec = type;
                }
                continue;
            }
            SpecField field = SpecField.fromMember(member).orElse(null);
            if (field == null) {
                erroneous = true; // a member this processor does not know: an annotations jar of another version
                continue;
            }
            members.put(field, value);
            try {
                set(b, field, value, problems);
            } catch (Malformed | ClassCastException m) {
                erroneous = true;
            }
        }
        return new Read(b, new SpecLocation(element, mirror, members), problems, baseSpec, erroneous);
    }

    /** One member's value, read by the field's type from the field table. */
    private static void set(
            dev.imagespec.runtime.ImageSpec.Builder b, SpecField f, AnnotationValue v, List<Problem> problems) {
        b.set(
                f,
                switch (f.type()) {
                    case STRING, IMAGE_OR_SPEC -> string(f, v, problems);
                    case STRING_LIST -> strings(f, v, problems);
                    case STRING_MAP -> env(v, problems);
                    case SECRET_MOUNTS -> mounts(v, problems);
                    case COPY_MODE -> copyMode(v, problems);
                    case TYPED_MAP -> options(f, v, problems);
                });
    }

    private static boolean isPath(SpecField f) {
        return f == SpecField.REQUIREMENTS || f == SpecField.COPY || f == SpecField.SOURCE_ROOT;
    }

    /** {@code s}, after adding a problem when it has a NUL or a lone surrogate, or (a path) cannot name a file here. */
    private static String checked(SpecField f, int index, String what, String s, List<Problem> problems) {
        String bad = Values.badText(what, s);
        if (bad == null && isPath(f)) {
            bad = Values.badPath(what, s);
        }
        if (bad != null) {
            problems.add(new Problem(f.member(), index, Severity.ERROR, bad));
        }
        return s;
    }

    private static String text(AnnotationValue v) {
        if (!(v.getValue() instanceof String s)) {
            throw new Malformed();
        }
        return s;
    }

    private static String string(SpecField f, AnnotationValue v, List<Problem> problems) {
        return checked(f, -1, f.member(), text(v), problems);
    }

    private static List<AnnotationValue> array(AnnotationValue v) {
        if (!(v.getValue() instanceof List<?> items)) {
            throw new Malformed();
        }
        List<AnnotationValue> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof AnnotationValue av)) {
                throw new Malformed();
            }
            out.add(av);
        }
        return out;
    }

    private static List<String> strings(SpecField f, AnnotationValue v, List<Problem> problems) {
        List<AnnotationValue> items = array(v);
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(checked(f, i, f.member() + "[" + i + "]", text(items.get(i)), problems));
        }
        return out;
    }

    private static Map<String, AnnotationValue> nested(AnnotationValue v) {
        if (!(v.getValue() instanceof AnnotationMirror m)) {
            throw new Malformed();
        }
        Map<String, AnnotationValue> out = new LinkedHashMap<>();
        m.getElementValues().forEach((k, val) -> out.put(k.getSimpleName().toString(), val));
        return out;
    }

    private static String required(Map<String, AnnotationValue> pair, String member) {
        AnnotationValue v = pair.get(member);
        if (v == null) {
            throw new Malformed(); // javac reports the missing member
        }
        return text(v);
    }

    private static Map<String, String> env(AnnotationValue v, List<Problem> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        List<AnnotationValue> items = array(v);
        for (int i = 0; i < items.size(); i++) {
            Map<String, AnnotationValue> pair = nested(items.get(i));
            String name = checked(SpecField.ENV, i, "env name", required(pair, "name"), problems);
            String value = checked(SpecField.ENV, i, "env " + name + " value", required(pair, "value"), problems);
            if (env.put(name, value) != null) {
                problems.add(new Problem(
                        SpecField.ENV.member(),
                        i,
                        Severity.ERROR,
                        "env name \"" + name + "\" is given twice;" + " a variable has one value: remove one of them"));
            }
        }
        return env;
    }

    private static List<SecretMount> mounts(AnnotationValue v, List<Problem> problems) {
        List<SecretMount> out = new ArrayList<>();
        List<AnnotationValue> items = array(v);
        for (int i = 0; i < items.size(); i++) {
            Map<String, AnnotationValue> pair = nested(items.get(i));
            out.add(new SecretMount(
                    checked(SpecField.PIP_SECRET_MOUNTS, i, "pipSecretMounts src", required(pair, "src"), problems),
                    checked(SpecField.PIP_SECRET_MOUNTS, i, "pipSecretMounts dst", required(pair, "dst"), problems)));
        }
        return out;
    }

    private static CopyFileDetection copyMode(AnnotationValue v, List<Problem> problems) {
        List<AnnotationValue> items = array(v);
        if (items.isEmpty()) {
            return null;
        }
        if (items.size() > 1) {
            problems.add(Problem.of(
                    SpecField.SOURCE_COPY_MODE.member(),
                    Severity.ERROR,
                    "sourceCopyMode takes at most one mode, not " + items.size()
                            + "; e.g. sourceCopyMode = CopyFileDetection.ALL"));
        }
        if (!(items.get(0).getValue() instanceof VariableElement constant)) {
            throw new Malformed();
        }
        String name = constant.getSimpleName().toString();
        for (CopyFileDetection mode : CopyFileDetection.values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new Malformed(); // a constant of another version of the annotations jar
    }

    /** Typed options: exactly one value member per {@code @Option}, so the Python type is known. */
    private static Map<String, Object> options(SpecField f, AnnotationValue v, List<Problem> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<AnnotationValue> items = array(v);
        for (int i = 0; i < items.size(); i++) {
            Map<String, AnnotationValue> o = nested(items.get(i));
            String name = checked(f, i, f.member() + " option name", required(o, "name"), problems);
            if (out.containsKey(name)) {
                problems.add(new Problem(
                        f.member(),
                        i,
                        Severity.ERROR,
                        f.member() + " option \"" + name + "\" is given twice;" + " remove one of them"));
            }
            List<String> set = new ArrayList<>(o.keySet());
            set.remove("name");
            if (set.size() != 1) {
                problems.add(
                        new Problem(
                                f.member(),
                                i,
                                Severity.ERROR,
                                f.member() + " option \"" + name + "\" sets "
                                        + (set.isEmpty() ? "no value" : "values " + set)
                                        + "; set exactly one of value, intValue,"
                                        + " floatValue, boolValue, nullValue or json, e.g. @Option(name = \"cpu\", intValue = 2)"));
                continue;
            }
            AnnotationValue value = o.get(set.get(0));
            String what = f.member() + " option \"" + name + "\"";
            switch (set.get(0)) {
                case "value" -> out.put(name, checked(f, i, what + " value", text(value), problems));
                case "intValue" -> out.put(name, number(value).longValue());
                case "floatValue" -> {
                    double d = number(value).doubleValue();
                    String bad = nonFinite(what + " floatValue", d);
                    if (bad != null) {
                        problems.add(new Problem(f.member(), i, Severity.ERROR, bad));
                    }
                    out.put(name, d);
                }
                case "boolValue", "nullValue" -> {
                    if (!(value.getValue() instanceof Boolean bool)) {
                        throw new Malformed();
                    }
                    out.put(name, set.get(0).equals("boolValue") ? bool : null);
                }
                case "json" -> out.put(name, json(f, i, what, text(value), problems));
                default -> throw new Malformed();
            }
        }
        return out;
    }

    private static Number number(AnnotationValue v) {
        if (!(v.getValue() instanceof Number n)) {
            throw new Malformed();
        }
        return n;
    }

    /**
     * Why {@code d} cannot be an option value, or null: JSON has no NaN or infinity, so a descriptor
     * could not hold it and its id would not survive being read back.
     */
    private static String nonFinite(String what, double d) {
        if (Double.isFinite(d)) {
            return null;
        }
        String python = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
        return what + " is " + python + " (Python's float('" + python + "')), which JSON cannot hold, so the descriptor"
                + " could not record it and the spec's id would change when it is read back: use a finite number, or a"
                + " string, e.g. value = \"" + python + "\"";
    }

    /** An option's JSON value: at most {@link Limits#MAX_DEPTH} levels, finite numbers, real text. */
    private static Object json(SpecField f, int i, String what, String json, List<Problem> problems) {
        String bad = Values.badText(what + " json", json);
        if (bad != null) {
            problems.add(new Problem(f.member(), i, Severity.ERROR, bad));
            return null;
        }
        int depth = nesting(json);
        if (depth > Limits.MAX_DEPTH) {
            problems.add(new Problem(
                    f.member(),
                    i,
                    Severity.ERROR,
                    what + " json nests " + depth + " levels deep; at most " + Limits.MAX_DEPTH
                            + " are allowed (a descriptor must hold it): flatten the value"));
            return null;
        }
        Object tree;
        try {
            tree = JsonTree.read(json);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            problems.add(new Problem(
                    f.member(),
                    i,
                    Severity.ERROR,
                    what + " json " + Values.quote(json) + " is not valid JSON ("
                            + message.lines().findFirst().orElse("") + "); e.g. json = \"[1, \\\"two\\\", false]\""));
            return null;
        }
        String inside = badJson(what + " json", tree);
        if (inside != null) {
            problems.add(new Problem(f.member(), i, Severity.ERROR, inside));
        }
        return tree;
    }

    /** The greatest bracket nesting of a JSON text, outside string literals. */
    static int nesting(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return max;
    }

    /** Why a parsed JSON value cannot be recorded, or null: a NaN or infinity (e.g. {@code 1e999}), a NUL or lone surrogate. */
    private static String badJson(String what, Object v) {
        if (v instanceof Double d) {
            return nonFinite(what + " number", d);
        }
        if (v instanceof String s) {
            return Values.loneSurrogate(s) >= 0 ? Values.badText(what + " string", s) : null;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String bad = e.getKey() instanceof String k && Values.loneSurrogate(k) >= 0
                        ? Values.badText(what + " key", k)
                        : badJson(what, e.getValue());
                if (bad != null) {
                    return bad;
                }
            }
        } else if (v instanceof List<?> l) {
            for (Object item : l) {
                String bad = badJson(what, item);
                if (bad != null) {
                    return bad;
                }
            }
        } else if (!(v == null || v instanceof Boolean || v instanceof Long || v instanceof BigInteger)) {
            return what + " holds a " + v.getClass().getSimpleName() + ", which a descriptor cannot record";
        }
        return null;
    }

    /** The class a {@code baseSpec} member names, for messages. */
    static String typeName(TypeMirror type) {
        return type instanceof DeclaredType d ? d.asElement().toString() : type.toString();
    }
}
