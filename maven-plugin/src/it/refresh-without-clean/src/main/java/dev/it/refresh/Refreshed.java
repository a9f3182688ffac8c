package dev.it.refresh;

import dev.imagespec.annotations.ImageSpec;

// requirements.txt is copied into the image (no Python in the busybox base to install it with).
@ImageSpec(name = "it-refresh", registry = "@it.registry@", baseImage = "@it.baseImage@",
        copy = {"requirements.txt"}, commands = {"cat /root/requirements.txt"})
public class Refreshed {}
