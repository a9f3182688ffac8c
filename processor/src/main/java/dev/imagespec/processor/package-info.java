/**
 * The javac annotation processor: reads {@code @ImageSpec} mirrors, validates them with the
 * runtime's shared rules, and writes descriptors and generated constants.
 */
package dev.imagespec.processor;
