/**
 * Checks for the package lists of an image spec: pip requirements files, conda match specs,
 * apt package names, Python versions, and conflicts between packages named more than once.
 * Every check is a pure function that returns its {@link dev.imagespec.runtime.packaging.Problem}s; none throws or prints.
 */
package dev.imagespec.runtime.packaging;
