/**
 * Whether an image exists, in an OCI registry or the local builder's store. {@link Existence} (what
 * {@code ImageSpec.existence()} returns) is API; the client and its parts are internal to imagespec, not API.
 */
package dev.imagespec.runtime.registry;
