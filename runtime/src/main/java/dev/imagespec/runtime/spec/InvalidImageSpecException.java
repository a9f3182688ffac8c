package dev.imagespec.runtime.spec;

import dev.imagespec.runtime.validate.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec broke one or more rules. The message lists every problem, one a line, each naming the
 * field, the value and how to fix it, e.g.
 * {@code registry "https://ghcr.io/acme" must not contain a scheme; write "ghcr.io/acme"}.
 */
public final class InvalidImageSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidImageSpecException(String origin, List<Problem> problems) {
        super(message(origin, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in field order, e.g. {@code problems().get(0).field()}. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String origin, List<Problem> problems) {
        String where = origin == null ? "image spec" : "image spec " + origin;
        if (problems.size() == 1) {
            return where + ": " + problems.get(0).message();
        }
        return where + " has " + problems.size() + " problems:\n"
                + problems.stream().map(p -> "  - " + p.message()).collect(Collectors.joining("\n"));
    }
}
