/**
 * What the build engine keeps JVM-wide or reads from the environment: builders' real image names and
 * flytekit's {@code str2bool}. Internal to imagespec and not API; {@code ImageBuildEngine} is the API.
 */
package dev.imagespec.runtime.engine;
