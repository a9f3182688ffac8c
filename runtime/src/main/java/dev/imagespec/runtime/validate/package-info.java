/**
 * The rules a spec's values follow, over plain values (strings, lists, maps): one class per
 * concern, named for it ({@link dev.imagespec.runtime.validate.PlatformRules} checks
 * {@code platform}), each adding {@link dev.imagespec.runtime.validate.Problem}s to one
 * {@link dev.imagespec.runtime.validate.ValidationReport}, with every message in
 * {@link dev.imagespec.runtime.validate.Messages}. Each class says the worst severity it can give
 * ({@code WORST}), so {@code ImageSpec.Builder.build()} runs exactly the classes that can say ERROR.
 * Shared by the processor (compile errors on annotation members) and the runtime (exceptions);
 * {@code spec.SpecValidator} reads a spec and calls them. Depends only on {@code packaging},
 * {@code reference}, {@code text} and {@code hash}; never throws, never prints.
 */
package dev.imagespec.runtime.validate;
