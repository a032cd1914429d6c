/**
 * {@code vigil demo}: a two-node cluster on loopback, started as child processes of the command,
 * that shows a failover and measures it. Needs no root and no configuration: everything lives in a
 * temporary directory that is removed on every way out. Uses the daemon through its public
 * surfaces only ({@code vigil daemon}, the control socket, {@code vigil status}).
 */
package dev.vigil.cli.demo;
