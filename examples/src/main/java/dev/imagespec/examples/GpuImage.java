package dev.imagespec.examples;

import dev.imagespec.annotations.ImageSpec;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A composed spec: every class annotated {@code @GpuImage} runs in the same CUDA image, written once.
 */
@ImageSpec(constants = true, cuda = "11.2.2", cudnn = "8", pythonVersion = "3.10")
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GpuImage {}
