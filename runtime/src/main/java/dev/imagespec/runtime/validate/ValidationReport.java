package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Every problem one validation found, in the order the rules ran; immutable. The rule classes add
 * to a {@link Collector}; nothing here throws or prints.
 *
 * <pre>{@code
 * ValidationReport.Collector out = ValidationReport.collector();
 * RegistryRules.check("https://ghcr.io/acme", out);
 * out.report().hasErrors(); // true: flytekit rejects a scheme too
 * }</pre>
 */
public final class ValidationReport {
    private static final ValidationReport EMPTY = new ValidationReport(List.of());

    private final List<Problem> problems;

    private ValidationReport(List<Problem> problems) {
        this.problems = problems;
    }

    /** A report of {@code problems}, e.g. {@code ValidationReport.of(List.of())}. */
    public static ValidationReport of(List<Problem> problems) {
        return problems.isEmpty() ? EMPTY : new ValidationReport(List.copyOf(problems));
    }

    /** The report with no problem. */
    public static ValidationReport empty() {
        return EMPTY;
    }

    /** A new collector, for rule classes to add to. */
    public static Collector collector() {
        return new Collector();
    }

    /** Every problem, of every severity. */
    public List<Problem> problems() {
        return problems;
    }

    /** The {@link Severity#ERROR} problems: flytekit rejects these too, so no spec is made. */
    public List<Problem> errors() {
        return only(false);
    }

    /** Whether any problem is an {@link Severity#ERROR}. */
    public boolean hasErrors() {
        for (Problem p : problems) {
            if (p.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    /** The problems that stop a build: {@link Severity#ERROR} and {@link Severity#STRICT}. */
    public List<Problem> blockers() {
        return only(true);
    }

    /** Whether any problem stops a build ({@link Severity#ERROR} or {@link Severity#STRICT}). */
    public boolean blocksBuild() {
        for (Problem p : problems) {
            if (p.blocksBuild()) {
                return true;
            }
        }
        return false;
    }

    /** Whether there is no problem at all. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** This report's problems followed by {@code more}'s. */
    public ValidationReport plus(ValidationReport more) {
        if (more.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return more;
        }
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more.problems);
        return new ValidationReport(List.copyOf(all));
    }

    private List<Problem> only(boolean strictToo) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            if (p.severity() == Severity.ERROR || (strictToo && p.severity() == Severity.STRICT)) {
                out.add(p);
            }
        }
        return out.size() == problems.size() ? problems : List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationReport r && r.problems.equals(problems);
    }

    @Override
    public int hashCode() {
        return problems.hashCode();
    }

    @Override
    public String toString() {
        return "ValidationReport" + problems;
    }

    /** Where rule classes put what they find; {@link #report()} makes the immutable report. Not thread-safe. */
    public static final class Collector {
        private final List<Problem> problems = new ArrayList<>();

        private Collector() {}

        /** Adds one problem. */
        public Collector add(Problem problem) {
            problems.add(problem);
            return this;
        }

        /** Adds every problem of {@code report}. */
        public Collector addAll(ValidationReport report) {
            problems.addAll(report.problems);
            return this;
        }

        /** Adds a problem of {@code severity} about {@code value}, element {@code index} (or -1) of {@code field}. */
        public Collector add(String field, int index, Severity severity, String value, String message) {
            return add(new Problem(field, index, severity, value, message));
        }

        /** Whether nothing was added yet. */
        public boolean isEmpty() {
            return problems.isEmpty();
        }

        /** The problems added so far, as a report. */
        public ValidationReport report() {
            return ValidationReport.of(problems);
        }
    }
}
