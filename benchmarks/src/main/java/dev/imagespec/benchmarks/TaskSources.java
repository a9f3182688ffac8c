package dev.imagespec.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a project of task classes for the compile benchmarks: {@code classes} small task classes in
 * 20 packages, of which {@code annotated} carry a spec. Of those, {@code composedUsers} use one of
 * five composed annotations, {@code fileBacked} name files (half a requirements file of their own,
 * half a copied directory of 8 files), and the rest carry varied direct specs (name, packages,
 * registry, env, apt packages, CUDA, commands, tag format, typed builder options, platform, base image).
 *
 * <p>Example: {@code TaskSources.write(dir, 2000, 1000, 50, 20)} writes {@code dir/src/**.java} and
 * {@code dir/files/**} and returns the source files.
 */
final class TaskSources {
    private static final int PACKAGES = 20;
    private static final int COMPOSED = 5;

    private TaskSources() {}

    static List<Path> write(Path dir, int classes, int annotated, int composedUsers, int fileBacked)
            throws IOException {
        List<Path> sources = new ArrayList<>();
        Path src = dir.resolve("src");
        for (int c = 0; c < COMPOSED; c++) {
            String body = "@ImageSpec(name = \"shared" + c + "\", pythonVersion = \"3.1" + c + "\", cuda = \"12." + c
                    + "\", packages = {\"torch==2." + c + ".0\", \"numpy\"}, registry = \"ghcr.io/acme\")\n"
                    + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)\n"
                    + "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)\n"
                    + "public @interface Shared" + c + " {}\n";
            sources.add(source(
                    src, "bench.shared", "Shared" + c, "import dev.imagespec.annotations.ImageSpec;\n\n" + body));
        }
        for (int i = 0; i < classes; i++) {
            String pkg = "bench.p" + (i % PACKAGES);
            String name = "Task" + i;
            String annotation = i < annotated ? annotation(dir, i, composedUsers, fileBacked) : "";
            sources.add(source(src, pkg, name, "import java.util.List;\n\n" + annotation + taskBody(name)));
        }
        // As in a checkout: files older than the compile (a file changed within the last two seconds
        // is hashed again on every compile, see DigestCache).
        FileTime anHourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, anHourAgo);
            }
        }
        return sources;
    }

    private static String annotation(Path dir, int i, int composedUsers, int fileBacked) throws IOException {
        if (i < composedUsers) {
            return "@bench.shared.Shared" + (i % COMPOSED) + "\n";
        }
        if (i < composedUsers + fileBacked) {
            int k = i - composedUsers;
            if (k % 2 == 0) {
                Path req = dir.resolve("files/req" + k + ".txt");
                Files.createDirectories(req.getParent());
                Files.writeString(req, "numpy==1.26." + k + "\npandas>=2\nscikit-learn\n");
                return "@dev.imagespec.annotations.ImageSpec(name = \"filed" + k + "\", requirements = \"files/req" + k
                        + ".txt\", registry = \"localhost:30000\")\n";
            }
            Path conf = dir.resolve("files/conf" + k);
            Files.createDirectories(conf.resolve("sub"));
            for (int f = 0; f < 8; f++) {
                Path file = conf.resolve(f < 4 ? "c" + f + ".yaml" : "sub/s" + f + ".txt");
                Files.writeString(file, ("key" + f + ": value " + k + "\n").repeat(200));
            }
            return "@dev.imagespec.annotations.ImageSpec(name = \"copied" + k + "\", copy = {\"files/conf" + k
                    + "\"}, registry = \"localhost:30000\")\n";
        }
        StringBuilder a = new StringBuilder("@dev.imagespec.annotations.ImageSpec(name = \"task" + i + "\"");
        a.append(", packages = {\"numpy==1.").append(i % 30).append(".0\", \"pandas\"}");
        switch (i % 6) {
            case 0 -> a.append(", registry = \"ghcr.io/acme\", pythonVersion = \"3.11\"");
            case 1 ->
                a.append(", env = {@dev.imagespec.annotations.ImageSpec.Env(name = \"MODE\", value = \"m")
                        .append(i)
                        .append("\")}, aptPackages = {\"git\", \"curl\"}");
            case 2 -> a.append(", cuda = \"12.1\", cudnn = \"8\", baseImage = \"python:3.11-slim\"");
            case 3 ->
                a.append(", commands = {\"mkdir -p /opt/").append(i).append("\"}, tagFormat = \"{spec_hash}-dev\"");
            case 4 ->
                a.append(", builderOptions = {@dev.imagespec.annotations.ImageSpec.Option(name = \"cpu\", intValue = ")
                        .append(i % 8)
                        .append(")}, platform = \"linux/amd64,linux/arm64\"");
            default ->
                a.append(
                        ", registry = \"localhost:30000\", condaPackages = {\"pytorch\"}, condaChannels = {\"nvidia\"}");
        }
        return a.append(")\n").toString();
    }

    private static String taskBody(String name) {
        return "public class " + name + " {\n"
                + "    private final int factor;\n"
                + "    private final List<String> inputs;\n\n"
                + "    public " + name + "(int factor, List<String> inputs) {\n"
                + "        this.factor = factor;\n"
                + "        this.inputs = List.copyOf(inputs);\n"
                + "    }\n\n"
                + "    public long run() {\n"
                + "        long total = 0;\n"
                + "        for (String s : inputs) {\n"
                + "            total += (long) s.length() * factor;\n"
                + "        }\n"
                + "        return total;\n"
                + "    }\n\n"
                + "    @Override\n"
                + "    public String toString() {\n"
                + "        return \"" + name + "(\" + factor + \", \" + inputs.size() + \" inputs)\";\n"
                + "    }\n"
                + "}\n";
    }

    private static Path source(Path src, String pkg, String name, String body) throws IOException {
        Path file = src.resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package " + pkg + ";\n\n" + body, StandardCharsets.UTF_8);
        return file;
    }
}
