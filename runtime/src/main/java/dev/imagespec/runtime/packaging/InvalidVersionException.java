package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

/**
 * Thrown when a string is not a PEP 440 version; carries the input.
 *
 * <p>{@code Version.parse("1..0")} throws one with the message
 * {@code version "1..0" is not a valid PEP 440 version; write e.g. "1.0", "2.1.3rc1" or "1.0.post1+cpu"}.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/">PEP 440</a>
 */
public final class InvalidVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The example shown in every message: three valid spellings. */
    static final String EXAMPLE = "write e.g. \"1.0\", \"2.1.3rc1\" or \"1.0.post1+cpu\"";

    private final String input;

    InvalidVersionException(String input) {
        super("version " + quote(input) + " is not a valid PEP 440 version"
                + " ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]); " + EXAMPLE);
        this.input = input;
    }

    /**
     * The text that failed to parse, as given; {@code "1..0"}.
     *
     * @return the rejected input
     */
    public String input() {
        return input;
    }
}
