/**
 * The rules a spec's values follow, shared by the processor (compile errors on annotation members)
 * and the runtime (exceptions), with every message kept in {@link dev.imagespec.runtime.validate.Messages}.
 */
package dev.imagespec.runtime.validate;
