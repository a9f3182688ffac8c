package dev.imagespec.runtime.packaging;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A PEP 508 dependency specifier, parsed as {@code packaging.requirements.Requirement}
 * (packaging 26) parses it: name, extras, version specifiers or URL, and an environment marker
 * whose syntax is checked (it is not evaluated).
 *
 * <p>{@code Requirement.parse("requests [security] >= 2.8.1 ; os.name == 'posix'")} has name
 * {@code requests}, extras {@code [security]}, specifier {@code >=2.8.1} and marker
 * {@code os_name == "posix"}, and prints as {@code requests[security]>=2.8.1; os_name == "posix"}.
 *
 * <p>Like packaging, {@link #parse} accepts a single trailing newline and whitespace of any kind
 * (line breaks included) between a version operator and its version. Code that writes a
 * requirement into a Dockerfile or a command line should write {@link #toString()}, which has no
 * line break, or reject the input when {@link #isSingleLine(String)} is false.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/dependency-specifiers/">PEP 508 dependency specifiers</a>
 */
public final class Requirement {

    private final String name;
    private final List<String> extras;
    private final SpecifierSet specifier;
    private final String url;
    private final String marker;

    private Requirement(String name, List<String> extras, SpecifierSet specifier, String url, String marker) {
        this.name = name;
        this.extras = extras;
        this.specifier = specifier;
        this.url = url;
        this.marker = marker;
    }

    /**
     * Parses a dependency specifier.
     *
     * <p>{@code Requirement.parse("flytekit>=1.14,<2").specifier()} prints as {@code <2,>=1.14}.
     *
     * @param text the requirement as written
     * @return the requirement
     * @throws InvalidRequirementException if it is not PEP 508
     */
    public static Requirement parse(String text) {
        Objects.requireNonNull(text, "text");
        RequirementParser.Parsed parsed = RequirementParser.parseRequirement(text);
        SpecifierSet specifier;
        try {
            specifier = SpecifierSet.parse(parsed.specifier());
        } catch (InvalidSpecifierException e) {
            throw new InvalidRequirementException(text, "its version specifier " + e.rule());
        }
        TreeSet<String> extras = new TreeSet<>(parsed.extras());
        return new Requirement(parsed.name(), List.copyOf(extras), specifier, parsed.url(), parsed.marker());
    }

    /**
     * Whether {@code text} has no line break or other control character except tabs, so that it
     * can stand on one line of a requirements file or Dockerfile; false for {@code "pkg\n"}.
     *
     * @param text a requirement as written
     * @return true if it is a single line
     */
    public static boolean isSingleLine(String text) {
        return text.chars()
                .noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029);
    }

    /**
     * The PEP 503 normalized form of a project name: lower case, runs of {@code -_.} replaced by
     * one {@code -}; {@code canonicalName("Foo_Bar.baz")} is {@code foo-bar-baz}.
     *
     * @param name a project name
     * @return the normalized name
     * @see <a href="https://peps.python.org/pep-0503/#normalized-names">PEP 503 normalized names</a>
     */
    public static String canonicalName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean separator = c == '-' || c == '_' || c == '.';
            if (!separator) {
                out.append(c);
            } else if (out.length() == 0 || out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        return out.toString();
    }

    /**
     * The project name as written; {@code "zope.interface"} for {@code zope.interface>=5}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The name normalized per PEP 503; {@code foo-bar-baz} for {@code Foo_Bar.baz}.
     *
     * @return the normalized name
     */
    public String normalizedName() {
        return canonicalName(name);
    }

    /**
     * The extras, sorted, duplicates removed; {@code [security, socks]} for {@code requests[socks,security]}.
     *
     * @return an unmodifiable list
     */
    public List<String> extras() {
        return extras;
    }

    /**
     * The version specifiers, empty when none (or when a URL is given); {@code >=2.31} for {@code requests>=2.31}.
     *
     * @return the specifier set
     */
    public SpecifierSet specifier() {
        return specifier;
    }

    /**
     * The URL of a direct reference; {@code file:///tmp/pkg.whl} for {@code name @ file:///tmp/pkg.whl}.
     *
     * @return the URL, if any
     */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The environment marker in packaging's printed form: variables normalized
     * ({@code os.name} becomes {@code os_name}), values in double quotes, single spaces;
     * {@code python_version < "3.11"} for {@code pkg; python_version<'3.11'}.
     *
     * @return the marker, if any
     */
    public Optional<String> marker() {
        return Optional.ofNullable(marker);
    }

    /**
     * The normalized text, as {@code str(Requirement(...))}; {@code requests[socks]>=2.8.1; python_version < "3.11"}.
     *
     * @return the requirement text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        if (!extras.isEmpty()) {
            out.append('[').append(String.join(",", extras)).append(']');
        }
        out.append(specifier);
        if (url != null) {
            out.append(" @ ").append(url);
            if (marker != null) {
                out.append(' ');
            }
        }
        if (marker != null) {
            out.append("; ").append(marker);
        }
        return out.toString();
    }

    /**
     * Equal when normalized name, extras, specifiers, URL and marker agree;
     * {@code Foo_Bar>=1} equals {@code foo-bar>=1.0}.
     *
     * @param o another object
     * @return whether both are the same requirement
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Requirement other)) {
            return false;
        }
        return normalizedName().equals(other.normalizedName())
                && extras.equals(other.extras)
                && specifier.equals(other.specifier)
                && Objects.equals(url, other.url)
                && Objects.equals(marker, other.marker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(normalizedName(), extras, specifier, url, marker);
    }
}
