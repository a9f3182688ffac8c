package dev.it.app;

import dev.imagespec.annotations.ImageSpec;

@ImageSpec(name = "it-app", registry = "@it.registry@", baseImage = "@it.baseImage@",
        commands = {"echo built > /built.txt"})
public class App {}
