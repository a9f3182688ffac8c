/**
 * The compiled form of specs: descriptor and index JSON under {@code META-INF/imagespec/}, and the
 * mapping between specs and flytekit's field maps shared with the YAML reader.
 */
package dev.imagespec.runtime.descriptor;
