package dev.imagespec.builders.dockerfile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How values reach a Dockerfile without becoming syntax. Exec-form arrays are JSON, which both
 * BuildKit and buildah parse with a JSON parser and never expand; ENV values are double-quoted
 * words, in which the Dockerfile lexer gives meaning only to {@code \}, {@code "} and {@code $}.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#environment-replacement">Dockerfile environment replacement</a>
 */
public final class DockerfileSyntax {

    /**
     * Values that may stand unquoted inside a {@code --mount=...} or {@code --secret ...} option:
     * those options are comma-separated key=value lists, so a comma or an {@code =} would add an option.
     */
    public static final Pattern OPTION_VALUE = Pattern.compile("[A-Za-z0-9_./@+-]+");

    /** Image references as they may follow {@code FROM}: the OCI reference alphabet, nothing that splits a word. */
    public static final Pattern IMAGE_REFERENCE = Pattern.compile("[A-Za-z0-9._:/@-]+");

    private DockerfileSyntax() {}

    /**
     * {@code path} as an absolute, normalized POSIX path, a relative one joined to {@code workdir}:
     * what BuildKit makes of a relative {@code RUN --mount} target ({@code filepath.Join("/", dir, target)}).
     * Example: {@code absolute("/root", "secret_dst_2")} is {@code /root/secret_dst_2}, {@code absolute("/", "a/../b")} {@code /b}.
     */
    public static String absolute(String workdir, String path) {
        String joined = path.startsWith("/") ? path : workdir + "/" + path;
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : joined.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** A JSON array of strings, e.g. {@code ["/bin/sh", "-c", "echo \"hi\""]}. */
    static String jsonArray(List<String> items) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            jsonString(items.get(i), s);
        }
        return s.append(']').toString();
    }

    /** Control characters become {@code \}{@code uXXXX}, so an array never spans two Dockerfile lines. */
    static void jsonString(String v, StringBuilder s) {
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }

    /**
     * An ENV value as a double-quoted word, e.g. {@code "a \$(b) \"c\""}: {@code $} is escaped so
     * that no variable or command substitution happens. The caller refuses control characters first:
     * a Dockerfile word cannot hold a line break.
     */
    static String envValue(String v) {
        StringBuilder s = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\' || c == '$') {
                s.append('\\');
            }
            s.append(c);
        }
        return s.append('"').toString();
    }
}
