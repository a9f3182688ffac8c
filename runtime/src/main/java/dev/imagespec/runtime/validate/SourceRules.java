package dev.imagespec.runtime.validate;

import dev.imagespec.annotations.CopyFileDetection;
import dev.imagespec.runtime.validate.Problem.Severity;

/**
 * The rules for {@code sourceRoot} and {@code sourceCopyMode} together: a mode that copies needs a
 * source root (flytekit raises otherwise, so ERROR), and {@code LOADED_MODULES} copies nothing for a
 * JVM task (WARNING). The source root as a path is {@link PathRules}'; that it is a directory is
 * {@code spec.FileChecks}'.
 *
 * <p>Example: {@code SourceRules.check(CopyFileDetection.ALL, null, out)} adds
 * {@code sourceCopyMode ALL copies files from sourceRoot, which is not set; ...}.
 */
public final class SourceRules {
    /** The source root member. */
    public static final String SOURCE_ROOT = "sourceRoot";
    /** The copy mode member. */
    public static final String COPY_MODE = "sourceCopyMode";
    /** The worst these rules say. */
    public static final Severity WORST = Severity.ERROR;

    private SourceRules() {}

    /** The copy mode and the source root, each null when unset. */
    public static void check(CopyFileDetection mode, String sourceRoot, ValidationReport.Collector out) {
        if (mode == null) {
            return;
        }
        if (mode != CopyFileDetection.NO_COPY && (sourceRoot == null || sourceRoot.isEmpty())) {
            out.add(COPY_MODE, -1, Severity.ERROR, mode.name(), Messages.sourceCopyModeNeedsRoot(mode.name()));
        } else if (mode == CopyFileDetection.LOADED_MODULES) {
            out.add(
                    sourceRoot != null ? SOURCE_ROOT : COPY_MODE,
                    -1,
                    Severity.WARNING,
                    sourceRoot == null ? "" : sourceRoot,
                    Messages.loadedModulesCopyNothing(sourceRoot == null ? "" : sourceRoot));
        }
    }
}
