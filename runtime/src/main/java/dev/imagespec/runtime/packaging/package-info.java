/**
 * Python packaging, as pip's {@code packaging} library has it: PEP 440 versions and specifiers,
 * PEP 508 requirements, pip requirements files, conda match specs, apt package names, Python
 * versions and conflicts between packages named more than once. Pure parsers over strings that
 * return typed findings, never messages (the {@code validate} package turns findings into problems);
 * public values ({@link dev.imagespec.runtime.packaging.Version}, {@link dev.imagespec.runtime.packaging.Requirement}, ...).
 */
package dev.imagespec.runtime.packaging;
