package dev.imagespec.runtime.hash;

/**
 * What the files a spec names hashed to, as flytekit puts them into the tag: {@code requirements}
 * (sha1 of the stripped file), {@code copy} (md5 over the copied files and their names) and
 * {@code sourceRoot} (md5 over the listed source files). Each is null when the spec names no such file.
 *
 * <p>Example: {@code new FileDigests("5f1b...", null, null)} for a spec with only a requirements file.
 *
 * @param requirements hex sha1, or null
 * @param copy hex md5, or null
 * @param sourceRoot hex md5, or null
 */
public record FileDigests(String requirements, String copy, String sourceRoot) {
    /**
     * The digest that replaces the field with flytekit key {@code key} in the tag, e.g.
     * {@code digest("copy")}; {@code null} when there is none.
     */
    public String digest(String key) {
        return switch (key) {
            case "requirements" -> requirements;
            case "copy" -> copy;
            case "source_root" -> sourceRoot;
            default -> null;
        };
    }

    /** Whether no file digest is held. */
    public boolean isEmpty() {
        return requirements == null && copy == null && sourceRoot == null;
    }
}
