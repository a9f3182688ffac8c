package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.text.InputText;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.List;

/**
 * The rules for free text that reaches a Dockerfile or a command line: no control characters
 * ({@link InputText#hasControl}) in names, packages and arguments, and no NUL in commands and env
 * values (which may hold line breaks, quoted by the builders).
 *
 * <p>Example: {@code TextRules.noControl("pipExtraArgs", -1, "--pre\nRUN x", out)} adds a STRICT problem.
 */
public final class TextRules {
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    private TextRules() {}

    /** Adds a STRICT problem if {@code value} has a control character; true when it has none. */
    public static boolean noControl(String field, int index, String value, ValidationReport.Collector out) {
        if (InputText.hasControl(value)) {
            out.add(field, index, Severity.STRICT, value, Messages.controlCharacter(field, value));
            return false;
        }
        return true;
    }

    /** Adds a STRICT problem if {@code value} has a NUL character. */
    public static void noNul(String field, int index, String value, ValidationReport.Collector out) {
        if (value.indexOf('\0') >= 0) {
            out.add(field, index, Severity.STRICT, value, Messages.nulCharacter(field, value));
        }
    }

    /** {@link #noNul} for each element, e.g. of {@code commands}. */
    public static void noNul(String field, List<String> values, ValidationReport.Collector out) {
        for (int i = 0; i < values.size(); i++) {
            noNul(field, i, values.get(i), out);
        }
    }
}
