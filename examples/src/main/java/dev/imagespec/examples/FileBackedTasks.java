package dev.imagespec.examples;

import dev.imagespec.annotations.ImageSpec;

/**
 * Specs that name files: their digests are computed at compile time (the files are not in the
 * container) and become part of the tag, so a changed file means a new image.
 */
public final class FileBackedTasks {
    private FileBackedTasks() {}

    /** Installs the packages of {@code requirements.txt}. */
    @ImageSpec(requirements = "requirements.txt")
    public static final class ScoringTask {}

    /** Copies a configuration directory and a start script into the image. */
    @ImageSpec(
            copy = {"conf", "run.sh"},
            registry = "localhost:30000",
            constants = true)
    public static final class ServingTask {}
}
