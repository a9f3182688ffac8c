package dev.it.fails;

import dev.imagespec.annotations.ImageSpec;

@ImageSpec(name = "it-fails", registry = "@it.registry@", baseImage = "@it.baseImage@",
        commands = {"echo about-to-fail-marker", "exit 3"})
public class Fails {}
