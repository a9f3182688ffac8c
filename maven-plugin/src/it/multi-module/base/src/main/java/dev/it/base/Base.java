package dev.it.base;

import dev.imagespec.annotations.ImageSpec;

@ImageSpec(name = "it-mm-base", registry = "@it.registry@", baseImage = "@it.baseImage@",
        commands = {"echo from-base > /base.txt"})
public class Base {}
