/**
 * The external quorum server for split-site clusters: {@link dev.vigil.quorumd.QuorumServer} (TLS 1.3
 * with client certificates, one thread per connection, one event loop owning the
 * {@link dev.vigil.quorumd.vote.VoteArbiter}), its command line {@link dev.vigil.quorumd.QuorumdCommand}
 * ({@code vigil-quorumd}, with the {@code certs} subcommand) and {@link dev.vigil.quorumd.Main}.
 *
 * <p>Subpackages: {@code vote} (the decision, pure), {@code wire} (protocol), {@code tls} (key files,
 * certificates), {@code client} (what the node daemon embeds). Depends on those, Jackson, Picocli,
 * SLF4J (Logback optional, for {@code Main}) and the JDK; not on the rest of Vigil. Reads only the files
 * named on its command line; writes only the state directory and, for {@code certs}, the given
 * directory.
 */
package dev.vigil.quorumd;
