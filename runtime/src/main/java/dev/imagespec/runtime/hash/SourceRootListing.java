package dev.imagespec.runtime.hash;

import dev.imagespec.annotations.CopyFileDetection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a source root that flytekit copies (and hashes) in a given {@link CopyFileDetection}
 * mode, as paths relative to the root with {@code /} separators, sorted by code point.
 *
 * <ul>
 *   <li>{@code ALL}: every file, less {@code .git} directories and what flytekit's ignore group
 *       drops: files git ignores ({@code git ls-files -io --exclude-standard}, when git is
 *       installed), {@code .dockerignore} patterns, and the standard patterns {@code *.pyc},
 *       {@code .cache}, {@code .cache/*}, {@code __pycache__/*}, {@code **}{@code /__pycache__/*}
 *       (Python {@code fnmatch}: {@code *} crosses {@code /}).</li>
 *   <li>{@code LOADED_MODULES}: the Python modules the running program loaded from the root. A JVM
 *       process loads none, so the list is empty, which is what flytekit computes for a program
 *       that imports nothing from the root.</li>
 *   <li>{@code NO_COPY}: nothing.</li>
 * </ul>
 *
 * <p>Example: {@code SourceRootListing.list(Path.of("proj"), CopyFileDetection.ALL)} → {@code [a.txt, b/c.txt]}.
 */
public final class SourceRootListing {

    /** Python sorts strings by code point; Java's {@code compareTo} by UTF-16 unit. */
    static final Comparator<String> BY_CODE_POINTS = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    static final Comparator<Path> BY_CODE_POINTS_OF_NAME =
            (a, b) -> BY_CODE_POINTS.compare(a.getFileName().toString(), b.getFileName().toString());

    /** flytekit's {@code STANDARD_IGNORE_PATTERNS}, as {@code fnmatch} reads them. */
    private static final List<Pattern> STANDARD_IGNORES = List.of(
            Fnmatch.toPattern("*.pyc"), Fnmatch.toPattern(".cache"), Fnmatch.toPattern(".cache/*"),
            Fnmatch.toPattern("__pycache__/*"), Fnmatch.toPattern("**/__pycache__/*"));

    private SourceRootListing() {}

    /** The kept files of {@code root}, relative and sorted, e.g. {@code [main.py, pkg/util.py]}. */
    public static List<String> list(Path root, CopyFileDetection mode) throws IOException {
        if (mode != CopyFileDetection.ALL) {
            return List.of();
        }
        Set<String> gitIgnored = gitIgnoredFiles(root);
        DockerIgnore dockerIgnore = DockerIgnore.read(root.resolve(".dockerignore"));
        List<String> kept = new ArrayList<>();
        walk(root, root, kept, gitIgnored, dockerIgnore);
        kept.sort(BY_CODE_POINTS);
        return kept;
    }

    private static void walk(Path root, Path dir, List<String> kept, Set<String> gitIgnored, DockerIgnore docker)
            throws IOException {
        Children children = children(dir);
        for (Path f : children.files()) {
            if (isSkipped(f)) {
                continue;
            }
            String relative = root.relativize(f).toString();
            if (gitIgnored.contains(relative) || docker.ignores(relative) || isStandardIgnored(relative)) {
                continue;
            }
            kept.add(relative);
        }
        for (Path d : children.dirs()) {
            if (!d.getFileName().toString().equals(".git")) {
                walk(root, d, kept, gitIgnored, docker);
            }
        }
    }

    /** A directory's entries, unsorted: what is not a directory, and the sub-directories that are not links. */
    record Children(List<Path> files, List<Path> dirs) {}

    /**
     * The entries of {@code dir} as Python's {@code os.walk} without {@code followlinks} splits them: a
     * link to a directory is neither a file nor entered.
     */
    static Children children(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!Files.isDirectory(p)) {
                    files.add(p);
                } else if (!Files.isSymbolicLink(p)) {
                    dirs.add(p);
                }
            }
        }
        return new Children(files, dirs);
    }

    private static boolean isStandardIgnored(String relative) {
        for (Pattern p : STANDARD_IGNORES) {
            if (p.matcher(relative).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether flytekit passes over a listed file: one that does not exist (a dangling link) or is a socket
     * (or another file that is neither regular, directory nor link). One stat answers both.
     */
    static boolean isSkipped(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).isOther();
        } catch (IOException missingOrUnknowable) {
            return true; // what Files.exists answers false for
        }
    }

    /** flytekit's {@code GitIgnore}: what git reports as ignored under the root; nothing when git is absent or fails. */
    private static Set<String> gitIgnoredFiles(Path root) {
        Set<String> ignored = new HashSet<>();
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-io", "--exclude-standard")
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return ignored;
            }
            if (git.exitValue() == 0) {
                for (String line : new String(out, StandardCharsets.UTF_8).split("\n", -1)) {
                    if (!line.isEmpty()) {
                        ignored.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // no git: flytekit applies no git filter either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ignored;
    }
}
