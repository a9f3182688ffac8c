package dev.imagespec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command in its own JVM: it always exits, with a small heap, whatever a registry sends or a
 * file holds; the runnable jar and the thin jar (from a repository layout) both start.
 */
class CliProcessIT {
    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run java(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(args);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("imagespec did not exit within 90 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run imagespec(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(
                "-jar", Path.of("target", "imagespec.jar").toAbsolutePath().toString()));
        all.addAll(List.of(args));
        return java(all);
    }

    @Test
    void anEndlessErrorBodyStillEndsTheCommandWithASmallHeap() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", x -> {
            try (x) {
                if (x.getRequestMethod().equals("HEAD")) {
                    x.sendResponseHeaders(500, -1);
                    return;
                }
                x.sendResponseHeaders(500, 0); // chunked, and it never ends
                byte[] block = "x".repeat(65536).getBytes(StandardCharsets.US_ASCII);
                try (OutputStream out = x.getResponseBody()) {
                    while (true) {
                        out.write(block);
                    }
                } catch (IOException clientLeft) {
                    // what a bounded client does
                }
            }
        });
        server.start();
        try {
            String image = "127.0.0.1:" + server.getAddress().getPort() + "/team/app:v1";
            long start = System.nanoTime();
            Run r = imagespec("exists", image);
            assertThat(r.code()).as(r.err()).isEqualTo(ExistsCommand.UNKNOWN);
            assertThat(r.out()).startsWith(image + "\tunknown: ").contains("answered 500");
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("OutOfMemoryError");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
                    .isLessThan(60);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void hugeFilesEndTheCommandWithASmallHeap() throws Exception {
        Path sparse = dir.resolve("sparse.yaml");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024);
        }
        for (String command : List.of("describe", "dockerfile", "build")) {
            Run r = imagespec(command, sparse.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ImageSpecCommand.BAD_INPUT);
            assertThat(r.err().strip())
                    .startsWith("imagespec: ")
                    .doesNotContain("\n")
                    .contains("1 MiB");
        }
        Path meta = Files.createDirectories(dir.resolve("classes/META-INF/imagespec"));
        Files.writeString(
                meta.resolve("index.json"),
                "{\"format\": \"imagespec-descriptor/1\", \"classes\": " + "[".repeat(20_000) + "]".repeat(20_000)
                        + "}");
        Run deep = imagespec("list", "--classpath", dir.resolve("classes").toString());
        assertThat(deep.code()).as(deep.err()).isEqualTo(ImageSpecCommand.BAD_INPUT);
        assertThat(deep.err())
                .contains("index.json")
                .contains("nesting deeper than")
                .doesNotContain("StackOverflowError");
    }

    @Test
    void theThinJarRunsFromARepositoryLayout() throws Exception {
        Path thin = Path.of("target", "imagespec-cli-" + VERSION + ".jar").toAbsolutePath();
        Path repo = dir.resolve("repository");
        Path home = repo.resolve("dev/imagespec/imagespec-cli/" + VERSION);
        Files.createDirectories(home);
        Files.copy(thin, home.resolve(thin.getFileName()));
        Manifest manifest;
        try (JarFile jar = new JarFile(thin.toFile())) {
            manifest = jar.getManifest();
        }
        assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo(ImageSpecCommand.class.getName());
        for (String entry : manifest.getMainAttributes().getValue("Class-Path").split(" ")) {
            assertThat(entry).startsWith("../../../../");
            String relative = entry.substring("../../../../".length());
            Path target = repo.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, locate(relative));
        }
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "name: thin\nenv: {MODE: &m batch, COPY: *m}\n");

        Run version = java(List.of("-jar", home.resolve(thin.getFileName()).toString(), "--version"));
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith(ImageSpecCommand.VERSION);
        Run describe = java(List.of("-jar", home.resolve(thin.getFileName()).toString(), "describe", spec.toString()));
        assertThat(describe.code()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("\"COPY\" : \"batch\"");

        Run runnable = imagespec("--version");
        assertThat(runnable.out()).startsWith(ImageSpecCommand.VERSION);
    }

    /** Where a dependency of the thin jar is: a reactor module's jar, or the entry of this test's class path. */
    private static Path locate(String repositoryPath) {
        String prefix = "dev/imagespec/imagespec-";
        if (repositoryPath.startsWith(prefix)) {
            String module = repositoryPath.substring(prefix.length(), repositoryPath.indexOf('/', prefix.length()));
            Path jar = Path.of("..", module, "target", "imagespec-" + module + "-" + VERSION + ".jar")
                    .toAbsolutePath()
                    .normalize();
            assertThat(jar).as("build the reactor first").exists();
            return jar;
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.replace(File.separatorChar, '/').endsWith("/" + repositoryPath)) {
                return Path.of(entry);
            }
        }
        throw new AssertionError(repositoryPath + " is not on the test class path");
    }
}
