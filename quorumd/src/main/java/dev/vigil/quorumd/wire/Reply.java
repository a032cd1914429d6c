package dev.vigil.quorumd.wire;

import java.util.List;

/**
 * The server's answer to one {@link Report}.
 *
 * @param seq         the seq of the report answered
 * @param granted     whether the reported partition holds the vote
 * @param leaseMillis when granted, how long the grant lasts, counted on the server from when it
 *                    received the report (a client counts from when it sent it); 0 otherwise
 * @param holder      members of the partition holding the vote; empty when none does
 * @param reason      why, for logs
 */
public record Reply(long seq, boolean granted, long leaseMillis, List<String> holder, String reason)
        implements Message {

    public Reply {
        if (seq < 0 || leaseMillis < 0 || granted == (leaseMillis == 0)) {
            throw new IllegalArgumentException("reply needs seq >= 0 and a positive lease exactly when granted, got seq "
                    + seq + ", granted " + granted + ", lease " + leaseMillis + " ms");
        }
        holder = holder == null ? List.of() : List.copyOf(holder);
        if (holder.size() > Protocol.MAX_MEMBERS) {
            throw new IllegalArgumentException("holder lists " + holder.size() + " members; at most "
                    + Protocol.MAX_MEMBERS + " are allowed");
        }
        Protocol.checkText("reason", reason);
    }
}
