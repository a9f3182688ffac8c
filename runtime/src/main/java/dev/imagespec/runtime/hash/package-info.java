/**
 * flytekit-exact hashing: Python's {@code str()} rendering, the tag format and the digests of the files
 * a spec names (requirements, copy, source root). Internal to imagespec and not API.
 */
package dev.imagespec.runtime.hash;
