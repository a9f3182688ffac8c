/**
 * Registry logins as {@code docker login} and {@code podman login} leave them: credential files and
 * helpers, {@code WWW-Authenticate} challenges, bearer tokens. Internal to imagespec and not API.
 */
package dev.imagespec.runtime.registry.auth;
