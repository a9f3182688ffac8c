/**
 * The Docker/OCI image reference grammar ({@code distribution/reference}):
 * {@link dev.imagespec.runtime.reference.ImageReference} parses, normalizes and prints references.
 * A leaf: it depends on nothing else in imagespec but {@code text}.
 */
package dev.imagespec.runtime.reference;
