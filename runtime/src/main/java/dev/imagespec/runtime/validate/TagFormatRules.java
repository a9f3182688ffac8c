package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.hash.TagFormat;
import dev.imagespec.runtime.reference.ImageReference;
import dev.imagespec.runtime.validate.Problem.Severity;

/**
 * The rules for {@code tagFormat}: it parses as Python's {@code str.format} with only
 * {@code {spec_hash}} (flytekit raises otherwise, so ERROR), it contains {@code {spec_hash}}, and
 * what it renders is an image tag ({@link ImageReference#isValidTag}); the last two are STRICT.
 *
 * <p>Example: {@code TagFormatRules.check("latest", out)} adds {@code tagFormat "latest" must contain {spec_hash}, ...}.
 */
public final class TagFormatRules {
    /** The member these rules check. */
    public static final String FIELD = "tagFormat";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.ERROR;

    /** A hash as long as flytekit's, to render the format with. */
    private static final String SAMPLE_HASH = "fv8aVGdGU6GT1t5W98ZQPA";

    private TagFormatRules() {}

    /**
     * The common case without rendering or a pattern: only {@code [A-Za-z0-9_.-]} and whole
     * {@code {spec_hash}} fields, at least one field, not starting with {@code .} or {@code -}, at most
     * 128 characters once rendered. Such a format has none of the problems below; any other goes
     * through them.
     */
    private static boolean plainTag(String format) {
        int n = format.length();
        int rendered = 0;
        boolean field = false;
        for (int i = 0; i < n; i++) {
            char c = format.charAt(i);
            if (c == '{') {
                if (!format.startsWith(TagFormat.FIELD, i)) {
                    return false;
                }
                field = true;
                rendered += SAMPLE_HASH.length();
                i += TagFormat.FIELD.length() - 1;
            } else if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || ((c == '.' || c == '-') && rendered > 0)) {
                rendered++;
            } else {
                return false;
            }
        }
        return field && rendered <= 128;
    }

    /** The tag format as written. */
    public static void check(String format, ValidationReport.Collector out) {
        if (!plainTag(format)) {
            checkRendered(format, out);
        }
    }

    /** Every rule, rendering the format: what {@link #check} does for a format that is not plain. */
    static void checkRendered(String format, ValidationReport.Collector out) {
        String rendered;
        try {
            rendered = TagFormat.apply(format, SAMPLE_HASH);
        } catch (IllegalArgumentException e) {
            out.add(FIELD, -1, Severity.ERROR, format, Messages.tagFormatUnparsable(e.getMessage()));
            return;
        }
        if (!format.contains(TagFormat.FIELD)) {
            out.add(FIELD, -1, Severity.STRICT, format, Messages.tagFormatNoField(format));
        } else if (!ImageReference.isValidTag(rendered)) {
            out.add(FIELD, -1, Severity.STRICT, format, Messages.tagFormatInvalid(format, rendered));
        }
    }
}
