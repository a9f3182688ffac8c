/**
 * Checks for the package lists of an image spec: pip requirements files, conda match specs,
 * apt package names, Python versions, and conflicts between packages named more than once.
 * Every check is a pure function that returns typed findings (a flaw kind and the part it is about), never a message; none throws or prints. The validate package turns findings into problems with messages.
 */
package dev.imagespec.runtime.packaging;
