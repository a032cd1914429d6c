/**
 * Cluster membership and messaging over redundant links with JGroups: implements core's
 * {@link dev.vigil.core.port.Membership} port as {@link dev.vigil.membership.JGroupsMembership},
 * configured by {@link dev.vigil.membership.MembershipConfig} and one
 * {@link dev.vigil.membership.LinkSpec} per link.
 *
 * <p>One JGroups channel per link (stack in {@code ProtocolStacks}); members are the union of the
 * links' views ({@code MemberTracker}); every packet is sealed with AES-256-GCM under a key
 * derived from the cluster key ({@code SealProtocol}) and every application message carries its
 * own HMAC-SHA256 and a per-sender sequence number ({@code Frame}) so copies arriving over
 * several links are delivered once ({@code DuplicateFilter}).
 *
 * <p>Failure detection: a silent node is dropped from a link after {@code deadtime} (JGroups'
 * FD_ALL3); a node whose process dies while its host stays up is dropped from every link within
 * about a quarter second, because its TCP liveness connections close ({@code LivenessProtocol});
 * either suspicion is checked over the sealed channel (VERIFY_SUSPECT) before a node is dropped.
 *
 * <p>Depends on {@code core} (ports), JGroups and SLF4J. No JGroups type appears in the public
 * API. Reads no files. Its threads are JGroups' and one liveness thread per link, all belonging to
 * the channels it opens and closes.
 */
package dev.vigil.membership;
