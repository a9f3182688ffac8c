/**
 * The {@code default} builder's Dockerfile: the renderer (flytekit's instruction order, every value
 * quoted or passed as an exec-form argument), its syntax helpers and the build context directory
 * it is rendered into.
 */
package dev.imagespec.builders.dockerfile;
