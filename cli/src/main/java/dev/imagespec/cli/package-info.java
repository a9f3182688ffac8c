/**
 * The {@code imagespec} command line (picocli): describe, list, exists, dockerfile and build. It
 * lives outside the runtime, which stays lean for task start-up.
 */
package dev.imagespec.cli;
