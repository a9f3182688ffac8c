package dev.imagespec.runtime.hash;

import dev.imagespec.annotations.CopyFileDetection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
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

    static final Comparator<Path> BY_CODE_POINTS_OF_NAME = (a, b) ->
            BY_CODE_POINTS.compare(a.getFileName().toString(), b.getFileName().toString());

    /** flytekit's {@code STANDARD_IGNORE_PATTERNS}, as {@code fnmatch} reads them. */
    private static final List<Pattern> STANDARD_IGNORES = List.of(
            Fnmatch.toPattern("*.pyc"),
            Fnmatch.toPattern(".cache"),
            Fnmatch.toPattern(".cache/*"),
            Fnmatch.toPattern("__pycache__/*"),
            Fnmatch.toPattern("**/__pycache__/*"));

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
        for (Listed f : children.files()) {
            if (f.skipped()) {
                continue;
            }
            String relative = root.relativize(f.path()).toString();
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

    /**
     * A listed entry that is not a directory, with what one {@code stat} (following links) said of it:
     * null when that failed (a dangling link, a file gone since the listing).
     */
    record Listed(Path path, BasicFileAttributes attributes) {
        /** Whether flytekit passes over it: it does not exist, or is a socket or another file neither regular, directory nor link. */
        boolean skipped() {
            return attributes == null || attributes.isOther();
        }
    }

    /** A directory's entries, unsorted: what is not a directory, and the sub-directories that are not links. */
    record Children(List<Listed> files, List<Path> dirs) {}

    /**
     * The entries of {@code dir} as Python's {@code os.walk} without {@code followlinks} splits them: a
     * link to a directory is neither a file nor entered. One {@code stat} per entry, kept with the
     * files: hashing and the digest cache read sizes, times and kinds from it rather than again.
     */
    static Children children(Path dir) throws IOException {
        List<Listed> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                BasicFileAttributes a = attributes(p);
                if (a == null || !a.isDirectory()) {
                    files.add(new Listed(p, a));
                } else if (!Files.isSymbolicLink(p)) {
                    dirs.add(p);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return new Children(files, dirs);
    }

    /** What {@code stat} (following links) says of {@code p}; null when it cannot tell (missing, dangling, unreadable). */
    static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException missingOrUnknowable) {
            return null; // what Files.exists and Files.isDirectory answer false for
        }
    }

    private static boolean isStandardIgnored(String relative) {
        for (Pattern p : STANDARD_IGNORES) {
            if (p.matcher(relative).matches()) {
                return true;
            }
        }
        return false;
    }

    /** flytekit's {@code GitIgnore}: what git reports as ignored under the root; nothing when git is absent or fails. */
    private static Set<String> gitIgnoredFiles(Path root) {
        Set<String> ignored = new HashSet<>();
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-io", "--exclude-standard")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
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
