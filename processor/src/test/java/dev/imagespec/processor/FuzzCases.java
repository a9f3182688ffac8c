package dev.imagespec.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random, often hostile {@code @ImageSpec} sources for {@link ProcessorFuzzTest}: every member with
 * valid and invalid values (quotes, controls, NUL, lone surrogates, non-ASCII, very long text,
 * NaN and infinities, JSON nested past the limit or malformed), base specs (valid, invalid, a typo,
 * a cycle), composed annotations one to three deep, two specs on one class, and now and then a
 * class with a javac error of its own. Each case records where its annotations are, so that the
 * test can tell an error on a member from an error anywhere else.
 */
final class FuzzCases {
    /** One compile: sources by path, and the lines each file's spec annotations and declarations take. */
    record Case(Map<String, String> sources, Map<String, List<int[]>> specLines, String description) {
        List<String> order() {
            return new ArrayList<>(sources.keySet());
        }
    }

    private final Random r;
    /** Half the cases: anything goes. The other half: values a valid spec may hold, with the tricky ones among them. */
    private final boolean hostile;

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<int[]>> specLines = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private FuzzCases(Random r) {
        this.r = r;
        this.hostile = r.nextBoolean();
    }

    static Case next(Random random) {
        return new FuzzCases(random).build();
    }

    private Case build() {
        notes.add(hostile ? "hostile" : "valid values");
        String base = null;
        if (chance(0.3)) {
            base = "Base";
            file("Base", "class", members(1), "public class Base {}");
        }
        String baseSpec = !chance(0.4)
                ? null
                : !hostile
                        ? (base != null ? "Base.class" : null)
                        : pick(
                                base != null ? "Base.class" : "Task.Inner.class",
                                "Typo.class",
                                "Task.class",
                                "String.class",
                                "void.class",
                                "Gpu0.class",
                                "Task.Inner.class");
        List<String> taskMembers = members(0);
        if (baseSpec != null && !chance(0.1)) {
            taskMembers.add("baseSpec = " + baseSpec);
            notes.add("baseSpec " + baseSpec);
        }
        int composed = chance(0.3) ? 1 + r.nextInt(3) : 0;
        String carried = "";
        if (composed > 0) {
            // Gpu0 carries @ImageSpec; GpuN carries Gpu(N-1); the task carries the outermost
            file("Gpu0", "@interface", members(1), "public @interface Gpu0 {}");
            for (int i = 1; i < composed; i++) {
                sources.put(
                        "t/Gpu" + i + ".java", "package t;\n@Gpu" + (i - 1) + "\npublic @interface Gpu" + i + " {}\n");
                specLines.put("t/Gpu" + i + ".java", List.of(new int[] {2, 3}));
            }
            carried = "@Gpu" + (composed - 1) + " ";
            notes.add("composed " + composed);
        }
        if (composed == 0 || (hostile && chance(0.15))) {
            String inner = chance(0.1) ? "\n  @ImageSpec(name = \"inner\") public static class Inner {}" : "";
            fileWithBody("Task", carried, taskMembers, "public class Task {" + inner + "\n}");
        } else {
            sources.put("t/Task.java", "package t;\n" + carried + "\npublic class Task {}\n");
            specLines.put("t/Task.java", List.of(new int[] {2, 3}));
        }
        if (hostile && chance(0.15)) {
            String other = pick(
                    "class Other { int x = \"s\"; }",
                    "class Other { void m() { Missing.call(); } }",
                    "class Other { int m() { } }",
                    "class Other { Missing field; }");
            sources.put("t/Other.java", "package t;\n" + other + "\n");
            specLines.put("t/Other.java", List.of());
            notes.add("javac error elsewhere");
        }
        return new Case(sources, specLines, String.join(", ", notes));
    }

    private void file(String name, String kind, List<String> members, String declaration) {
        fileWithBody(name, "", members, declaration);
    }

    /** {@code t/<name>.java}: the annotation with one member a line, then the declaration. */
    private void fileWithBody(String name, String prefix, List<String> members, String declaration) {
        StringBuilder s = new StringBuilder("package t;\nimport dev.imagespec.annotations.*;\n"
                + "import dev.imagespec.annotations.ImageSpec.*;\n");
        int line = 4;
        int start = line;
        s.append(prefix).append("@ImageSpec(\n");
        line++;
        for (int i = 0; i < members.size(); i++) {
            s.append("    ").append(members.get(i)).append(i + 1 < members.size() ? ",\n" : "\n");
            line++;
        }
        s.append(")\n");
        line++;
        int declarationLines = (int) declaration.chars().filter(c -> c == '\n').count();
        s.append(declaration).append('\n');
        sources.put("t/" + name + ".java", s.toString());
        specLines.put("t/" + name + ".java", List.of(new int[] {start, line + declarationLines}));
    }

    // ---- members ------------------------------------------------------------------------------

    private List<String> members(int depth) {
        List<String> out = new ArrayList<>();
        if (chance(0.6)) {
            out.add("name = "
                    + lit(hostile && chance(0.3) ? text() : pick("trainer", "base", "gpu", "my-task", "a.b_c")));
        }
        for (String member : List.of(
                "pythonVersion",
                "registry",
                "cuda",
                "cudnn",
                "baseImage",
                "platform",
                "pipIndex",
                "pipExtraArgs",
                "registryConfig",
                "tagFormat",
                "pythonExec",
                "builder")) {
            if (chance(0.12)) {
                out.add(member + " = " + lit(stringFor(member)));
            }
        }
        for (String member : List.of(
                "packages",
                "condaPackages",
                "condaChannels",
                "aptPackages",
                "pipExtraIndexUrl",
                "entrypoint",
                "commands",
                "runtimePackages")) {
            if (chance(0.12)) {
                out.add(member + " = " + list(() -> stringFor(member)));
            }
        }
        if (chance(0.2)) {
            out.add("requirements = " + lit(path()));
        }
        if (chance(0.2)) {
            out.add("copy = " + list(this::path));
        }
        if (chance(0.15)) {
            out.add("sourceRoot = "
                    + lit(hostile ? pick("src", "data", "missing", "\ud800", "") : pick("src", "data")));
            if (chance(0.7)) {
                out.add("sourceCopyMode = CopyFileDetection." + pick("ALL", "NO_COPY", "LOADED_MODULES"));
            }
        } else if (hostile && chance(0.05)) {
            out.add("sourceCopyMode = {CopyFileDetection.ALL, CopyFileDetection.NO_COPY}");
        }
        if (chance(0.25)) {
            List<String> names = new ArrayList<>(List.of("MODE", "A", "B", "PATH_X", "_under"));
            java.util.Collections.shuffle(names, r);
            int[] next = {0};
            out.add("env = "
                    + repeated(() -> "@Env(name = " + lit(hostile && chance(0.4) ? text() : names.get(next[0]++))
                            + ", value = " + lit(text()) + ")"));
        }
        if (chance(0.1)) {
            out.add("pipSecretMounts = @SecretMount(src = " + lit(hostile ? pick(".netrc", text()) : ".netrc")
                    + ", dst = " + lit(hostile ? pick("/root/.netrc", "rel", text()) : "/root/.netrc") + ")");
        }
        for (String member : List.of("builderOptions", "builderConfig")) {
            if (chance(0.25)) {
                out.add(member + " = " + repeated(this::option));
            }
        }
        if (depth > 0 && chance(0.1)) {
            out.add("baseImage = \"python:3.11-slim\"");
        }
        if (hostile && chance(0.05)) {
            out.add("registry = ImageSpec.UNSET");
        }
        return out;
    }

    private String stringFor(String member) {
        if (hostile && chance(0.5)) {
            return text();
        }
        String v = switch (member) {
            case "pythonVersion" -> choose(4, "3.11", "3.10", "3.14", "3.8", "3.1O", "2.7");
            case "registry" ->
                choose(3, "ghcr.io/acme", "localhost:30000", "registry.example.com:5000/a/b", "https://x.io", "a/");
            case "cuda" -> choose(2, "12.1", "11.2.2", "twelve");
            case "cudnn" -> choose(2, "8", "9", "x");
            case "baseImage" ->
                choose(3, "python:3.11-slim", "ghcr.io/acme/base:1", "a@sha256:" + "0".repeat(64), "Bad Image");
            case "platform" -> choose(3, "linux/amd64", "linux/arm64", "linux/amd64,linux/arm64", "plan9/x");
            case "pipIndex", "pipExtraIndexUrl" ->
                choose(2, "https://pypi.example.com/simple", "http://localhost:8080/s", "ftp://x");
            case "tagFormat" -> choose(2, "{spec_hash}-dev", "v1-{spec_hash}", "latest", "{x}");
            case "packages", "runtimePackages" ->
                choose(4, "numpy==1.26.4", "pandas>=2", "scipy", "torch[cuda]~=2.1", "bad pkg");
            case "condaPackages" -> choose(2, "pytorch", "cudatoolkit=11.8", "bad spec!");
            case "aptPackages" -> choose(3, "git", "curl", "libssl-dev", "Bad_Pkg");
            case "entrypoint", "commands" -> choose(4, "python", "-m", "echo 'it''s \"q\"'", "mkdir -p /opt/caf\u00e9");
            case "pipExtraArgs" -> choose(2, "--no-cache-dir", "--pre");
            case "registryConfig" -> choose(2, "/root/.docker/config.json", "config.json");
            case "pythonExec" -> choose(2, "/usr/local/bin/python3", "python3");
            case "builder" -> choose(2, "default", "noop", "nobody");
            default -> choose(2, "x", "caf\u00e9 \u6f22");
        };
        return v;
    }

    private String path() {
        if (!hostile) {
            return pick("requirements.txt", "data", "data/x.csv", "run.sh", "with space.txt", "data/sub");
        }
        return pick(
                "requirements.txt",
                "data",
                "data/x.csv",
                "missing.txt",
                "run.sh",
                "",
                "/nowhere/abs",
                "caf\u00e9.txt",
                "\ud800",
                "with space.txt",
                "req\0.txt");
    }

    private final List<String> optionNames = new ArrayList<>();

    private String option() {
        String name = hostile && chance(0.3) ? text() : "o" + optionNames.size();
        optionNames.add(name);
        if (!hostile) {
            String value = switch (r.nextInt(6)) {
                case 0 -> "value = " + lit(text());
                case 1 ->
                    "intValue = "
                            + pick(
                                    "2",
                                    "0",
                                    "-1",
                                    "Long.MIN_VALUE",
                                    "Long.MAX_VALUE",
                                    Long.toString(r.nextLong()) + "L");
                case 2 ->
                    "floatValue = "
                            + pick(
                                    "4.5",
                                    "-0.0",
                                    "1e308",
                                    "4.9E-324",
                                    Double.toString(r.nextGaussian() * 1e6),
                                    "0.1 + 0.2",
                                    "1e16",
                                    "1e-5",
                                    "123456789.125");
                case 3 -> "boolValue = " + r.nextBoolean();
                case 4 -> "nullValue = true";
                default -> "json = " + lit(json(0));
            };
            return "@Option(name = " + lit(name) + ", " + value + ")";
        }
        String value = switch (r.nextInt(9)) {
            case 0 -> "value = " + lit(text());
            case 1 ->
                "intValue = "
                        + pick("2", "0", "-1", "Long.MIN_VALUE", "Long.MAX_VALUE", Long.toString(r.nextLong()) + "L");
            case 2 ->
                "floatValue = "
                        + pick(
                                "4.5",
                                "-0.0",
                                "1e308",
                                "4.9E-324",
                                "Double.NaN",
                                "Double.POSITIVE_INFINITY",
                                "-1.0 / 0",
                                Double.toString(r.nextGaussian() * 1e6),
                                "0.1 + 0.2");
            case 3 -> "boolValue = " + r.nextBoolean();
            case 4 -> "nullValue = true";
            case 5, 6 -> "json = " + lit(json(0));
            case 7 -> "intValue = 1, value = \"two\"";
            default ->
                "json = "
                        + lit(
                                chance(0.5)
                                        ? "[1,"
                                        : "[".repeat(pick(99, 100, 101, 998)) + "]".repeat(r.nextInt(2) == 0 ? 0 : 1));
        };
        return "@Option(name = " + lit(name) + (chance(0.05) ? "" : ", " + value) + ")";
    }

    private String json(int depth) {
        int kind = depth > 6 ? r.nextInt(4) : r.nextInt(7);
        return switch (kind) {
            case 0 ->
                hostile
                        ? pick("1", "-0.0", "1e999", "123456789012345678901234567890", "2.5e-05", "0.1", "-7")
                        : pick("1", "-0.0", "123456789012345678901234567890", "2.5e-05", "0.1", "-7", "1E+2", "1e-400");
            case 1 -> pick("true", "false", "null");
            case 2 ->
                "\""
                        + (hostile
                                ? pick("two", "\\ud800", "\\ud83d\\ude00", "q\\\"uote", "\\u0000", "caf\u00e9", "\\n")
                                : pick("two", "\\ud83d\\ude00", "q\\\"uote", "\\u0000", "caf\u00e9", "\\n", "\\t'"))
                        + "\"";
            case 3 -> "\"s\"";
            case 4, 5 -> {
                StringBuilder s = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    s.append(i > 0 ? ", " : "").append(json(depth + 1));
                }
                yield s.append(']').toString();
            }
            default -> {
                StringBuilder s = new StringBuilder("{");
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    s.append(i > 0 ? ", " : "")
                            .append('"')
                            .append(hostile ? pick("k", "a", "\\ud800", "k") : "k" + i)
                            .append("\": ")
                            .append(json(depth + 1));
                }
                yield s.append('}').toString();
            }
        };
    }

    /** Hostile text: quotes, controls, NUL, surrogates (lone and paired), non-ASCII, long. */
    private String text() {
        if (!hostile) {
            return pick(
                    "train",
                    "",
                    "it's \"q\" \\ back",
                    "caf\u00e9 \u6f22",
                    "\ud83d\ude00 emoji",
                    "x".repeat(1 + r.nextInt(200)),
                    "{spec_hash}",
                    "a=b;c",
                    "100%",
                    "tab\there");
        }
        return switch (r.nextInt(12)) {
            case 0 -> "";
            case 1 -> "x".repeat(1 + r.nextInt(3000));
            case 2 -> "\0";
            case 3 -> "a\ud800b";
            case 4 -> "\udc00";
            case 5 -> "\ud83d\ude00 emoji";
            case 6 -> "it's \"q\" \\ back";
            case 7 -> "line\nbreak\r\ttab";
            case 8 -> "caf\u00e9 \u6f22 \u2028 \u00a0";
            case 9 -> "{spec_hash}";
            default -> {
                String alphabet = "abcXYZ09 -_./:@'\"\\\t\n\0\u00e9\u6f22\ud800\udc00\u007f\u0085";
                StringBuilder s = new StringBuilder();
                int n = r.nextInt(12);
                for (int i = 0; i < n; i++) {
                    s.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                yield s.toString();
            }
        };
    }

    private interface Gen {
        String get();
    }

    private String list(Gen item) {
        if (chance(0.1)) {
            return "{}";
        }
        StringBuilder s = new StringBuilder("{");
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            s.append(i > 0 ? ", " : "").append(lit(item.get()));
        }
        return s.append('}').toString();
    }

    private String repeated(Gen item) {
        StringBuilder s = new StringBuilder("{");
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            s.append(i > 0 ? ", " : "").append(item.get());
        }
        return s.append('}').toString();
    }

    /** Any of {@code options} in a hostile case; one of the first {@code valid} (valid values) otherwise. */
    private String choose(int valid, String... options) {
        return options[r.nextInt(hostile ? options.length : valid)];
    }

    private boolean chance(double p) {
        return r.nextDouble() < p;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    private static String lit(String s) {
        return AnnotationSource.lit(s);
    }
}
