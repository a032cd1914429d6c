/**
 * The resource-agent executor: runs OCF and LSB agents with timeouts and process-group kills, and
 * ships Vigil's own agents. Depends on {@code core} only. Built by the executor issue; empty until then.
 */
package dev.vigil.resourceagents;
