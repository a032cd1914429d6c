/**
 * Runs external programs (resource agents, init scripts, fence agents) safely: each in its own
 * process group, with a timeout that kills the whole group (TERM, then KILL after a grace
 * period), stdin fed from memory, and output captured up to a bound. Used by the executor and
 * by the {@code stonith} module's fence-agent bridge. Depends on the JDK and JNA only.
 */
package dev.vigil.resourceagents.process;
