package dev.imagespec.runtime.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds packages named more than once across an image spec's package lists (after PEP 503 name
 * normalization): {@link Conflict.Kind#UNSATISFIABLE} when no version can satisfy both specifiers, else
 * {@link Conflict.Kind#SAME} or {@link Conflict.Kind#COMBINED}.
 *
 * <p>{@code PackageConflicts.find(List.of(new Labeled("packages[0]", "numpy>=2"),
 * new Labeled("requirements.txt:3", "numpy<1.5")))} finds one unsatisfiable conflict.
 *
 * <p>Entries whose environment markers differ are not compared: without evaluating markers we
 * cannot tell that both apply to the same image. Entries that are not PEP 508 requirements are
 * skipped here; {@link dev.imagespec.runtime.packaging.Requirement#parse} reports them.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#version-specifiers">PEP 440 specifiers</a>
 * @see <a href="https://peps.python.org/pep-0503/#normalized-names">PEP 503 normalized names</a>
 */
public final class PackageConflicts {

    /**
     * A package as written and where it came from; {@code new Labeled("packages[1]", "pandas==2.1")}.
     *
     * @param label where the entry is, e.g. {@code packages[1]} or {@code requirements.txt:3}
     * @param text the requirement as written
     */
    public record Labeled(String label, String text) {
        /**
         * Checks both are present.
         *
         * @param label the origin
         * @param text the requirement text
         */
        public Labeled {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A package named twice: how the two entries relate, both entries, the normalized name and the
     * one entry that would say what was meant; {@code validate.Messages} says it to a person.
     *
     * @param kind how the entries relate
     * @param first the earlier entry
     * @param second the later entry, where the finding is reported
     * @param name the PEP 503 normalized name
     * @param suggestion one requirement to write instead, e.g. {@code scipy<2,>=1}
     */
    public record Conflict(Kind kind, Labeled first, Labeled second, String name, String suggestion) {
        /** How two entries of one package relate. */
        public enum Kind {
            /** The same requirement twice. */
            SAME,
            /** Specifiers that no version satisfies together. */
            UNSATISFIABLE,
            /** Different specifiers that pip combines. */
            COMBINED
        }
    }

    private record Parsed(Labeled source, Requirement requirement) {}

    private PackageConflicts() {}

    /**
     * The conflicts and duplicates among {@code packages}, in input order; never throws for bad entries.
     *
     * <p>{@code find(List.of(new Labeled("packages[0]", "pandas==2.1"), new Labeled("packages[1]",
     * "pandas!=2.1")))} holds one unsatisfiable conflict.
     *
     * @param packages every package entry of the spec, labelled
     * @return the conflicts, never null
     */
    public static List<Conflict> find(List<Labeled> packages) {
        Map<String, List<Parsed>> byName = new LinkedHashMap<>();
        for (Labeled labeled : packages) {
            try {
                Requirement r = Requirement.parse(labeled.text());
                byName.computeIfAbsent(r.normalizedName(), k -> new ArrayList<>())
                        .add(new Parsed(labeled, r));
            } catch (InvalidRequirementException e) {
                // Not ours to report: the syntax check names it at its own place.
            }
        }
        List<Conflict> problems = new ArrayList<>();
        for (List<Parsed> same : byName.values()) {
            for (int i = 1; i < same.size(); i++) {
                for (int j = 0; j < i; j++) {
                    Conflict p = compare(same.get(j), same.get(i));
                    if (p != null) {
                        problems.add(p);
                        break; // one finding per later entry is enough to act on
                    }
                }
            }
        }
        return problems;
    }

    private static Conflict compare(Parsed first, Parsed second) {
        Requirement a = first.requirement();
        Requirement b = second.requirement();
        if (!a.marker().equals(b.marker())) {
            return null;
        }
        if (a.equals(b)) {
            return new Conflict(Conflict.Kind.SAME, first.source(), second.source(), a.normalizedName(), a.toString());
        }
        if (a.url().isEmpty()
                && b.url().isEmpty()
                && a.specifier().and(b.specifier()).isUnsatisfiable()) {
            return new Conflict(
                    Conflict.Kind.UNSATISFIABLE,
                    first.source(),
                    second.source(),
                    a.normalizedName(),
                    a.name() + (a.specifier().isEmpty() ? "" : a.specifier().toString()));
        }
        return new Conflict(
                Conflict.Kind.COMBINED,
                first.source(),
                second.source(),
                a.normalizedName(),
                a.name() + a.specifier().and(b.specifier()));
    }
}
