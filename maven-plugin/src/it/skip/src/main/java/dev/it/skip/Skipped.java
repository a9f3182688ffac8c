package dev.it.skip;

import dev.imagespec.annotations.ImageSpec;

@ImageSpec(name = "it-skipped", registry = "@it.registry@", baseImage = "@it.baseImage@", commands = {"true"})
public class Skipped {}
