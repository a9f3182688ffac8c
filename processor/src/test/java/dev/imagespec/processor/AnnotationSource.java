package dev.imagespec.processor;

import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.spec.SpecField;
import java.util.List;
import java.util.Map;

/**
 * Writes a flytekit field map as {@code @ImageSpec} source: the processor route of the vector
 * tests. A nested base spec becomes a nested class named by {@code baseSpec}.
 */
final class AnnotationSource {
    private AnnotationSource() {}

    /** A compilation unit {@code t.Task} carrying {@code spec}. */
    static String task(Map<String, Object> spec) {
        StringBuilder out = new StringBuilder("package t;\nimport dev.imagespec.annotations.*;\n"
                + "import dev.imagespec.annotations.ImageSpec.*;\n");
        StringBuilder nested = new StringBuilder();
        out.append(annotation(spec, nested, 0))
                .append("\npublic class Task {\n")
                .append(nested)
                .append("}\n");
        return out.toString();
    }

    private static String annotation(Map<String, Object> spec, StringBuilder nested, int depth) {
        StringBuilder a = new StringBuilder("@ImageSpec(");
        boolean first = true;
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            SpecField f = SpecField.fromKey(e.getKey()).orElseThrow(() -> new IllegalArgumentException(e.getKey()));
            String member = member(f, e.getValue(), nested, depth);
            if (member == null) {
                continue;
            }
            a.append(first ? "" : ",\n    ").append(member);
            first = false;
        }
        return a.append(")").toString();
    }

    private static String member(SpecField f, Object v, StringBuilder nested, int depth) {
        if (v == null) {
            return null;
        }
        String name = f.member();
        switch (f) {
            case ENV: {
                StringBuilder s = new StringBuilder(name + " = {");
                int i = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    s.append(i++ > 0 ? ", " : "")
                            .append("@Env(name = ")
                            .append(lit((String) e.getKey()))
                            .append(", value = ")
                            .append(lit((String) e.getValue()))
                            .append(")");
                }
                return s.append("}").toString();
            }
            case PIP_SECRET_MOUNTS: {
                StringBuilder s = new StringBuilder(name + " = {");
                int i = 0;
                for (Object pair : (List<?>) v) {
                    List<?> p = (List<?>) pair;
                    s.append(i++ > 0 ? ", " : "")
                            .append("@SecretMount(src = ")
                            .append(lit((String) p.get(0)))
                            .append(", dst = ")
                            .append(lit((String) p.get(1)))
                            .append(")");
                }
                return s.append("}").toString();
            }
            case SOURCE_COPY_MODE:
                return name + " = CopyFileDetection." + v;
            case BUILDER_OPTIONS:
            case BUILDER_CONFIG: {
                StringBuilder s = new StringBuilder(name + " = {");
                int i = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    s.append(i++ > 0 ? ", " : "")
                            .append("@Option(name = ")
                            .append(lit((String) e.getKey()))
                            .append(", ")
                            .append(optionValue(e.getValue()))
                            .append(")");
                }
                return s.append("}").toString();
            }
            case BASE_IMAGE: {
                if (v instanceof String s) {
                    return "baseImage = " + lit(s);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> base = (Map<String, Object>) v;
                String cls = "Base" + depth;
                nested.append("  ")
                        .append(annotation(base, nested, depth + 1))
                        .append("\n  public static class ")
                        .append(cls)
                        .append(" {}\n");
                return "baseSpec = Task." + cls + ".class";
            }
            default:
                if (v instanceof List<?> list) {
                    StringBuilder s = new StringBuilder(name + " = {");
                    for (int i = 0; i < list.size(); i++) {
                        s.append(i > 0 ? ", " : "").append(lit((String) list.get(i)));
                    }
                    return s.append("}").toString();
                }
                return name + " = " + lit((String) v);
        }
    }

    private static String optionValue(Object v) {
        if (v == null) {
            return "nullValue = true";
        }
        if (v instanceof String s) {
            return "value = " + lit(s);
        }
        if (v instanceof Boolean b) {
            return "boolValue = " + b;
        }
        if (v instanceof Long || v instanceof Integer) {
            return "intValue = " + v + "L";
        }
        if (v instanceof Double d) {
            return "floatValue = " + (d == 0 && 1 / d < 0 ? "-0.0" : Double.toString(d));
        }
        return "json = " + lit(JsonTree.write(v));
    }

    /** A Java string literal: quotes, backslashes, control and non-ASCII characters escaped. */
    static String lit(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (c <= 0xff) {
                // octal, not \\u: javac turns \\u000a into a real line break before it reads the literal
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
