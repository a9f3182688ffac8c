package dev.imagespec.processor;

import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What the processor checks on annotation values before it trusts them: whether javac could
 * resolve them (an unresolved {@code baseSpec = Typo.class} or a symbol another processor generates
 * later reads as javac's error value, not as a class), and whether a string can stand in a spec at
 * all (no NUL, which marks an unset member; no lone surrogate, which UTF-8 cannot hold).
 */
final class Values {
    private Values() {}

    /**
     * Whether javac could not resolve {@code v} or something inside it: its error value (javac's
     * {@code Attribute.Error}, whose {@code getValue()} is the string {@code <error>} while a real
     * string constant prints quoted), an error type, or an annotation of an unresolved type.
     */
    static boolean erroneous(AnnotationValue v) {
        return erroneous(v, 0);
    }

    private static boolean erroneous(AnnotationValue v, int depth) {
        if (v == null || depth > Limits.MAX_DEPTH) {
            return true;
        }
        Object o = v.getValue();
        if (o instanceof String) {
            return "<error>".equals(v.toString());
        }
        if (o instanceof TypeMirror t) {
            return t.getKind() == TypeKind.ERROR;
        }
        if (o instanceof AnnotationMirror m) {
            return erroneous(m, depth + 1);
        }
        if (o instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof AnnotationValue av) || erroneous(av, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        return !(o instanceof VariableElement || o instanceof Number || o instanceof Boolean || o instanceof Character);
    }

    /** Whether the annotation's type or one of its explicit values is unresolved. */
    static boolean erroneous(AnnotationMirror m) {
        return erroneous(m, 0);
    }

    private static boolean erroneous(AnnotationMirror m, int depth) {
        if (m.getAnnotationType().getKind() == TypeKind.ERROR) {
            return true;
        }
        for (AnnotationValue value : m.getElementValues().values()) {
            if (erroneous(value, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why {@code s} cannot be a spec value, or null when it can: a NUL is the mark of an unset
     * member ({@code ImageSpec.UNSET}), and a lone surrogate is no text (a descriptor is UTF-8).
     */
    static String badText(String what, String s) {
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            return what + " " + quote(s) + " contains NUL (\\u0000 at index " + nul + "), which marks an unset member"
                    + " (ImageSpec.UNSET): leave the member out to leave it unset, and write no NUL in a value";
        }
        int lone = loneSurrogate(s);
        if (lone >= 0) {
            return what + " " + quote(s) + " contains a lone surrogate ("
                    + String.format(Locale.ROOT, "\\u%04x", (int) s.charAt(lone)) + " at index " + lone
                    + "), which is not text: a descriptor (UTF-8) cannot hold"
                    + " it; write the whole character (both halves of the pair) or remove it";
        }
        return null;
    }

    /** The index of the first unpaired surrogate in {@code s}, or -1. */
    static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why {@code s} cannot name a file on this machine, or null when it can: {@link Path#of} refuses
     * characters the file-name encoding ({@code sun.jnu.encoding}, from the locale) cannot encode,
     * e.g. any non-ASCII character under the POSIX locale.
     */
    static String badPath(String member, String s) {
        try {
            var unused = Path.of(s); // only whether it throws
            return null;
        } catch (InvalidPathException e) {
            String encoding = System.getProperty(
                    "sun.jnu.encoding", Charset.defaultCharset().name());
            return member + " " + quote(s) + " cannot be a path on this machine (" + e.getReason() + "): file names are"
                    + " encoded in " + encoding + " here; rename the file to ASCII, or run javac under a UTF-8 locale"
                    + " (e.g. LC_ALL=C.UTF-8)";
        }
    }

    /** {@code s} as a Java string literal, every character printable. */
    static String quote(String s) {
        return ConstantsGenerator.literal(s.length() > 200 ? s.substring(0, 200) + "..." : s);
    }
}
