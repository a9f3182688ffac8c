package dev.imagespec.runtime.validate;

import static dev.imagespec.runtime.text.InputText.quote;

import dev.imagespec.runtime.packaging.AptPackageName;
import dev.imagespec.runtime.packaging.CondaMatchSpec;
import dev.imagespec.runtime.packaging.PackageConflicts;
import dev.imagespec.runtime.packaging.PythonVersions;
import dev.imagespec.runtime.packaging.RequirementsFile;

/**
 * Every validation message, in one place so that the processor, the runtime and the tests say
 * the same thing. Each names the member, the value as written (quoted by
 * {@link dev.imagespec.runtime.text.InputText#quote}), the rule and a correct example. Messages of
 * parse exceptions (a requirement, a version, an image reference) stay with their exception types,
 * which carry the input and the rule; a message here may quote them.
 */
public final class Messages {
    private Messages() {}

    // ---- any value ---------------------------------------------------------------------------

    public static String controlCharacter(String member, String value) {
        return member + " " + quote(value) + " must not contain NUL, newline or carriage return (nor another control"
                + " character): it becomes a name, package or path in a Dockerfile or command line; remove them";
    }

    public static String nulCharacter(String member, String value) {
        return member + " " + quote(value) + " must not contain NUL: no command line, file or environment can hold it;"
                + " remove it";
    }

    public static String emptyValue(String member) {
        return member + " has an empty entry; remove it or write a value, e.g. " + member + " = {\"git\"}";
    }

    // ---- name and registry ---------------------------------------------------------------------

    public static String name(String value) {
        return "name " + quote(value) + " is not a valid image name: use lower-case letters, digits and"
                + " single separators (. _ __ -) between them, e.g. \"my-task\"";
    }

    public static String registryScheme(String value, String fixed) {
        return "registry " + quote(value) + " must not contain a scheme; write " + quote(fixed);
    }

    public static String registryTrailingSlash(String value, String fixed) {
        return "registry " + quote(value) + " must not end with '/'; write " + quote(fixed);
    }

    public static String registryTag(String value) {
        return "registry " + quote(value) + " must not contain a tag or digest (the image's tag is computed);"
                + " write the registry and namespace only, e.g. \"ghcr.io/acme\"";
    }

    public static String registry(String value) {
        return "registry " + quote(value) + " is not a valid container registry name: write a host with an"
                + " optional port and path, e.g. \"localhost:30000\", \"ghcr.io/acme\" or \"docker.io/acme\"";
    }

    // ---- source files --------------------------------------------------------------------------

    public static String sourceCopyModeNeedsRoot(String mode) {
        return "sourceCopyMode " + mode + " copies files from sourceRoot, which is not set; set sourceRoot"
                + " (e.g. sourceRoot = \"src/main/python\") or use CopyFileDetection.NO_COPY";
    }

    public static String loadedModulesCopyNothing(String root) {
        return "sourceRoot " + quote(root) + " is copied in mode LOADED_MODULES (flytekit's default), which copies"
                + " the Python modules a running program loaded: a JVM task loads none, so nothing is copied;"
                + " set sourceCopyMode = CopyFileDetection.ALL to copy the files";
    }

    public static String fileMissing(String member, String path, String resolved) {
        return member + " " + quote(path) + " does not exist (looked at " + resolved + "); " + RELATIVE_PATHS
                + "; e.g. \"requirements.txt\"";
    }

    /** Where relative paths in a spec resolve, by each tool's own option. */
    private static final String RELATIVE_PATHS = "relative paths resolve against the project directory"
            + " (-Aimagespec.projectDir for the processor, --project-dir DIR for the imagespec command,"
            + " imagespec.projectDir for the Maven plugin), else the working directory";

    public static String fileUnreadable(String member, String path, String why) {
        return member + " " + quote(path) + " cannot be read: " + why + "; check its permissions";
    }

    public static String notADirectory(String member, String path) {
        return member + " " + quote(path) + " is not a directory; point it at the folder whose files are copied,"
                + " e.g. \"src/main/python\"";
    }

    public static String notAFile(String member, String path) {
        return member + " " + quote(path)
                + " is a directory; point it at a requirements file, e.g. \"requirements.txt\"";
    }

    /** A {@code copy} source gone when the build context is made. */
    public static String copySourceMissing(String src, String resolved) {
        return "copy " + quote(src) + " does not exist (looked at " + resolved + "); " + RELATIVE_PATHS
                + "; create it, point the project directory at where it is, or remove it from copy";
    }

    /** A {@code uv.lock} or {@code poetry.lock} requirements file without its project file. */
    public static String lockFileNeedsPyproject(String requirements, String lock, String looked) {
        return "requirements \"" + requirements + "\" is a " + lock + ", which needs a pyproject.toml in the same"
                + " directory (looked at " + looked + ")";
    }

    // ---- tag format, platform, env, pip options, cuda ------------------------------------------

    /** A tag format that does not parse: the parser's message names the brace and its position. */
    public static String tagFormatUnparsable(String parserMessage) {
        return parserMessage;
    }

    public static String tagFormatNoField(String value) {
        return "tagFormat " + quote(value) + " must contain {spec_hash}, or every spec gets the same tag;"
                + " e.g. \"{spec_hash}-dev\"";
    }

    public static String tagFormatInvalid(String value, String rendered) {
        return "tagFormat " + quote(value) + " renders " + quote(rendered) + ", which is not a valid image tag"
                + " (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-'); e.g. \"{spec_hash}-dev\"";
    }

    public static String platformInvalid(String value, String part) {
        return "platform " + quote(value) + " has " + quote(part) + ", which is not os/arch[/variant] with a"
                + " known os and architecture; e.g. \"linux/amd64\" or \"linux/amd64,linux/arm64/v8\"";
    }

    public static String envName(String name) {
        return "env name " + quote(name) + " is not a portable environment variable name (letters, digits and"
                + " '_', not starting with a digit); e.g. \"MODEL_DIR\"";
    }

    public static String url(String member, String value) {
        return member + " " + quote(value) + " must be an http or https URL, e.g. \"https://pypi.example.com/simple\"";
    }

    public static String secretMount(String src, String dst) {
        return "pipSecretMounts (" + quote(src) + ", " + quote(dst) + ") needs a non-empty src file and a non-empty"
                + " dst path without control characters (absolute, or relative to the install step's working directory),"
                + " e.g. @SecretMount(src = \".netrc\", dst = \"/root/.netrc\")";
    }

    public static String cudaVersion(String member, String value) {
        return member + " " + quote(value) + " is not a dotted numeric version, e.g. \"12.1\"";
    }

    // ---- base image ----------------------------------------------------------------------------

    /** A base image that is no image reference; the parser's message names the value and the rule. */
    public static String baseImageInvalid(String parserMessage) {
        return "baseImage: " + parserMessage;
    }

    public static String baseImageUnpinned(String value) {
        return "baseImage " + quote(value) + " has neither tag nor digest, so it means \"latest\", which changes under"
                + " the same image tag; pin it, e.g. \"" + value + ":1.0\" or \"" + value + "@sha256:...\"";
    }

    public static String baseImageAndSpec() {
        return "baseImage and baseSpec are both set; a spec has one base: keep baseImage = \"python:3.11\""
                + " or baseSpec = Base.class";
    }

    // ---- packages ------------------------------------------------------------------------------

    /** A package that is no PEP 508 requirement; the parser's message names the value and the position. */
    public static String requirementInvalid(String member, String parserMessage) {
        return member + ": " + parserMessage;
    }

    public static String pythonVersion(String value, PythonVersions.Flaw flaw) {
        String range = "; supported are 3." + PythonVersions.OLDEST_MINOR + " to 3." + PythonVersions.NEWEST_MINOR
                + ", e.g. \"3.12\"";
        String why = switch (flaw.kind()) {
            case LETTERS_FOR_DIGITS ->
                "is not a version number (letters where digits belong?); write " + quote(flaw.suggestion());
            case FORMAT -> "must be major.minor or major.minor.micro with plain numbers, e.g. \"3.12\" or \"3.12.4\"";
            case UNRELEASED ->
                "is not a released CPython line"
                        + (flaw.suggestion().isEmpty() ? "" : " (did you mean \"" + flaw.suggestion() + "\"?)") + range;
            case UNSUPPORTED -> "is not a supported CPython line" + range;
        };
        return "pythonVersion " + quote(value) + " " + why;
    }

    public static String condaPackage(String value, CondaMatchSpec.Flaw flaw) {
        String why = switch (flaw.kind()) {
            case CHANNEL -> "has an invalid channel before '::'";
            case NAME -> "must start with a package name of letters, digits, '_', '.' and '-'";
            case VERSION_AFTER_EQUALS -> "has an invalid version after '='";
            case BUILD_AFTER_EQUALS -> "has an invalid build string after the second '='";
            case VERSION_CONSTRAINT -> "has an invalid version constraint " + quote(flaw.part());
            case VERSION_AFTER_SPACE -> "has an invalid version after the space";
            case BUILD_AFTER_SPACE -> "has an invalid build string";
        };
        return "conda package " + quote(value) + " " + why
                + "; write e.g. \"numpy\", \"numpy=1.26\", \"numpy>=1.26,<2\","
                + " \"numpy=1.26.4=py311h64a7726_0\" or \"conda-forge::numpy\"";
    }

    public static String aptPackage(String value, AptPackageName.Flaw flaw) {
        String why = switch (flaw) {
            case UPPER_CASE -> "must be lower-case (Debian package names are)";
            case NOT_A_NAME ->
                "is not a Debian package name: it must be at least two of a-z, 0-9, '+', '-', '.',"
                        + " starting with a letter or digit";
            case ARCHITECTURE -> "has an invalid architecture after ':'";
            case RELEASE -> "has an invalid release after '/'";
            case EPOCH -> "has a version whose epoch (before ':') is not a number";
            case REVISION ->
                "has a version whose Debian revision (after the last '-') is empty or has characters"
                        + " other than letters, digits, '+', '.', '~'";
            case UPSTREAM ->
                "has a version that is not a Debian version: the upstream part must start with a digit"
                        + " and hold only letters, digits, '.', '+', '~' and '-'";
        };
        return "apt package " + quote(value) + " " + why + "; write e.g. \"curl\", \"libssl-dev:arm64\" or"
                + " \"curl=7.88.1-10+deb12u5\"";
    }

    /** A requirements file finding, prefixed with its file and line: {@code requirements.txt:3: ...}. */
    public static String requirementsLine(RequirementsFile.Finding f) {
        String text = switch (f.kind()) {
            case ENV_VARIABLE ->
                "requirement line " + quote(f.text()) + " uses " + f.detail() + ", which pip fills in"
                        + " from the environment of the image build; write the value itself, e.g."
                        + " \"--index-url https://pypi.org/simple\"";
            case OPTION_AFTER_REQUIREMENT ->
                "option " + quote(f.text()) + " cannot follow a requirement; only --hash,"
                        + " --config-settings and --global-option can, e.g. \"numpy==1.26.4 --hash=sha256:…\"; put other"
                        + " options on a line of their own";
            case PATH_OR_URL ->
                "requirement " + quote(f.text()) + " is a path or URL, which pip installs directly; the"
                        + " image build must be able to reach it, or write \"name @ url\", e.g."
                        + " \"pkg @ https://example.com/pkg-1.0-py3-none-any.whl\"";
            case INVALID_REQUIREMENT -> f.detail();
            case UNKNOWN_OPTION ->
                "pip does not accept option " + quote(f.text()) + " in a requirements file; write"
                        + " e.g. \"--index-url https://pypi.org/simple\" or \"-r base.txt\"";
            case OPTION_NEEDS_VALUE -> "option " + quote(f.text()) + " needs a value, e.g. \"" + f.detail() + "\"";
            case OPTION_TAKES_NO_VALUE -> "option " + quote(f.text()) + " takes no value; write \"" + f.detail() + "\"";
        };
        return f.where() + ": " + text;
    }

    /** A {@code packages} entry ending in a backslash, which joins the next line of the requirements file. */
    public static String requirementContinues(String member, String value) {
        return member + " entry " + quote(value) + " ends in a backslash, which would join it with the next line of"
                + " the requirements file the build writes; remove the backslash";
    }

    /** An include ({@code -r}, {@code -c}) written as a {@code packages} entry. */
    public static String packageInclude(String member, int index, RequirementsFile.Include include) {
        return member + "[" + index + "] includes " + quote(include.path()) + " (" + include.kind() + "), which the"
                + " image build does not copy, so pip cannot read it; name the packages themselves, or use requirements";
    }

    /** An option that changes where pip installs from, written as a {@code packages} entry. */
    public static String packageSourceOption(String member, int index, RequirementsFile.Option option) {
        return member + "[" + index + "] sets " + option.name()
                + option.value().map(v -> " " + v).orElse("")
                + ", which changes where pip installs from for every package; use pipIndex or pipExtraIndexUrl,"
                + " e.g. pipExtraIndexUrl = \"https://pypi.example.com/simple\"";
    }

    public static String requirementsInclude(String file, RequirementsFile.Include include) {
        return "requirements " + quote(file) + " line " + include.line() + " includes " + quote(include.path())
                + " (" + include.kind() + "); the image build copies only " + file + ", so pip cannot read it:"
                + " put its lines into " + file;
    }

    public static String requirementsSourceOption(String file, RequirementsFile.Option option) {
        return "requirements " + quote(file) + " line " + option.line() + " sets " + option.name()
                + option.value().map(v -> " " + v).orElse("") + ", which changes where pip installs from without"
                + " the spec saying so; use pipIndex or pipExtraIndexUrl, e.g. pipIndex = \"https://pypi.example.com/simple\"";
    }

    /** A package named twice, prefixed with where the second is: {@code requirements.txt:3: ...}. */
    public static String packageConflict(PackageConflicts.Conflict c) {
        String both = quote(c.first().text()) + " (" + c.first().label() + ") and "
                + quote(c.second().text()) + " (" + c.second().label() + ")";
        String text = switch (c.kind()) {
            case SAME ->
                "package " + c.name() + " is named twice with the same meaning: " + both + "; keep one, e.g. "
                        + quote(c.suggestion());
            case UNSATISFIABLE ->
                "package " + c.name() + " is named twice with version specifiers no version" + " satisfies together: "
                        + both + "; keep one range that holds a version, e.g. " + quote(c.suggestion());
            case COMBINED ->
                "package " + c.name() + " is named twice: " + both + "; pip combines them, which may not"
                        + " be what was meant; write it once, e.g. " + quote(c.suggestion());
        };
        return c.second().label().isEmpty() ? text : c.second().label() + ": " + text;
    }

    public static String pythonMarkerNeverMet(String text, String label, String marker, String python) {
        return "package " + quote(text) + " (" + label + ") is installed only when " + marker + ", which pythonVersion "
                + quote(python) + " never is; remove it or fix the marker";
    }

    // ---- field maps (YAML, JSON) ---------------------------------------------------------------

    public static String unknownField(String key, String knownKeys) {
        return "unknown field " + quote(key) + "; ImageSpec's fields are " + knownKeys;
    }

    /** {@code quoted}: the value as a quoted string to write instead ({@code InputText.quote}, so cut to a readable length). */
    public static String notAString(String key, String described, boolean pythonVersion, String quoted) {
        return key + " must be a string, not " + described
                + (pythonVersion
                        ? "; quote it, e.g. python_version: \"3.10\" (YAML reads 3.10 as 3.1)"
                        : "; quote it, e.g. " + key + ": " + quoted);
    }

    public static String notAStringInList(String key, String described) {
        return key + " must be a list of strings; " + described + " is not one (quote it)";
    }

    public static String notAList(String key, String described) {
        return key + " must be a list of strings, not " + described + "; e.g. " + key + ": [\"a\", \"b\"]";
    }

    public static String notAMapping(String key, String described) {
        return key + " must be a mapping, not " + described;
    }

    public static String notAStringEntry(String key, Object entryKey, String described) {
        return key + " entries must be strings; " + entryKey + ": " + described + " is not (quote the value)";
    }

    public static String notAStringKey(String key, String described) {
        return key + " keys must be strings, not " + described;
    }

    public static String notAMountPair(String key) {
        return key + " must be a list of [src, dst] pairs of strings, e.g. [[\".netrc\", \"/root/.netrc\"]]";
    }

    public static String notAMountList(String key, String described) {
        return key + " must be a list of [src, dst] pairs, not " + described;
    }

    public static String notACopyMode(String key, String value) {
        return key + " \"" + value + "\" is not one of LOADED_MODULES, ALL, NO_COPY";
    }

    public static String fileDigestsNotAMap(String key) {
        return key + " must be a map of requirements/copy/source_root digests";
    }

    public static String secretMountParts() {
        return "a pip secret mount needs both src and dst, e.g. (\".netrc\", \"/root/.netrc\")";
    }

    // ---- the Java API's values -----------------------------------------------------------------

    public static String optionNameNull() {
        return "option names must not be null";
    }

    public static String optionValueType(Object value, String type) {
        return "option value " + value + " of type " + type + " has no Python equivalent; use a string, number,"
                + " boolean, null, list or map";
    }

    public static String wrongFieldType(String key, String type, String asked) {
        return key + " is a " + type + ", not a " + asked;
    }

    public static String wrongValueType(String key, String type, String given) {
        return key + " must be a " + type + ", not a " + given;
    }

    public static String nullInList(String key, String list) {
        return key + " must not contain null: " + list;
    }

    public static String nullInMap(String key) {
        return key + " must not contain null names or values";
    }
}
