/**
 * Registry authentication as {@code docker login} and {@code podman login} leave it: credential files
 * and helpers, {@code WWW-Authenticate} challenges, and the cache of bearer tokens.
 */
package dev.imagespec.runtime.registry.auth;
