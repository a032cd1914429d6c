package dev.vigil.quorumd.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message of the quorum protocol (version {@value Protocol#VERSION}). On the wire each message is
 * one frame: a 4-byte big-endian length, then that many bytes of UTF-8 JSON whose {@code type}
 * property names the message. Immutable records.
 *
 * <pre>
 * client                              server
 *   hello {cluster,node,nodeId,version} ->
 *                                    <- welcome {version,heartbeatMillis,leaseMillis} | error
 *   report {seq,members}               ->            (every heartbeat and on change)
 *                                    <- reply {seq,granted,leaseMillis,holder,reason}
 *   ...                                             any protocol violation: <- error, then close
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = Report.class, name = "report"),
        @JsonSubTypes.Type(value = Reply.class, name = "reply"),
        @JsonSubTypes.Type(value = ErrorMessage.class, name = "error")})
public sealed interface Message permits Hello, Welcome, Report, Reply, ErrorMessage {
}
