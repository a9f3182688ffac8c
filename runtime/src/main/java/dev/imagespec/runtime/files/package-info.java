/**
 * Whole directory trees on disk: deleting what a build or a compile staged. A leaf layer; internal
 * to imagespec.
 */
package dev.imagespec.runtime.files;
