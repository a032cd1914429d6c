/**
 * Reads the node daemon's own configuration: Heartbeat's {@code ha.cf} directives (with Vigil
 * extensions) into {@link dev.vigil.cli.config.HaConfig}, and Heartbeat's {@code authkeys} file
 * into {@link dev.vigil.cli.config.AuthKeys}, from which the cluster key is derived.
 *
 * <p>Depends only on the JDK. Nothing here reads {@code /etc} by itself: callers pass the paths.
 * Every refusal is a {@link dev.vigil.cli.config.ConfigException} listing all problems found,
 * each as {@code FILE:LINE: what is wrong — what to do}. Secrets never appear in messages.
 */
package dev.vigil.cli.config;
