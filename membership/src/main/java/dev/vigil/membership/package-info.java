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
 * <p>Depends on {@code core} (ports), JGroups and SLF4J. No JGroups type appears in the public
 * API. Reads no files, starts no threads of its own (JGroups' threads belong to the channels it
 * opens and closes).
 */
package dev.vigil.membership;
