package dev.imagespec.runtime.hash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file as docker's pattern matcher reads it: patterns in order, the last one
 * that matches a path or one of its parent directories decides, {@code !} re-includes; {@code *} and
 * {@code ?} stay within one path element, {@code **} crosses elements.
 *
 * <p>Example: a file holding {@code data/**} and {@code !data/keep.csv} ignores {@code data/a.csv}
 * but keeps {@code data/keep.csv}.
 *
 * @see <a href="https://docs.docker.com/build/concepts/context/#dockerignore-files">.dockerignore</a>
 */
final class DockerIgnore {
    private record Rule(Pattern pattern, boolean exclusion) {}

    private static final DockerIgnore NONE = new DockerIgnore(List.of());
    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                continue;
            }
            String p = line.strip();
            boolean exclusion = p.startsWith("!");
            if (exclusion) {
                p = p.substring(1).strip();
            }
            p = clean(p);
            if (!p.isEmpty()) {
                rules.add(new Rule(toPattern(p), exclusion));
            }
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    boolean ignores(String relative) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if (matchesSelfOrParent(rule.pattern, relative)) {
                ignored = !rule.exclusion;
            }
        }
        return ignored;
    }

    private static boolean matchesSelfOrParent(Pattern pattern, String path) {
        String candidate = path;
        while (true) {
            if (pattern.matcher(candidate).matches()) {
                return true;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static String clean(String p) {
        String s = p.replaceAll("/+", "/");
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }

    private static Pattern toPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
