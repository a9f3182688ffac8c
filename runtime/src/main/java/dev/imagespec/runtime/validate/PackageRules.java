package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.packaging.InvalidSpecifierException;
import dev.imagespec.runtime.packaging.InvalidVersionException;
import dev.imagespec.runtime.packaging.PackageConflicts;
import dev.imagespec.runtime.packaging.Requirement;
import dev.imagespec.runtime.packaging.RequirementsFile;
import dev.imagespec.runtime.packaging.SpecifierSet;
import dev.imagespec.runtime.packaging.Version;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for pip packages: each entry of {@code packages} and {@code runtimePackages} is one PEP 508
 * requirement as pip reads it; a requirements file's lines, includes and source options; the same
 * package named twice with ranges no version satisfies (across {@code packages}, the requirements
 * file and base specs); and {@code python_version} markers the spec's Python never meets.
 * flytekit accepts all of these, so the worst is STRICT. Reading the file and walking base specs is
 * {@code spec.SpecValidator}'s; these methods take what it read.
 *
 * <p>Example: {@code PackageRules.conflicts(List.of(new Labeled("packages[0]", "numpy>=2"),
 * new Labeled("requirements.txt:3", "numpy<1.5")), out)} adds one STRICT problem naming both places.
 */
public final class PackageRules {
    /** The member of the spec's packages. */
    public static final String PACKAGES = "packages";
    /** The member of the requirements file. */
    public static final String REQUIREMENTS = "requirements";
    /** The member a base spec's problem is reported on. */
    public static final String BASE = "baseImage";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.STRICT;

    /** A marker that only compares {@code python_version}, as packaging prints it. */
    private static final Pattern PYTHON_VERSION_MARKER =
            Pattern.compile("python_version\\s*(===|~=|==|!=|<=|>=|<|>)\\s*\"([^\"]+)\"");

    private PackageRules() {}

    /**
     * Each entry of {@code field} ({@code "packages"} or {@code "runtimePackages"}) as the line of a
     * requirements file it becomes (the default builder writes them into one, as flytekit does): a
     * PEP 508 requirement, a bare URL or path pip installs directly
     * ({@code git+https://github.com/flyteorg/flytekit.git@master#subdirectory=plugins/flytekit-wandb}),
     * per-requirement options ({@code numpy==1.26.4 --hash=sha256:…}). Refused (STRICT): what would
     * not stay one line (line breaks, NUL and other control characters, a trailing backslash, which
     * joins the next line), a line that is neither a requirement nor a path or URL, options pip does
     * not allow there, and includes ({@code -r}, {@code -c}) the build cannot copy. An option that
     * changes where pip installs from is a WARNING.
     */
    public static void requirements(String field, List<String> values, ValidationReport.Collector out) {
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (!TextRules.noControl(field, i, v, out)) {
                continue;
            }
            if (v.endsWith("\\")) {
                out.add(field, i, Severity.STRICT, v, Messages.requirementContinues(field, v));
                continue;
            }
            RequirementsFile line = RequirementsFile.parseLine(field + "[" + i + "]", v);
            if (line.entries().isEmpty()
                    && line.includes().isEmpty()
                    && line.options().isEmpty()
                    && line.findings().isEmpty()) {
                // blank or only a comment: pip would skip it, so it names nothing (the parser says so)
                try {
                    Requirement.parse(v);
                } catch (IllegalArgumentException e) {
                    out.add(field, i, Severity.STRICT, v, Messages.requirementInvalid(field, e.getMessage()));
                }
                continue;
            }
            for (RequirementsFile.Finding f : line.findings()) {
                switch (f.kind()) {
                    case PATH_OR_URL -> {} // flytekit's own case: pip installs it directly
                    case INVALID_REQUIREMENT ->
                        out.add(field, i, Severity.STRICT, v, Messages.requirementInvalid(field, f.detail()));
                    default -> out.add(field, i, severity(f.kind()), v, Messages.requirementsLine(f));
                }
            }
            for (RequirementsFile.Include inc : line.includes()) {
                out.add(field, i, Severity.STRICT, v, Messages.packageInclude(field, i, inc));
            }
            for (RequirementsFile.Option o : line.options()) {
                if (o.changesPackageSource()) {
                    out.add(field, i, Severity.WARNING, v, Messages.packageSourceOption(field, i, o));
                }
            }
        }
    }

    /**
     * The PEP 508 requirement of a {@code packages} entry, without per-requirement options, if the
     * entry is one: {@code "numpy==1.26.4"} for {@code "numpy==1.26.4 --hash=sha256:…"}, empty for
     * {@code "git+https://…"}, an option line or a bad entry. Only these take part in the rules that
     * compare packages (conflicts, markers).
     */
    public static Optional<String> requirementOf(String entry) {
        if (!Requirement.isSingleLine(entry) || entry.endsWith("\\")) {
            return Optional.empty();
        }
        List<RequirementsFile.Entry> entries =
                RequirementsFile.parseLine("", entry).entries();
        return entries.size() == 1 && entries.get(0).requirement().isPresent()
                ? Optional.of(entries.get(0).text())
                : Optional.empty();
    }

    /** Whether {@code text} is one requirement the cross-value rules can compare ({@link #requirementOf}). */
    public static boolean isComparable(String text) {
        return requirementOf(text).isPresent();
    }

    /**
     * The spec's own requirements file {@code name}, as read: bad lines (STRICT) and risky ones
     * (WARNING), includes the build cannot copy (STRICT) and options that change the package source (WARNING).
     */
    public static void requirementsFile(String name, RequirementsFile file, ValidationReport.Collector out) {
        for (RequirementsFile.Finding f : file.findings()) {
            out.add(REQUIREMENTS, -1, severity(f.kind()), f.text(), Messages.requirementsLine(f));
        }
        for (RequirementsFile.Include inc : file.includes()) {
            out.add(REQUIREMENTS, -1, Severity.STRICT, inc.path(), Messages.requirementsInclude(name, inc));
        }
        for (RequirementsFile.Option o : file.options()) {
            if (o.changesPackageSource()) {
                out.add(REQUIREMENTS, -1, Severity.WARNING, o.name(), Messages.requirementsSourceOption(name, o));
            }
        }
    }

    private static Severity severity(RequirementsFile.Finding.Kind kind) {
        return switch (kind) {
            case ENV_VARIABLE, PATH_OR_URL -> Severity.WARNING;
            case OPTION_AFTER_REQUIREMENT,
                    INVALID_REQUIREMENT,
                    UNKNOWN_OPTION,
                    OPTION_NEEDS_VALUE,
                    OPTION_TAKES_NO_VALUE -> Severity.STRICT;
        };
    }

    /** Packages named more than once: no version satisfies both (STRICT), or the same again or narrowed (WARNING). */
    public static void conflicts(List<PackageConflicts.Labeled> labeled, ValidationReport.Collector out) {
        for (PackageConflicts.Conflict c : PackageConflicts.find(labeled)) {
            Severity severity =
                    c.kind() == PackageConflicts.Conflict.Kind.UNSATISFIABLE ? Severity.STRICT : Severity.WARNING;
            String where = c.second().label();
            out.add(fieldOf(where), indexOf(where), severity, c.second().text(), Messages.packageConflict(c));
        }
    }

    /** A package whose marker pins {@code python_version} to lines the spec's Python {@code python} is not (WARNING). */
    public static void pythonMarkers(
            String python, List<PackageConflicts.Labeled> labeled, ValidationReport.Collector out) {
        Version version;
        try {
            version = Version.parse(python);
        } catch (InvalidVersionException e) {
            return; // PythonRules reports the version
        }
        for (PackageConflicts.Labeled l : labeled) {
            Requirement r = Requirement.parse(l.text());
            Matcher m = PYTHON_VERSION_MARKER.matcher(r.marker().orElse(""));
            if (!m.matches()) {
                continue;
            }
            try {
                SpecifierSet when = SpecifierSet.parse(m.group(1) + m.group(2));
                if (!when.contains(version, true)) {
                    out.add(
                            fieldOf(l.label()),
                            indexOf(l.label()),
                            Severity.WARNING,
                            l.text(),
                            Messages.pythonMarkerNeverMet(
                                    l.text(), l.label(), r.marker().get(), python));
                }
            } catch (InvalidSpecifierException | InvalidVersionException e) {
                // not a version comparison we can judge; the requirement itself parsed, so leave it
            }
        }
    }

    private static String fieldOf(String where) {
        return where.startsWith("packages[") ? PACKAGES : where.startsWith("baseSpec") ? BASE : REQUIREMENTS;
    }

    private static int indexOf(String where) {
        if (!where.startsWith("packages[")) {
            return -1;
        }
        return Integer.parseInt(where.substring("packages[".length(), where.indexOf(']')));
    }
}
