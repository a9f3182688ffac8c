/**
 * The harnesses behind {@code benchmarks/run <name>}: each measures one target of the issue and prints its
 * figures and verdict. Internal to imagespec and not API.
 */
package dev.imagespec.benchmarks;
