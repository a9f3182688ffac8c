/**
 * The values a task uses at run time: {@link dev.imagespec.runtime.ImageSpec}, {@link dev.imagespec.runtime.Image},
 * and {@link dev.imagespec.runtime.ImageSpecs}, which reads the specs compiled into the class path.
 */
package dev.imagespec.runtime;
