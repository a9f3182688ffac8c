package dev.imagespec.runtime.spec;

/**
 * A compiled spec names a file (requirements, copy, source root) that has changed since the class
 * was compiled: its recorded tag would name an image built from the old file. Recompile the class
 * (for example {@code mvn compile}) to refresh the descriptor.
 */
public final class StaleDescriptorException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final String file;

    public StaleDescriptorException(String origin, String field, String file) {
        super(field + " \"" + file + "\" of " + (origin == null ? "the spec" : origin)
                + " changed since it was compiled, so its recorded tag is out of date;"
                + " recompile (e.g. mvn compile) to refresh the descriptor");
        this.file = file;
    }

    /** The file that changed, as the spec names it, e.g. {@code "requirements.txt"}. */
    public String file() {
        return file;
    }
}
