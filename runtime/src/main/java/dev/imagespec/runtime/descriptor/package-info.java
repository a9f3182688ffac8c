/**
 * The compiled form of specs: descriptor and index JSON under {@code META-INF/imagespec/}, and
 * {@link dev.imagespec.runtime.descriptor.JsonTree}, the one JSON reader and writer.
 */
package dev.imagespec.runtime.descriptor;
