package dev.imagespec.examples;

import dev.imagespec.annotations.ImageSpec;
import dev.imagespec.annotations.ImageSpec.Env;
import dev.imagespec.runtime.ImageSpecs;

/**
 * A spec that uses most fields: a base image, Python and conda packages, apt packages, env,
 * commands, an entrypoint, a custom pip index and a tag format.
 */
@ImageSpec(
        name = "Everything",
        pythonVersion = "3.12",
        env = @Env(name = "K", value = "v"),
        registry = "localhost:30000",
        packages = "a==1",
        condaPackages = "c",
        condaChannels = "ch",
        aptPackages = "git",
        cuda = "12.1",
        cudnn = "9",
        baseImage = "ubuntu:22.04",
        platform = "linux/amd64",
        pipIndex = "https://i.example.com/simple",
        pipExtraIndexUrl = "https://x.example.com",
        pipExtraArgs = "--pre",
        entrypoint = "python",
        commands = "true",
        tagFormat = "{spec_hash}",
        pythonExec = "/opt/py/bin/python")
public class FeatureEngineeringTask {
    /** Says whether this JVM runs in the image the spec describes (flytekit's is_container). */
    public static void main(String[] args) {
        // no constants asked for: the spec is read from the descriptor the processor wrote
        dev.imagespec.runtime.ImageSpec spec = ImageSpecs.of(FeatureEngineeringTask.class);
        System.out.println(spec.imageName() + (spec.isContainer() ? " (running in it)" : " (elsewhere)"));
    }
}
