/**
 * flytekit-exact hashing: Python's {@code str()} rendering, the spec id and tag, and the digests of
 * the files a spec names (requirements, copy, source root).
 */
package dev.imagespec.runtime.hash;
