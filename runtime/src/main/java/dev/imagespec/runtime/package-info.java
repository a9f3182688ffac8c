/**
 * The public façade, loaded at every task start: {@link dev.imagespec.runtime.ImageSpec} (a spec's
 * values, id, tag and image name), {@link dev.imagespec.runtime.ImageSpecs} (the specs compiled into
 * the class path), {@link dev.imagespec.runtime.Image}, {@link dev.imagespec.runtime.ImageSpecYaml},
 * {@link dev.imagespec.runtime.ImageBuildEngine} and its {@link dev.imagespec.runtime.ImageSpecBuilder}
 * SPI. The sub-packages are layers below it; none of them imports this package.
 */
package dev.imagespec.runtime;
