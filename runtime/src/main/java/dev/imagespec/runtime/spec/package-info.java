/**
 * A spec's fields and the code that walks them: the field table {@link dev.imagespec.runtime.spec.SpecField},
 * a spec's values held by it ({@link dev.imagespec.runtime.spec.SpecValues}, wrapped by the façade's
 * {@code ImageSpec}), and the walkers over the table: the hash dict ({@code SpecHasher}), the map
 * mapping for YAML, JSON and descriptors ({@code SpecMapper}) and the validation entry ({@code SpecValidator}).
 * Internal to imagespec except the value types the façade exposes ({@code SpecField}, {@code SecretMount},
 * the exceptions).
 */
package dev.imagespec.runtime.spec;
