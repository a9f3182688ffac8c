package dev.imagespec.runtime.packaging;

import static dev.imagespec.runtime.text.InputText.quote;

/**
 * Thrown when a string is not a PEP 440 version specifier (or comma-separated set of them);
 * carries the input and the rule that failed.
 *
 * <p>{@code SpecifierSet.parse(">=1.0.*")} throws one whose message is
 * {@code version specifier ">=1.0.*" is not valid: a .* wildcard is allowed only after == or !=, e.g. "==1.4.*"; write e.g. ">=1.4,<2"}.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#version-specifiers">PEP 440 version specifiers</a>
 */
public final class InvalidSpecifierException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final String rule;

    InvalidSpecifierException(String input, String rule) {
        super("version specifier " + quote(input) + " is not valid: " + rule + "; write e.g. \">=1.4,<2\"");
        this.input = input;
        this.rule = rule;
    }

    InvalidSpecifierException(String input, InvalidSpecifierException part) {
        super("version specifier " + quote(input) + " is not valid: in " + quote(part.input()) + ", " + part.rule()
                + "; write e.g. \">=1.4,<2\"");
        this.input = input;
        this.rule = part.rule();
    }

    /**
     * The text that failed to parse, as given; {@code ">=1.0.*"}.
     *
     * @return the rejected input
     */
    public String input() {
        return input;
    }

    /**
     * The rule that failed, without the input; {@code "~= needs a version with at least two release numbers, e.g. \"~=1.4\""}.
     *
     * @return the rule
     */
    public String rule() {
        return rule;
    }
}
