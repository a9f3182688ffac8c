/**
 * Builders: {@code default} renders a Dockerfile ({@link dev.imagespec.builders.dockerfile.DockerfileRenderer})
 * into a temporary {@link dev.imagespec.builders.dockerfile.BuildContext} and runs a {@link dev.imagespec.builders.tool.BuildTool}
 * (docker, podman or buildah); {@code noop} reuses its base image as is.
 */
package dev.imagespec.builders;
