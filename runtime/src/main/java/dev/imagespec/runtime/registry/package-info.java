/**
 * Asks an OCI distribution registry, or the local builder's image store, whether an image exists:
 * {@link dev.imagespec.runtime.registry.RegistryClient} is the facade, the rest are its values and parts.
 */
package dev.imagespec.runtime.registry;
