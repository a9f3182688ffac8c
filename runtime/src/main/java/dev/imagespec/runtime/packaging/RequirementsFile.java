package dev.imagespec.runtime.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pip requirements file read as pip reads it: lines ending in a backslash are joined,
 * {@code #} comments (at the start or after whitespace) and blank lines dropped, then each line is
 * a requirement (with per-requirement options such as {@code --hash}), an include
 * ({@code -r}/{@code -c}), or global options. Every item keeps the number of the line it started
 * on, for messages like {@code requirements.txt:3}.
 *
 * <p>Options that change where pip gets packages from ({@code --index-url}, {@code --extra-index-url},
 * {@code --find-links}, {@code --no-index}, {@code --trusted-host}, {@code -e}) are returned, never
 * dropped: {@link #changesPackageSource()} says whether there is one.
 *
 * <p>{@code RequirementsFile.parse("requirements.txt", "numpy>=1.26  # math\n-r base.txt\n")}
 * has one requirement and one include.
 *
 * @see <a href="https://pip.pypa.io/en/stable/reference/requirements-file-format/">pip requirements file format</a>
 */
public final class RequirementsFile {

    /** A requirement line; {@code requirement} is empty for a path or URL pip installs directly. */
    public record Entry(int line, String text, Optional<Requirement> requirement, List<String> options) {
        /**
         * Copies the options; {@code new Entry(3, "numpy", Optional.of(r), List.of())}.
         *
         * @param line first physical line, 1-based
         * @param text the requirement as written
         * @param requirement the parsed PEP 508 requirement, if it is one
         * @param options per-requirement options such as {@code --hash=sha256:…}
         */
        public Entry {
            options = List.copyOf(options);
        }
    }

    /** A {@code -r} (requirements) or {@code -c} (constraints) include, with the path as written. */
    public record Include(int line, Include.Kind kind, String path) {
        /** What an include brings in; {@code -r} is {@code REQUIREMENTS}, {@code -c} {@code CONSTRAINTS}. */
        public enum Kind {
            /** {@code -r} / {@code --requirement}: more requirements. */
            REQUIREMENTS,
            /** {@code -c} / {@code --constraint}: version limits without installing. */
            CONSTRAINTS
        }
    }

    /** A global option line, e.g. {@code --index-url https://…}; {@code name} is the long form. */
    public record Option(int line, String name, Optional<String> value, boolean changesPackageSource) {}

    /**
     * Something wrong or risky on a line, as a fact: which rule, the text it is about, and a detail;
     * {@code validate.Messages} says it to a person, and {@code validate.PackageRules} judges how bad it is.
     *
     * @param where the file and line, e.g. {@code requirements.txt:3}
     * @param line the line, 1-based
     * @param kind the rule
     * @param text the requirement, option or line as written
     * @param detail what {@link Kind} says it holds, else empty
     */
    public record Finding(String where, int line, Finding.Kind kind, String text, String detail) {
        /** The findings of a requirements file. */
        public enum Kind {
            /** The line uses an environment variable; {@code detail} is the {@code ${NAME}}. */
            ENV_VARIABLE,
            /** A global option follows a requirement on its line; {@code text} is the option. */
            OPTION_AFTER_REQUIREMENT,
            /** A path or URL pip installs directly. */
            PATH_OR_URL,
            /** Not a PEP 508 requirement; {@code detail} is the parser's message. */
            INVALID_REQUIREMENT,
            /** An option pip does not accept in a requirements file; {@code text} is the word. */
            UNKNOWN_OPTION,
            /** An option without its value; {@code detail} is an example, e.g. {@code --requirement base.txt}. */
            OPTION_NEEDS_VALUE,
            /** A flag given a value; {@code detail} is its long name. */
            OPTION_TAKES_NO_VALUE
        }
    }

    /** Long name, whether it takes a value, whether it changes where packages come from. */
    private record Spec(String name, boolean takesValue, boolean changesSource) {}

    private static final Map<String, Spec> OPTIONS = Map.ofEntries(
            Map.entry("-i", new Spec("--index-url", true, true)),
            Map.entry("--index-url", new Spec("--index-url", true, true)),
            Map.entry("--extra-index-url", new Spec("--extra-index-url", true, true)),
            Map.entry("--no-index", new Spec("--no-index", false, true)),
            Map.entry("-f", new Spec("--find-links", true, true)),
            Map.entry("--find-links", new Spec("--find-links", true, true)),
            Map.entry("--trusted-host", new Spec("--trusted-host", true, true)),
            Map.entry("-e", new Spec("--editable", true, true)),
            Map.entry("--editable", new Spec("--editable", true, true)),
            Map.entry("--no-binary", new Spec("--no-binary", true, false)),
            Map.entry("--only-binary", new Spec("--only-binary", true, false)),
            Map.entry("--prefer-binary", new Spec("--prefer-binary", false, false)),
            Map.entry("--require-hashes", new Spec("--require-hashes", false, false)),
            Map.entry("--pre", new Spec("--pre", false, false)),
            Map.entry("--use-feature", new Spec("--use-feature", true, false)),
            Map.entry("-r", new Spec("--requirement", true, false)),
            Map.entry("--requirement", new Spec("--requirement", true, false)),
            Map.entry("-c", new Spec("--constraint", true, false)),
            Map.entry("--constraint", new Spec("--constraint", true, false)));

    /** pip's environment variable reference, {@code ${NAME}} with upper-case name. */
    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{[A-Z0-9_]++}");

    private final String fileName;
    /** True for {@link #parseLine}: locations are the label alone, e.g. {@code packages[0]}. */
    private final boolean oneLine;

    private final List<Entry> entries = new ArrayList<>();
    private final List<Include> includes = new ArrayList<>();
    private final List<Option> options = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    private RequirementsFile(String fileName, boolean oneLine) {
        this.fileName = fileName;
        this.oneLine = oneLine;
    }

    /**
     * Reads a requirements file's text; never throws for bad content, which ends up in {@link #findings()}.
     *
     * <p>{@code parse("requirements.txt", "pandas==2.1 \\\n  ; python_version >= '3.9'\n")} has one
     * entry on line 1.
     *
     * @param fileName the name used in problem locations, e.g. {@code requirements.txt}
     * @param text the file's content
     * @return the parsed file
     */
    public static RequirementsFile parse(String fileName, String text) {
        RequirementsFile file = new RequirementsFile(fileName, false);
        List<String> physical = splitLines(text);
        StringBuilder joined = new StringBuilder();
        int first = 0;
        for (int i = 0; i < physical.size(); i++) {
            String line = physical.get(i);
            boolean comment = line.strip().startsWith("#");
            if (joined.length() == 0) {
                first = i + 1;
            }
            if (line.endsWith("\\") && !comment) {
                joined.append(stripBackslashes(line));
                continue;
            }
            joined.append(comment && joined.length() > 0 ? " " + line : line);
            file.logicalLine(first, joined.toString());
            joined.setLength(0);
        }
        if (joined.length() > 0) {
            file.logicalLine(first, joined.toString());
        }
        return file;
    }

    /**
     * Reads {@code text} as one line of a requirements file, as pip reads each entry of a spec's
     * {@code packages} once the builder has written them into its requirements file: a PEP 508
     * requirement, a bare URL or path ({@code git+https://…}), per-requirement options
     * ({@code --hash=…}), a trailing comment, or an option line ({@code -r}, {@code --index-url}).
     * Findings are located at {@code label} itself, e.g. {@code packages[0]}. The caller refuses what
     * would not stay one line first (line breaks, control characters, a trailing backslash).
     *
     * <p>{@code parseLine("packages[0]", "git+https://github.com/flyteorg/flytekit.git@master#subdirectory=plugins/flytekit-wandb")}
     * has one entry without a PEP 508 requirement, and no findings but {@code PATH_OR_URL}.
     *
     * @param label where the line comes from, used in findings
     * @param text the line
     * @return the parsed line, never null
     */
    public static RequirementsFile parseLine(String label, String text) {
        RequirementsFile file = new RequirementsFile(label, true);
        file.logicalLine(1, text);
        return file;
    }

    /** Python's {@code str.splitlines()}, which pip uses: more line breaks than {@link String#lines()}. */
    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\n\r\u000b\f\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Python's {@code line.strip("\\")}, as pip joins continued lines. */
    private static String stripBackslashes(String line) {
        int from = 0;
        int to = line.length();
        while (from < to && line.charAt(from) == '\\') {
            from++;
        }
        while (to > from && line.charAt(to - 1) == '\\') {
            to--;
        }
        return line.substring(from, to);
    }

    /**
     * Where pip's {@code COMMENT_RE}, {@code (^|\\s+)#.*$}, starts: at a {@code #} that begins the
     * line or follows whitespace ({@code pkg @ url#frag} keeps its fragment). Scanned by hand,
     * because the regex searched position by position is quadratic on long runs of spaces.
     */
    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || isSpace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return line.length();
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    private void logicalLine(int line, String raw) {
        String text = raw.substring(0, commentStart(raw)).strip();
        if (text.isEmpty()) {
            return;
        }
        Matcher env = ENV_VAR.matcher(text);
        if (env.find()) {
            found(line, Finding.Kind.ENV_VARIABLE, text, env.group());
        }
        // pip splits at the first word that starts with '-': before it the requirement, after it options.
        String[] words = text.split(" ", -1);
        int split = 0;
        while (split < words.length && !words[split].startsWith("-")) {
            split++;
        }
        String requirement = String.join(" ", List.of(words).subList(0, split)).strip();
        List<String> optionWords = new ArrayList<>();
        for (String word : List.of(words).subList(split, words.length)) {
            if (!word.isBlank()) {
                optionWords.add(word.strip());
            }
        }
        if (requirement.isEmpty()) {
            globalOptions(line, optionWords);
        } else {
            entry(line, requirement, optionWords);
        }
    }

    private void entry(int line, String text, List<String> perRequirement) {
        for (String option : perRequirement) {
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (!name.equals("--hash") && !name.equals("--config-settings") && !name.equals("--global-option")) {
                found(line, Finding.Kind.OPTION_AFTER_REQUIREMENT, option, "");
            }
        }
        try {
            entries.add(new Entry(line, text, Optional.of(Requirement.parse(text)), perRequirement));
        } catch (InvalidRequirementException e) {
            if (looksLikePathOrUrl(text)) {
                entries.add(new Entry(line, text, Optional.empty(), perRequirement));
                found(line, Finding.Kind.PATH_OR_URL, text, "");
            } else {
                found(line, Finding.Kind.INVALID_REQUIREMENT, text, e.getMessage());
            }
        }
    }

    private void globalOptions(int line, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String flag = word;
            String value = null;
            if (word.startsWith("--") && word.contains("=")) {
                flag = word.substring(0, word.indexOf('='));
                value = word.substring(word.indexOf('=') + 1);
            } else if (!word.startsWith("--") && word.length() > 2) {
                flag = word.substring(0, 2); // short options take their value attached: -rbase.txt
                value = word.substring(2);
            }
            Spec spec = OPTIONS.get(flag);
            if (spec == null) {
                found(line, Finding.Kind.UNKNOWN_OPTION, word, "");
                return;
            }
            if (spec.takesValue() && value == null) {
                if (i + 1 >= words.size()) {
                    found(line, Finding.Kind.OPTION_NEEDS_VALUE, word, spec.name() + " " + example(spec.name()));
                    return;
                }
                value = words.get(++i);
            } else if (!spec.takesValue() && value != null) {
                found(line, Finding.Kind.OPTION_TAKES_NO_VALUE, flag, spec.name());
                return;
            }
            record(line, spec, value);
        }
    }

    private void record(int line, Spec spec, String value) {
        switch (spec.name()) {
            case "--requirement" -> includes.add(new Include(line, Include.Kind.REQUIREMENTS, value));
            case "--constraint" -> includes.add(new Include(line, Include.Kind.CONSTRAINTS, value));
            default -> options.add(new Option(line, spec.name(), Optional.ofNullable(value), spec.changesSource()));
        }
    }

    private static String example(String name) {
        return switch (name) {
            case "--requirement", "--constraint" -> "base.txt";
            case "--trusted-host" -> "pypi.example.com";
            case "--no-binary", "--only-binary" -> ":all:";
            case "--editable" -> "./mypkg";
            case "--use-feature" -> "truststore";
            default -> "https://pypi.org/simple";
        };
    }

    private static boolean looksLikePathOrUrl(String text) {
        return text.contains("://")
                || text.startsWith(".")
                || text.startsWith("/")
                || text.startsWith("~")
                || text.endsWith(".whl")
                || text.endsWith(".tar.gz")
                || text.endsWith(".zip");
    }

    private void found(int line, Finding.Kind kind, String text, String detail) {
        findings.add(new Finding(where(line), line, kind, text, detail));
    }

    private String where(int line) {
        return oneLine ? fileName : fileName + ":" + line;
    }

    /**
     * The requirement lines in file order; {@code [numpy>=1.26]} for the file {@code numpy>=1.26}.
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * The {@code -r} and {@code -c} includes in file order; {@code [REQUIREMENTS base.txt]} for {@code -r base.txt}.
     *
     * @return an unmodifiable list
     */
    public List<Include> includes() {
        return List.copyOf(includes);
    }

    /**
     * The global options in file order; {@code [--index-url https://…]} for {@code -i https://…}.
     *
     * @return an unmodifiable list
     */
    public List<Option> options() {
        return List.copyOf(options);
    }

    /**
     * What is wrong or risky in the file, each at its line; empty for a clean file.
     *
     * @return an unmodifiable list
     */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /**
     * Whether an option changes where pip gets packages from (index, find-links, trusted host,
     * editable install); true for a file with {@code --extra-index-url https://…}.
     *
     * @return true if such an option is present
     */
    public boolean changesPackageSource() {
        return options.stream().anyMatch(Option::changesPackageSource);
    }

    /**
     * The PEP 508 entries labelled for {@link PackageConflicts} and the marker rules:
     * {@code requirements.txt:3} and the requirement as written, without its options. Paths and URLs
     * pip installs directly name no comparable package and are left out.
     *
     * @return one labelled package per PEP 508 entry
     */
    public List<PackageConflicts.Labeled> labeled() {
        List<PackageConflicts.Labeled> out = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.requirement().isPresent()) {
                out.add(new PackageConflicts.Labeled(where(entry.line()), entry.text()));
            }
        }
        return out;
    }
}
