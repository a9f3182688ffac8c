package dev.imagespec.examples;

import dev.imagespec.annotations.ImageSpec;

/**
 * A chain of base specs: {@link Platform} is built first, then {@link Team} on top of it, then
 * {@link ReportTask} on top of that. Each child's tag includes its base's image name.
 */
public final class LayeredImages {
    private LayeredImages() {}

    /** The organization's base image. */
    @ImageSpec(name = "a", registry = "localhost:30000")
    public static final class Platform {}

    /** The team's image, built from the platform image. */
    @ImageSpec(name = "b", registry = "localhost:30000", baseSpec = Platform.class)
    public static final class Team {}

    /** A task in an image built from the team's image. */
    @ImageSpec(name = "c", baseSpec = Team.class, constants = true)
    public static final class ReportTask {
        public static void main(String[] args) {
            System.out.println(LayeredImages_ReportTask_ImageSpec.IMAGE_NAME);
        }
    }
}
