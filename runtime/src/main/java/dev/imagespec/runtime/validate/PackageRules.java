package dev.imagespec.runtime.validate;

import dev.imagespec.runtime.spec.SpecValues;
import dev.imagespec.runtime.packaging.InvalidSpecifierException;
import dev.imagespec.runtime.packaging.InvalidVersionException;
import dev.imagespec.runtime.packaging.Requirement;
import dev.imagespec.runtime.spec.SpecField;
import dev.imagespec.runtime.packaging.SpecifierSet;
import dev.imagespec.runtime.packaging.Version;
import dev.imagespec.runtime.packaging.PackageConflicts;
import dev.imagespec.runtime.packaging.RequirementsFile;
import dev.imagespec.runtime.validate.Problem.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package rules that look at more than one value: the requirements file's lines (as pip reads
 * them), the same package named twice across {@code packages}, the requirements file and the base
 * specs with ranges no version satisfies, and {@code python_version} markers the spec's Python
 * never meets. Needs the requirements file, so it runs where files are: the processor and the CLI.
 *
 * <p>Example: {@code PackageRules.check(spec)} reports {@code numpy>=2} (packages[0]) against
 * {@code numpy<1.5} (requirements.txt:3).
 */
public final class PackageRules {
    /** A marker that only compares {@code python_version}, as packaging prints it. */
    private static final Pattern PYTHON_VERSION_MARKER =
            Pattern.compile("python_version\\s*(===|~=|==|!=|<=|>=|<|>)\\s*\"([^\"]+)\"");

    private PackageRules() {}

    /** Every cross-value package problem of the spec and its base specs. */
    public static List<Problem> check(SpecValues spec) {
        List<Problem> out = new ArrayList<>();
        List<PackageConflicts.Labeled> labeled = new ArrayList<>();
        collect(spec, "", labeled, out);
        for (dev.imagespec.runtime.packaging.Problem p : PackageConflicts.find(labeled)) {
            out.add(located(p));
        }
        spec.string(SpecField.PYTHON_VERSION).ifPresent(python -> markers(python, labeled, out));
        return out;
    }

    private static void collect(SpecValues spec, String prefix, List<PackageConflicts.Labeled> labeled, List<Problem> out) {
        spec.list(SpecField.PACKAGES).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                if (Requirement.isSingleLine(list.get(i)) && parses(list.get(i))) {
                    labeled.add(new PackageConflicts.Labeled(prefix + "packages[" + i + "]", list.get(i)));
                }
            }
        });
        spec.string(SpecField.REQUIREMENTS).filter(r -> !r.isEmpty()).ifPresent(r -> requirementsFile(spec, r, prefix, labeled, out));
        spec.baseSpec().ifPresent(base -> collect(base, prefix + "baseSpec " + base.name() + " ", labeled, out));
    }

    private static void requirementsFile(SpecValues spec, String name, String prefix,
                                         List<PackageConflicts.Labeled> labeled, List<Problem> out) {
        Path file = spec.resolve(name);
        if (!Files.isRegularFile(file)) {
            return; // FileChecks reports it
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return; // FileChecks reports unreadable files
        }
        RequirementsFile parsed = RequirementsFile.parse(prefix + name, text);
        if (prefix.isEmpty()) { // a base spec's file is reported where that spec is compiled
            parsed.problems().forEach(p -> out.add(located(p)));
            parsed.includes().forEach(inc -> out.add(Problem.of(SpecField.REQUIREMENTS, Severity.STRICT,
                    "requirements " + Messages.quote(name) + " line " + inc.line() + " includes " + Messages.quote(inc.path())
                            + " (" + inc.kind() + "); the image build copies only " + name
                            + ", so pip cannot read it: put its lines into " + name)));
            parsed.options().stream().filter(RequirementsFile.Option::changesPackageSource).forEach(o ->
                    out.add(Problem.of(SpecField.REQUIREMENTS, Severity.WARNING, "requirements " + Messages.quote(name)
                            + " line " + o.line() + " sets " + o.name() + o.value().map(v -> " " + v).orElse("")
                            + ", which changes where pip installs from without the spec saying so; use pipIndex or"
                            + " pipExtraIndexUrl, e.g. pipIndex = \"https://pypi.example.com/simple\"")));
        }
        labeled.addAll(parsed.labeled());
    }

    /** A package whose marker pins {@code python_version} to lines the spec's Python is not. */
    private static void markers(String python, List<PackageConflicts.Labeled> labeled, List<Problem> out) {
        Version version;
        try {
            version = Version.parse(python);
        } catch (InvalidVersionException e) {
            return; // ValueRules reports the version
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
                    out.add(new Problem(fieldOf(l.label()), indexOf(l.label()), Severity.WARNING, "package "
                            + Messages.quote(l.text()) + " (" + l.label() + ") is installed only when " + r.marker().get()
                            + ", which pythonVersion " + Messages.quote(python) + " never is; remove it or fix the marker"));
                }
            } catch (InvalidSpecifierException | InvalidVersionException e) {
                // not a version comparison we can judge; the requirement itself parsed, so leave it
            }
        }
    }

    private static boolean parses(String text) {
        try {
            Requirement.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // ValueRules reports it
        }
    }

    private static Problem located(dev.imagespec.runtime.packaging.Problem p) {
        Severity severity = p.isError() ? Severity.STRICT : Severity.WARNING;
        return new Problem(fieldOf(p.where()), indexOf(p.where()), severity, p.toString());
    }

    private static SpecField fieldOf(String where) {
        return where.startsWith("packages[") ? SpecField.PACKAGES
                : where.startsWith("baseSpec") ? SpecField.BASE_IMAGE : SpecField.REQUIREMENTS;
    }

    private static int indexOf(String where) {
        if (!where.startsWith("packages[")) {
            return -1;
        }
        return Integer.parseInt(where.substring("packages[".length(), where.indexOf(']')));
    }
}
