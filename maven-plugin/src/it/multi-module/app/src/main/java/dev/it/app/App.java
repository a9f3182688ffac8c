package dev.it.app;

import dev.imagespec.annotations.ImageSpec;
import dev.it.base.Base;

@ImageSpec(name = "it-mm-app", registry = "@it.registry@", baseSpec = Base.class,
        commands = {"cat /base.txt > /app.txt"})
public class App {}
