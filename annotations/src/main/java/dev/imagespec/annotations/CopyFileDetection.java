package dev.imagespec.annotations;

/**
 * Which files of {@link ImageSpec#sourceRoot()} are copied into the image: flytekit's
 * {@code flytekit.constants.CopyFileDetection}, with the same constants and numbers (the numbers
 * are part of the spec's hash, as Python prints {@code <CopyFileDetection.ALL: 2>}).
 *
 * <p>Example: {@code @ImageSpec(sourceRoot = "src/main/python", sourceCopyMode = CopyFileDetection.ALL)}.
 */
public enum CopyFileDetection {
    /** Only the Python modules the running program loaded (flytekit's "auto"). */
    LOADED_MODULES(1),
    /** Every file under the source root, less {@code .git}, ignored and cache files. */
    ALL(2),
    /** No source files. */
    NO_COPY(3);

    private final int value;

    CopyFileDetection(int value) {
        this.value = value;
    }

    /** The number flytekit gives this constant, e.g. {@code ALL.value() == 2}. */
    public int value() {
        return value;
    }
}
