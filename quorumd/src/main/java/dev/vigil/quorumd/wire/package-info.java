/**
 * The quorum protocol on the wire: {@link dev.vigil.quorumd.wire.Message} records, framed and
 * encoded as length-prefixed JSON by {@link dev.vigil.quorumd.wire.FrameCodec}, and the
 * {@link dev.vigil.quorumd.wire.Protocol} constants (version, port, limits, name rules). TLS is the
 * business of {@code dev.vigil.quorumd.tls}; this package only sees byte streams.
 *
 * <p>Depends on the JDK and Jackson. Stateless and thread-safe.
 */
package dev.vigil.quorumd.wire;
