package dev.imagespec.runtime.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much input the spec readers take before they refuse it, so that no file, descriptor or index
 * can make them run out of memory, overflow the stack or run for minutes: a size limit checked before
 * reading, a nesting depth, and a bound on how many values YAML aliases may expand to. Every reader
 * (YAML and JSON spec files, descriptors and indexes: SnakeYAML and {@code JsonTree}) uses these numbers.
 *
 * <p>Example: {@code InputLimits.checkFileSize(Path.of("spec.yaml"), "image spec")} throws for a
 * 3 GB file before a byte of it is read.
 */
public final class InputLimits {
    /** Largest spec file (YAML or JSON): 1 MiB. A real spec is a few hundred bytes. */
    public static final int MAX_SPEC_FILE_BYTES = 1024 * 1024;
    /** Largest descriptor or index: 4 MiB (an index of thousands of classes stays far below). */
    public static final int MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024;
    /**
     * Deepest nesting of mappings and lists: 256 levels. A spec nests a few levels (a base spec per
     * level of {@code base_image}, typed options); the readers, the hash and the writers recurse per level.
     * Above the deepest spec the processor accepts (100 base levels, the innermost holding 100 levels
     * of option JSON, inside the descriptor's own few levels), so every descriptor it writes reads back.
     */
    public static final int MAX_DEPTH = 256;
    /** Most values a file may hold once YAML aliases are expanded: 100,000 (billion laughs expands to 10^9). */
    public static final int MAX_VALUES = 100_000;
    /** Most aliases to mappings or lists in one YAML file (SnakeYAML's own default). */
    public static final int MAX_COLLECTION_ALIASES = 50;
    /** Longest number literal: 1,000 digits (Jackson's default; signs, point and exponent mark not counted). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private InputLimits() {}

    /**
     * Refuses a file larger than {@code limit} before reading it, naming the file and the limit.
     *
     * @throws IllegalArgumentException for a file over the limit or one that is not a regular file
     * @throws IOException when its size cannot be read
     */
    public static void checkFileSize(Path file, String what, long limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " is not a regular file");
        }
        long size = Files.size(file);
        if (size > limit) {
            throw new IllegalArgumentException(tooLarge(what + " " + file, size, limit));
        }
    }

    /**
     * All of {@code in}, at most {@code limit} bytes; a longer stream is refused after reading one byte
     * more than the limit, whatever its length (a file still growing, a stream without a size).
     *
     * @throws IOException naming {@code source} and the limit when the stream is longer
     */
    public static byte[] readAtMost(InputStream in, int limit, String source) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new IOException(source + " is larger than " + bytes(limit) + "; it cannot be a real spec file,"
                    + " descriptor or index");
        }
        return bytes;
    }

    /** {@code spec.yaml is 3221225472 bytes; image spec files are limited to 1 MiB (1048576 bytes)}. */
    static String tooLarge(String what, long size, long limit) {
        return what + " is " + size + " bytes; it is refused unread, as larger than " + bytes(limit)
                + " (no real image spec is anywhere near that size)";
    }

    private static String bytes(long limit) {
        return (limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MiB" : limit + " bytes") + " (" + limit
                + " bytes)";
    }

    /**
     * Walks a parsed tree (maps and lists, possibly sharing sub-trees through YAML aliases) and refuses it
     * when it refers to itself, nests deeper than {@link #MAX_DEPTH}, expands to more than
     * {@link #MAX_VALUES} values, or holds a string with an unpaired UTF-16 surrogate. Shared sub-trees are counted once per use but walked once, so this is
     * linear in the parsed size, not in the expanded one.
     *
     * @return a message saying what is wrong, or null when the tree is within the limits
     */
    public static String checkTree(Object tree) {
        try {
            new TreeWalk().count(tree, 0);
            return null;
        } catch (TreeWalk.Refused refused) {
            return refused.getMessage();
        }
    }

    /** The tree walk of {@link #checkTree}: memoized counts by identity, the open path for cycles. */
    private static final class TreeWalk {
        private final IdentityHashMap<Object, Long> counted = new IdentityHashMap<>();
        private final IdentityHashMap<Object, Boolean> open = new IdentityHashMap<>();
        private final IdentityHashMap<Object, Integer> heights = new IdentityHashMap<>();

        /** The expanded number of values at and under {@code v}; also checks depth from {@code depth}. */
        long count(Object v, int depth) throws Refused {
            if (v instanceof String s) {
                unpairedSurrogate(s);
                return 1;
            }
            if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                return 1;
            }
            Long known = counted.get(v);
            if (known != null) {
                if (depth + heights.get(v) > MAX_DEPTH) {
                    throw new Refused(deeper());
                }
                return known;
            }
            if (depth >= MAX_DEPTH) {
                throw new Refused(deeper());
            }
            if (open.put(v, Boolean.TRUE) != null) {
                throw new Refused("a value contains itself (a YAML alias to a mapping or list that holds the"
                        + " alias); an image spec's values cannot be recursive");
            }
            long total = 1;
            int height = 0;
            Iterable<?> children = v instanceof Map<?, ?> m ? concat(m) : (List<?>) v;
            for (Object child : children) {
                total += count(child, depth + 1);
                height = Math.max(height, heightOf(child));
                if (total > MAX_VALUES) {
                    throw new Refused("it expands to more than " + MAX_VALUES + " values (YAML aliases repeat what"
                            + " they name, e.g. the \"billion laughs\"); write the values out, or use fewer aliases");
                }
            }
            open.remove(v);
            counted.put(v, total);
            heights.put(v, height + 1);
            return total;
        }

        /**
         * Refuses a string with half a UTF-16 surrogate pair (only an escape such as {@code "\\ud800"} makes
         * one): it is no Unicode character, so no UTF-8 file (descriptor, Dockerfile, YAML) could hold it, and
         * the writers would turn it into another character.
         */
        private static void unpairedSurrogate(String s) throws Refused {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new Refused("a string holds half a UTF-16 surrogate pair ("
                            + String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)
                            + ", from an escape), which is no Unicode character; no file can"
                            + " hold it");
                }
            }
        }

        private int heightOf(Object child) {
            Integer h = heights.get(child);
            return h == null ? 0 : h;
        }

        private static List<Object> concat(Map<?, ?> m) {
            List<Object> all = new java.util.ArrayList<>(m.size() * 2);
            m.forEach((k, val) -> {
                all.add(k);
                all.add(val);
            });
            return all;
        }

        private static String deeper() {
            return "it nests mappings and lists more than " + MAX_DEPTH + " levels deep; no image spec nests"
                    + " like that";
        }

        /** Why a tree is refused; no stack trace, it is an answer. */
        static final class Refused extends Exception {
            private static final long serialVersionUID = 1L;

            Refused(String message) {
                super(message, null, false, false);
            }
        }
    }
}
