package dev.imagespec.runtime.hash;

/**
 * flytekit's {@code tag_format.format(spec_hash=tag)} for the forms a tag can use: the field
 * <code>{spec_hash}</code>, and <code>{{</code> and <code>}}</code> for literal braces.
 *
 * <p>Example: {@code TagFormat.apply("{spec_hash}-dev", "abc")} is {@code "abc-dev"}.
 */
public final class TagFormat {
    /** The one replacement field flytekit passes. */
    public static final String FIELD = "{spec_hash}";

    private TagFormat() {}

    /** Formats, or throws {@link IllegalArgumentException} naming the first brace that is not {@code {spec_hash}}. */
    public static String apply(String format, String hash) {
        StringBuilder out = new StringBuilder(format.length() + hash.length());
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '{' && format.startsWith("{{", i)) {
                out.append('{');
                i++;
            } else if (c == '}' && format.startsWith("}}", i)) {
                out.append('}');
                i++;
            } else if (c == '{' && format.startsWith(FIELD, i)) {
                out.append(hash);
                i += FIELD.length() - 1;
            } else if (c == '{' || c == '}') {
                throw new IllegalArgumentException(
                        "tag_format \"" + format + "\" has a '" + c + "' at position " + i
                                + " that is not part of {spec_hash}; write e.g. \"{spec_hash}-dev\" (double a brace to keep it)");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
