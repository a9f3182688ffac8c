package dev.imagespec.processor;

import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationValue;
import javax.tools.Diagnostic;

/**
 * Prints problems where they are written: on the annotation member's value (an IDE underlines
 * {@code registry = "https://..."}), else on the annotation, else on the element. Each problem is
 * printed once per compilation, even when several classes share the spec that has it.
 */
final class ProblemReporter {
    private final Messager messager;
    private final Set<String> printed = new HashSet<>();
    private boolean errors;

    ProblemReporter(Messager messager) {
        this.messager = messager;
    }

    void report(List<LocatedProblem> problems) {
        for (LocatedProblem p : problems) {
            SpecLocation at = p.location();
            String key = at.element() + "|" + p.problem().field() + "|"
                    + p.problem().index() + "|" + p.problem().message();
            if (!printed.add(key)) {
                continue;
            }
            Diagnostic.Kind kind =
                    p.problem().severity() == Severity.WARNING ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR;
            errors |= kind == Diagnostic.Kind.ERROR;
            SpecField field = SpecField.fromMember(p.problem().field()).orElse(null);
            AnnotationValue value = at.mirror() == null || field == null
                    ? null
                    : at.valueFor(field, p.problem().index());
            if (value != null) {
                messager.printMessage(kind, p.problem().message(), at.element(), at.mirror(), value);
            } else if (at.mirror() != null) {
                messager.printMessage(kind, p.problem().message(), at.element(), at.mirror());
            } else {
                messager.printMessage(kind, p.problem().message(), at.element());
            }
        }
    }

    void error(javax.lang.model.element.Element element, String message) {
        errors = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    /** An error on the annotation that holds the spec (or on the element when there is none). */
    void error(
            javax.lang.model.element.Element element,
            javax.lang.model.element.AnnotationMirror mirror,
            String message) {
        errors = true;
        if (mirror == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
        }
    }

    /** An error on no element: about the compile as a whole. */
    void error(String message) {
        errors = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message);
    }

    boolean anyErrors() {
        return errors;
    }
}
