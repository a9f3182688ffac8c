/**
 * The {@code imagespec} command line (picocli): describe, list, exists, dockerfile and build, outside the
 * runtime, which stays lean for task start-up. Internal to imagespec and not API: the command is.
 */
package dev.imagespec.cli;
