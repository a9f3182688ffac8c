/**
 * {@link dev.imagespec.annotations.ImageSpec}, put on a task class to say which image it runs in,
 * and its nested annotation types. No dependencies: this jar is all a task's sources need.
 */
package dev.imagespec.annotations;
