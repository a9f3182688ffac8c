package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

/**
 * Thrown when a string is not a PEP 508 dependency specifier; carries the input and the
 * position where parsing stopped.
 *
 * <p>{@code Requirement.parse("pkg>=1.0 <2")} throws one whose message is
 * {@code requirement "pkg>=1.0 <2" is not valid at character 10: expected a comma (within version specifier), a semicolon (after version specifier) or the end; write e.g. "numpy>=1.26,<2" or "requests[socks]>=2.31; python_version >= \"3.9\""}.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/dependency-specifiers/">PEP 508</a>
 */
public final class InvalidRequirementException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The correct examples every message ends with. */
    static final String EXAMPLE =
            "write e.g. \"numpy>=1.26,<2\" or \"requests[socks]>=2.31; python_version >= \\\"3.9\\\"\"";

    private final String input;
    private final int position;

    InvalidRequirementException(String input, int position, String expected) {
        super("requirement " + quote(input) + " is not valid at character " + (position + 1) + ": " + expected + "; "
                + EXAMPLE);
        this.input = input;
        this.position = position;
    }

    InvalidRequirementException(String input, String why) {
        super("requirement " + quote(input) + " is not valid: " + why + "; " + EXAMPLE);
        this.input = input;
        this.position = -1;
    }

    /**
     * The text that failed to parse, as given; {@code "pkg>=1.0 <2"}.
     *
     * @return the rejected input
     */
    public String input() {
        return input;
    }

    /**
     * The 0-based index where parsing stopped, or -1 when the problem is not at one place; 9 for
     * {@code "pkg>=1.0 <2"}.
     *
     * @return the position
     */
    public int position() {
        return position;
    }
}
