package dev.imagespec.examples;

import dev.imagespec.annotations.ImageSpec;
import dev.imagespec.annotations.ImageSpec.Env;

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
        boolean mine = FeatureEngineeringTask_ImageSpec.spec().isContainer();
        System.out.println(FeatureEngineeringTask_ImageSpec.IMAGE_NAME + (mine ? " (running in it)" : " (elsewhere)"));
    }
}
