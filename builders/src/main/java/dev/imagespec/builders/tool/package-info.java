/**
 * The build tools the {@code default} builder runs (docker, podman, buildah): their command lines,
 * storage options and the process runner that streams their output and stops them on interrupt.
 */
package dev.imagespec.builders.tool;
