package dev.imagespec.processor;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * javac writing to real directories, for what compile-testing cannot show: the files a failed
 * compile leaves behind, and byte-for-byte output of two compiles.
 */
final class RealJavac {
    record Result(boolean success, String diagnostics, Path classes) {}

    private RealJavac() {}

    /** Writes {@code sources} (path → text) under {@code dir}/src and compiles them into {@code dir}/classes. */
    static Result compile(Path dir, Map<String, String> sources, List<String> order, String... extraOptions)
            throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-s", dir.resolve("gen").toString(),
                "-classpath", System.getProperty("java.class.path"), "-processor", ImageSpecProcessor.class.getName(),
                "-Aimagespec.projectDir=" + dir, "--release", "17"));
        args.addAll(List.of(extraOptions));
        Files.createDirectories(dir.resolve("gen"));
        for (String name : order) {
            Path file = src.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, sources.get(name), StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ok = javac.run(null, out, out, args.toArray(String[]::new)) == 0;
        return new Result(ok, out.toString(StandardCharsets.UTF_8), classes);
    }
}
