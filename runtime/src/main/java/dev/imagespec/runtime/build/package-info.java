/**
 * Builders: {@code default} renders a Dockerfile ({@link dev.imagespec.runtime.build.DockerfileRenderer})
 * into a temporary {@link dev.imagespec.runtime.build.BuildContext} and runs a {@link dev.imagespec.runtime.build.BuildTool}
 * (docker, podman or buildah); {@code noop} reuses its base image as is.
 */
package dev.imagespec.runtime.build;
