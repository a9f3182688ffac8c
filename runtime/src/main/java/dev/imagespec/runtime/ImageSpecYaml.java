package dev.imagespec.runtime;

import dev.imagespec.runtime.descriptor.JsonTree;
import dev.imagespec.runtime.hash.PythonRepr;
import dev.imagespec.runtime.spec.InputLimits;
import dev.imagespec.runtime.spec.SpecMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * flytekit's ImageSpec YAML (the file {@code pyflyte} and {@code Image.look_up_image_info} read
 * with {@code ImageSpec(**yaml.safe_load(f))}), and the same object as JSON.
 *
 * <pre>{@code
 * ImageSpec spec = ImageSpecYaml.read(Path.of("spec.yaml"));
 * String yaml = ImageSpecYaml.write(spec);
 * }</pre>
 *
 * <p>Relative paths in the file resolve against the working directory, as in flytekit. A nested
 * {@code base_image} mapping becomes a base spec.
 *
 * <p>YAML is read as PyYAML's {@code safe_load} reads it: YAML 1.1 scalars ({@code yes} is true,
 * {@code 0o17} a string, {@code 1e3} a string but {@code 1.0e+3} a float, {@code .nan} and
 * {@code .inf} floats), anchors and aliases resolved to the values they name, merge keys ({@code <<}).
 * Unlike PyYAML, a file is refused when it holds more than one document (PyYAML refuses that too), a key
 * twice in one mapping (PyYAML keeps the last silently), more than {@value InputLimits#MAX_COLLECTION_ALIASES}
 * aliases to mappings or lists, or aliases that expand to more than {@value InputLimits#MAX_VALUES}
 * values (the "billion laughs"), nesting deeper than {@value InputLimits#MAX_DEPTH} levels, or more than
 * {@value InputLimits#MAX_SPEC_FILE_BYTES} bytes (checked before the file is read). Every refusal is an
 * {@link IllegalArgumentException} with a one-line message naming the file.
 *
 * <p>JSON is read strictly (a repeated key is refused) with Python's {@code json} extensions
 * {@code NaN}, {@code Infinity} and {@code -Infinity}; {@link #writeJson} writes them for such floats, as
 * {@code json.dumps} does, and {@link #write} writes YAML's {@code .nan}, {@code .inf}, {@code -.inf}.
 */
public final class ImageSpecYaml {
    /** Longest part of a parser's own message kept in ours. */
    private static final int MAX_PROBLEM = 300;

    private ImageSpecYaml() {}

    /** Reads a {@code .yaml}/{@code .yml} file, or a {@code .json} file as JSON. */
    public static ImageSpec read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a spec file; relative paths resolve against {@code baseDir} (the working directory when null).
     *
     * @throws IllegalArgumentException when the file is too large, not UTF-8, not valid YAML or JSON,
     *     or not a valid spec; the message names the file
     * @throws UncheckedIOException when the file cannot be read
     */
    public static ImageSpec read(Path file, Path baseDir) {
        String text;
        try {
            InputLimits.checkFileSize(file, "image spec", InputLimits.MAX_SPEC_FILE_BYTES);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = InputLimits.readAtMost(in, InputLimits.MAX_SPEC_FILE_BYTES, "image spec " + file);
            }
            text = utf8(bytes, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image spec " + file + ": " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, json, baseDir, file.toString());
    }

    private static String utf8(byte[] bytes, Path file) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("image spec " + file + " is not UTF-8 text; save it as UTF-8", e);
        }
    }

    /**
     * Parses spec text, YAML or JSON; {@code origin} names it in messages.
     *
     * @throws IllegalArgumentException when the text is not valid YAML or JSON, or not a valid spec
     */
    @SuppressWarnings("unchecked")
    public static ImageSpec parse(String text, boolean json, Path baseDir, String origin) {
        if (text.length() > InputLimits.MAX_SPEC_FILE_BYTES) {
            throw new IllegalArgumentException(origin + " has " + text.length() + " characters; image specs are"
                    + " limited to " + InputLimits.MAX_SPEC_FILE_BYTES);
        }
        Object tree = json ? json(text, origin) : Yaml.load(text, origin);
        if (tree == null) {
            tree = Map.of(); // an empty file is ImageSpec() with all defaults, as in flytekit
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(
                    origin + " must hold a mapping of ImageSpec fields, e.g. \"name: my-task\"");
        }
        String refused = InputLimits.checkTree(tree);
        if (refused != null) {
            throw new IllegalArgumentException(origin + " is refused: " + refused);
        }
        return ImageSpec.of(SpecMapper.fromMap((Map<String, Object>) tree, baseDir, origin));
    }

    private static Object json(String text, String origin) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            return JsonTree.read(body);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(origin + " is not valid JSON: " + shorten(e.getMessage()), e);
        }
    }

    /** A parser's message on one line, at most {@link #MAX_PROBLEM} characters, control characters escaped. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 4 * MAX_PROBLEM ? text.substring(0, 4 * MAX_PROBLEM) : text;
        String one = cut.replaceAll("\\s*\\R\\s*", " ").strip();
        if (one.length() > MAX_PROBLEM) {
            one = one.substring(0, MAX_PROBLEM) + "…";
        }
        StringBuilder out = new StringBuilder(one.length());
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The spec as flytekit's YAML, fields in dataclass order, a base spec nested. */
    public static String write(ImageSpec spec) {
        return YamlOut.write(SpecMapper.toMap(spec.values(), false));
    }

    /** The spec as the same object in JSON. */
    public static String writeJson(ImageSpec spec) {
        return JsonTree.write(SpecMapper.toMap(spec.values(), false));
    }

    /**
     * Holder: the YAML writer, loaded only by code that writes YAML. SnakeYAML's emitter with every string
     * value double-quoted (escapes for every character that is not plain text), keys plain when they are
     * simple words PyYAML reads back as the same string, and floats as PyYAML's {@code yaml.dump} writes
     * them ({@code 1.0e+20} where Java would write {@code 1.0E20}, a string to YAML 1.1; {@code .nan},
     * {@code .inf}, {@code -.inf}), so that PyYAML and this reader read back exactly what was written.
     */
    private static final class YamlOut {
        private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-/]*");

        static String write(Object tree) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndent(2);
            options.setSplitLines(false);
            options.setWidth(Integer.MAX_VALUE);
            return new org.yaml.snakeyaml.Yaml(new PyYamlRepresenter(options), options).dump(tree);
        }

        /** Strings double-quoted, simple keys plain, floats as Python writes them. */
        private static final class PyYamlRepresenter extends Representer {
            private final PyYamlResolver resolver = new PyYamlResolver();

            PyYamlRepresenter(DumperOptions options) {
                super(options);
                representers.put(
                        String.class,
                        data -> representScalar(Tag.STR, (String) data, DumperOptions.ScalarStyle.DOUBLE_QUOTED));
                representers.put(Double.class, data -> representScalar(Tag.FLOAT, pythonFloat((Double) data)));
            }

            @Override
            protected Node representMapping(Tag tag, Map<?, ?> mapping, DumperOptions.FlowStyle flowStyle) {
                List<NodeTuple> entries = new ArrayList<>(mapping.size());
                MappingNode node = new MappingNode(tag, entries, flowStyle);
                representedObjects.put(objectToRepresent, node);
                for (Map.Entry<?, ?> e : mapping.entrySet()) {
                    Node key = e.getKey() instanceof String k && plainKey(k)
                            ? new ScalarNode(Tag.STR, k, null, null, DumperOptions.ScalarStyle.PLAIN)
                            : representData(e.getKey());
                    entries.add(new NodeTuple(key, representData(e.getValue())));
                }
                if (flowStyle == DumperOptions.FlowStyle.AUTO) {
                    node.setFlowStyle(entries.isEmpty() ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
                }
                return node;
            }

            private boolean plainKey(String key) {
                return SIMPLE_KEY.matcher(key).matches() && Tag.STR.equals(resolver.resolve(NodeId.scalar, key, true));
            }

            private static String pythonFloat(double value) {
                if (Double.isNaN(value)) {
                    return ".nan";
                }
                if (Double.isInfinite(value)) {
                    return value > 0 ? ".inf" : "-.inf";
                }
                String repr = PythonRepr.render(value);
                return repr.indexOf('.') < 0 && repr.indexOf('e') >= 0 ? repr.replaceFirst("e", ".0e") : repr;
            }
        }
    }

    /**
     * Holder: the YAML reader, SnakeYAML's safe loader with PyYAML's scalar rules and the input limits.
     * Loaded only by code that reads YAML.
     */
    private static final class Yaml {
        private Yaml() {}

        static Object load(String text, String origin) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setAllowRecursiveKeys(false);
            options.setMaxAliasesForCollections(InputLimits.MAX_COLLECTION_ALIASES);
            options.setNestingDepthLimit(InputLimits.MAX_DEPTH);
            options.setCodePointLimit(InputLimits.MAX_SPEC_FILE_BYTES);
            DumperOptions unused = new DumperOptions();
            org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(
                    new SafeConstructor(options), new Representer(unused), unused, options, new PyYamlResolver());
            Object first;
            boolean more;
            try {
                Iterator<Object> documents = yaml.loadAll(text).iterator();
                first = documents.hasNext() ? documents.next() : null;
                more = documents.hasNext();
            } catch (DuplicateKeyException e) {
                throw new IllegalArgumentException(
                        origin + " is not accepted: " + shorten(e.getProblem()) + at(e)
                                + "; a key may appear once in a mapping (PyYAML would silently keep the last)",
                        e);
            } catch (MarkedYAMLException e) {
                String context = e.getContext() == null ? "" : shorten(e.getContext()) + ": ";
                throw new IllegalArgumentException(
                        origin + " is not valid YAML: " + context + shorten(e.getProblem()) + at(e), e);
            } catch (YAMLException e) {
                throw new IllegalArgumentException(
                        origin + " is refused: " + shorten(e.getMessage()) + limitHint(e.getMessage()), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(origin + " is not valid YAML: " + shorten(String.valueOf(e)), e);
            }
            if (more) {
                throw new IllegalArgumentException(origin + " holds more than one YAML document (a second"
                        + " \"---\"); an image spec file is one mapping, as yaml.safe_load requires");
            }
            return first;
        }

        private static String at(MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return m == null ? "" : " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ")";
        }

        private static String limitHint(String message) {
            if (message != null && message.contains("aliases")) {
                return " (aliases that repeat mappings or lists, as in the \"billion laughs\"); write the values out";
            }
            return "";
        }
    }

    /**
     * PyYAML's implicit scalar types ({@code yaml/resolver.py}), which are YAML 1.1's and differ from
     * SnakeYAML's own in the floats: PyYAML needs a dot and a signed exponent ({@code 1e3} and
     * {@code 1.0e3} stay strings, {@code -.5} too), so that a spec hashes as flytekit hashes it.
     */
    private static final class PyYamlResolver extends Resolver {
        private static final Pattern BOOL =
                Pattern.compile("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
        private static final Pattern FLOAT = Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                + "|[-+]?\\.(?:inf|Inf|INF)"
                + "|\\.(?:nan|NaN|NAN))$");
        private static final Pattern INT = Pattern.compile("^(?:[-+]?0b[0-1_]+"
                + "|[-+]?0[0-7_]+"
                + "|[-+]?(?:0|[1-9][0-9_]*)"
                + "|[-+]?0x[0-9a-fA-F_]+"
                + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
        private static final Pattern MERGE = Pattern.compile("^(?:<<)$");
        private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
        private static final Pattern TIMESTAMP = Pattern.compile("^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                + "(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");
        /** PyYAML resolves a lone {@code =} to a tag its safe loader cannot construct: refused there too. */
        private static final Pattern VALUE = Pattern.compile("^(?:=)$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0"); // \0: the empty scalar
            addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
            addImplicitResolver(new Tag("tag:yaml.org,2002:value"), VALUE, "=");
        }
    }
}
