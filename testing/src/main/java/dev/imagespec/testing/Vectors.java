package dev.imagespec.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The test vectors (flytekit, {@code packaging}, {@code distribution/reference}), the one place every test reads
 * them from: copies kept in this repository as class-path resources under
 * {@code dev/imagespec/testing/vectors/} (see the README there for where they came from and how each was
 * computed). A missing file or section fails the test: never skipped.
 *
 * <pre>{@code
 * JsonNode pep440 = Vectors.read("pep440.json");
 * }</pre>
 */
public final class Vectors {
    /** The class-path directory of the vector files. */
    public static final String RESOURCE_DIR = "dev/imagespec/testing/vectors/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vectors() {}

    /** One vector file ({@code flytekit-imagespec.json}, {@code pep440.json}, {@code image-reference.json}), parsed. */
    public static JsonNode read(String file) {
        String resource = RESOURCE_DIR + file;
        try (InputStream in = Vectors.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test vector file " + resource + " is not on the class path;"
                        + " it belongs to the imagespec-testing module (testing/src/main/resources)");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test vector file " + resource, e);
        }
    }

    /**
     * The cases of one section of a file, each named for the test report by {@code name}.
     *
     * <pre>{@code
     * Vectors.cases("pep440.json", "versions", c -> c.get("input").asText())
     * }</pre>
     */
    public static Stream<Named<JsonNode>> cases(String file, String section, Function<JsonNode, String> name) {
        JsonNode array = read(file).get(section);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalStateException(file + " has no cases in section " + section);
        }
        List<Named<JsonNode>> named = new ArrayList<>();
        array.forEach(c -> named.add(Named.of(name.apply(c), c)));
        return named.stream();
    }

    /** A text field that may be JSON null or absent. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** flytekit's spec cases as JUnit arguments {@code (case name, case node)}. */
    public static Stream<Arguments> specCases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : read("flytekit-imagespec.json").get("specs")) {
            cases.add(Arguments.of(c.get("case").asText(), c));
        }
        return cases.stream();
    }

    /** A case's spec fields as the map {@code yaml.safe_load} would give. */
    public static Map<String, Object> fields(JsonNode specCase) {
        return JSON.convertValue(specCase.get("spec"), new TypeReference<Map<String, Object>>() {});
    }

    /** Creates the case's files under {@code dir}. */
    public static void writeFiles(JsonNode specCase, Path dir) throws IOException {
        if (!specCase.has("files")) {
            return;
        }
        for (Map.Entry<String, JsonNode> f : specCase.get("files").properties()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue().asText(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Applies the case's {@code ops} in order, each as the spec's method of the same name in camelCase:
     * {@code ["with_packages", ["a", "b"]]} is {@code spec.withPackages("a", "b")}, and
     * {@code with_builder_options} takes a map. Called by name because this module does not depend on the
     * runtime module (that would be a module cycle); an exception the method throws is rethrown as is.
     *
     * <pre>{@code
     * ImageSpec spec = Vectors.applyOps(specCase, SpecMapper.fromMap(Vectors.fields(specCase), dir, name));
     * }</pre>
     */
    public static <S> S applyOps(JsonNode specCase, S spec) {
        S out = spec;
        if (specCase.has("ops")) {
            for (JsonNode op : specCase.get("ops")) {
                out = applyOp(out, op.get(0).asText(), op.get(1));
            }
        }
        return out;
    }

    private static <S> S applyOp(S spec, String op, JsonNode arg) {
        Class<?> type;
        Object value;
        switch (op) {
            case "with_builder_options" -> {
                type = Map.class;
                value = JSON.convertValue(arg, new TypeReference<Map<String, Object>>() {});
            }
            case "with_packages", "with_commands", "with_apt_packages", "with_copy", "with_runtime_packages" -> {
                type = String[].class;
                value = arg.isArray() ? JSON.convertValue(arg, String[].class) : new String[] {arg.asText()};
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
        String name = camelCase(op);
        try {
            Method method = spec.getClass().getMethod(name, type);
            @SuppressWarnings("unchecked")
            S result = (S) method.invoke(spec, value);
            return result;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    spec.getClass().getName() + " has no public " + name + "(" + type.getSimpleName() + ") for op "
                            + op,
                    e);
        }
    }

    private static String camelCase(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
