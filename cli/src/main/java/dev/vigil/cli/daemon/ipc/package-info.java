/**
 * The node daemon's local control API: newline-delimited JSON over a Unix domain socket
 * (default {@code /run/vigil/vigil.sock}), served by {@link dev.vigil.cli.daemon.ipc.ControlServer}
 * and used by the {@code vigil} commands through {@link dev.vigil.cli.daemon.ipc.ControlClient}.
 *
 * <p>Wire protocol, one line per message, UTF-8 JSON without raw newlines:
 * <pre>
 * request:  {"op": "status", "args": {...}}          ("args" optional, an object)
 * reply:    {"ok": true, "result": ANY}
 *           {"ok": false, "error": "message", "code": "NAME"}
 * </pre>
 * Exactly one reply per request, in order; a connection may carry any number of requests.
 * Error codes are the constants of {@link dev.vigil.cli.daemon.ipc.ControlException}.
 *
 * <p>Security (DESIGN.md): the socket file is mode 0660, group {@code haclient} when that group
 * exists, and every connection is checked against an {@link dev.vigil.cli.daemon.ipc.AccessPolicy}
 * using the kernel's peer credentials ({@code SO_PEERCRED}); by default only root, members of
 * {@code haclient} and the user the daemon runs as are served.
 *
 * <p>Depends on the JDK (including {@code jdk.net}), Jackson and SLF4J only; knows nothing of the
 * operations themselves, which the daemon supplies as a {@link dev.vigil.cli.daemon.ipc.RequestHandler}.
 * The server owns its threads (one acceptor, a bounded connection pool, one timer); nothing here
 * touches controller state, so handlers must hand requests to the controller's event loop.
 */
package dev.vigil.cli.daemon.ipc;
