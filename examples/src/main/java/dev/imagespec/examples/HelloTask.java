package dev.imagespec.examples;

import dev.imagespec.annotations.ImageSpec;

/**
 * The smallest spec: only a name. Everything else is flytekit's default (no Python, platform
 * {@code linux/amd64}), so the image is {@code my-task:<hash>} in the local store.
 */
@ImageSpec(name = "my-task", constants = true)
public class HelloTask {
    /** Prints the image this task runs in, from the generated constants (no I/O). */
    public static void main(String[] args) {
        System.out.println(HelloTask_ImageSpec.IMAGE_NAME);
    }
}
