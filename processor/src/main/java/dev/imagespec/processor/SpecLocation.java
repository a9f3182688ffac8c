package dev.imagespec.processor;

import dev.imagespec.runtime.spec.SpecField;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a spec's values are written in source: the element and {@code @ImageSpec} mirror that
 * hold them, and each member's value (and the value of each array element), so that a problem
 * is printed on the exact member, e.g. {@code registry = "https://ghcr.io/acme"}.
 *
 * @param element the class or annotation type the values are written on
 * @param mirror the {@code @ImageSpec} annotation on it
 * @param members the explicitly written members, by field
 */
record SpecLocation(Element element, AnnotationMirror mirror, Map<SpecField, AnnotationValue> members) {

    /** The value to point at for field {@code field}, element {@code index} (-1: the whole member). */
    AnnotationValue valueFor(SpecField field, int index) {
        AnnotationValue whole = members.get(field);
        if (whole == null || index < 0) {
            return whole;
        }
        if (whole.getValue() instanceof List<?> items && index < items.size()) {
            return (AnnotationValue) items.get(index);
        }
        return whole;
    }
}
