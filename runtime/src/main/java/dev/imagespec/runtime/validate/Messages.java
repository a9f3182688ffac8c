package dev.imagespec.runtime.validate;

/**
 * Every validation message, in one place so that the processor, the runtime and the tests say
 * the same thing. Each names the member, the value as written, the rule and a correct example.
 */
public final class Messages {
    private Messages() {}

    static String quote(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\0' -> s.append("\\0");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    public static String controlCharacter(String member, String value) {
        return member + " " + quote(value) + " must not contain NUL, newline or carriage return: it becomes a name,"
                + " package or path in a Dockerfile or command line; remove them";
    }

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

    public static String sourceCopyModeNeedsRoot(String mode) {
        return "sourceCopyMode " + mode + " copies files from sourceRoot, which is not set; set sourceRoot"
                + " (e.g. sourceRoot = \"src/main/python\") or use CopyFileDetection.NO_COPY";
    }

    public static String loadedModulesCopyNothing(String root) {
        return "sourceRoot " + quote(root) + " is copied in mode LOADED_MODULES (flytekit's default), which copies"
                + " the Python modules a running program loaded: a JVM task loads none, so nothing is copied;"
                + " set sourceCopyMode = CopyFileDetection.ALL to copy the files";
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
        return "pipSecretMounts (" + quote(src) + ", " + quote(dst) + ") needs a non-empty src file and an absolute"
                + " dst path, e.g. @SecretMount(src = \".netrc\", dst = \"/root/.netrc\")";
    }

    public static String baseImage(String value, String reason) {
        return "baseImage " + quote(value) + " is not a valid image reference: " + reason
                + "; e.g. \"python:3.11-slim\" or \"ghcr.io/acme/base:1.0\"";
    }

    public static String baseImageUnpinned(String value) {
        return "baseImage " + quote(value) + " has neither tag nor digest, so it means \"latest\", which changes under"
                + " the same image tag; pin it, e.g. \"" + value + ":1.0\" or \"" + value + "@sha256:...\"";
    }

    public static String baseImageAndSpec() {
        return "baseImage and baseSpec are both set; a spec has one base: keep baseImage = \"python:3.11\""
                + " or baseSpec = Base.class";
    }

    public static String emptyValue(String member) {
        return member + " has an empty entry; remove it or write a value, e.g. " + member + " = {\"git\"}";
    }

    public static String fileMissing(String member, String path, String resolved) {
        return member + " " + quote(path) + " does not exist (looked at " + resolved + "); paths resolve against the"
                + " project directory (-Aimagespec.projectDir); e.g. \"requirements.txt\"";
    }

    public static String fileUnreadable(String member, String path, String why) {
        return member + " " + quote(path) + " cannot be read: " + why + "; check its permissions";
    }

    public static String notADirectory(String member, String path) {
        return member + " " + quote(path) + " is not a directory; point it at the folder whose files are copied,"
                + " e.g. \"src/main/python\"";
    }

    public static String notAFile(String member, String path) {
        return member + " " + quote(path) + " is a directory; point it at a requirements file, e.g. \"requirements.txt\"";
    }

    public static String cudaVersion(String member, String value) {
        return member + " " + quote(value) + " is not a dotted numeric version, e.g. \"12.1\"";
    }
}
