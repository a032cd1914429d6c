/**
 * The fence-agents bridge: runs {@code /usr/sbin/fence_*} executables over their stdin
 * {@code key=value} protocol, reads their metadata XML (DTDs and entities disabled), and
 * interprets their exit codes and {@code list} output. Depends on the SPI and the executor's
 * process runner.
 */
package dev.vigil.stonith.agents;
