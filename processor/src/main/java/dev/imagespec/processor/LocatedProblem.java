package dev.imagespec.processor;

import dev.imagespec.runtime.validate.Problem;

/**
 * A problem and the source location it belongs to.
 *
 * @param location where the spec's values are written
 * @param problem what is wrong
 */
record LocatedProblem(SpecLocation location, Problem problem) {}
