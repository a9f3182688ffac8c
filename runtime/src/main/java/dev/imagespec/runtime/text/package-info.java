/**
 * How a value a person wrote is shown in a message: quoted, escaped, cut to a readable length.
 * The lowest layer; internal to imagespec.
 */
package dev.imagespec.runtime.text;
