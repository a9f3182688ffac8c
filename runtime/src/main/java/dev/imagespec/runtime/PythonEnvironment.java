package dev.imagespec.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local Python a JVM developer works with, as flytekit's {@code from_env} reads its own
 * interpreter: its {@code major.minor} version and the installed versions of packages. Asked of
 * {@code $IMAGESPEC_PYTHON}, else {@code python3}, with a time limit; the package names are passed
 * as arguments, never put into code.
 */
final class PythonEnvironment {
    private static final String PROBE = """
            import sys, importlib.metadata as m
            print('%d.%d' % sys.version_info[:2])
            for n in sys.argv[1:]:
                try: print(m.version(n))
                except m.PackageNotFoundError: print('')
            """;

    private PythonEnvironment() {}

    /** {@code [version, pin of each package]}, e.g. {@code ["3.11", "numpy==1.26.4"]}. */
    static List<String> probe(List<String> packages) {
        return probe(System.getenv().getOrDefault("IMAGESPEC_PYTHON", "python3"), packages);
    }

    static List<String> probe(String python, List<String> packages) {
        List<String> command = new ArrayList<>(List.of(python, "-c", PROBE));
        command.addAll(packages);
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(python + " could not report its version and packages; set"
                        + " IMAGESPEC_PYTHON to a working Python 3 interpreter");
            }
            List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
            List<String> result = new ArrayList<>();
            result.add(lines.get(0).strip());
            for (int i = 0; i < packages.size(); i++) {
                String version = i + 1 < lines.size() ? lines.get(i + 1).strip() : "";
                if (version.isEmpty()) {
                    throw new IllegalArgumentException("pinned package \"" + packages.get(i) + "\" is not installed in "
                            + python + "; install it there or leave it out of pinnedPackages");
                }
                result.add(packages.get(i) + "==" + version);
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run " + python + " (" + e.getMessage() + "); install Python 3 or"
                            + " set IMAGESPEC_PYTHON to its path",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + python + " for its version", e);
        }
    }
}
