package dev.vigil.membership;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.MessageFactory;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ByteArray;
import org.jgroups.util.FastArray;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGroups protocol placed directly above the transport that seals every message with AES-256-GCM:
 * the whole message (headers, flags, addresses and payload) is serialized, encrypted and
 * authenticated, with the channel name as associated data so a sealed packet cannot be moved to
 * another cluster or link. A packet that does not open with the cluster key is dropped, counted
 * and reported by a rate-limited WARN; nothing of it reaches the protocols above, so discovery,
 * membership (GMS), failure detection and merge traffic of a node without the key is ignored.
 *
 * <p>Why not JGroups' {@code SYM_ENCRYPT}: in 5.3 it leaves messages without payload (most GMS,
 * FD_ALL3 and MERGE3 traffic) unencrypted and unauthenticated, its default cipher has no
 * integrity check, and it logs every rejected packet at ERROR.
 *
 * <p>Replays of whole packets are not detected here; the reliable protocols above drop duplicate
 * sequence numbers and {@link DuplicateFilter} drops duplicate application messages.
 *
 * <p>Thread-safe: called concurrently by the transport's threads.
 */
final class SealProtocol extends Protocol {

    private static final Logger LOG = LoggerFactory.getLogger(SealProtocol.class);
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final byte[] associatedData;
    private final String linkName;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong rejected = new AtomicLong();
    private final RateLimitedWarning rejectWarning = new RateLimitedWarning(LOG, 60, TimeUnit.SECONDS);
    private MessageFactory messageFactory;

    SealProtocol(SecretKey key, String channelName, String linkName) {
        this.key = key;
        this.linkName = linkName;
        byte[] name = channelName.getBytes(StandardCharsets.UTF_8);
        this.associatedData = new byte[name.length + 1];
        associatedData[0] = FORMAT;
        System.arraycopy(name, 0, associatedData, 1, name.length);
    }

    /** Packets dropped because they did not open with the cluster key. */
    long rejectedCount() {
        return rejected.get();
    }

    @Override
    public void init() throws Exception {
        super.init();
        messageFactory = getTransport().getMessageFactory();
    }

    @Override
    public Object down(Message msg) {
        if (msg.getSrc() == null) {
            msg.setSrc(local_addr);
        }
        byte[] sealed;
        try {
            ByteArray plain = Util.messageToBuffer(msg);
            sealed = seal(plain.getArray(), plain.getOffset(), plain.getLength());
        } catch (Exception e) {
            throw new IllegalStateException("cannot seal a message on link '" + linkName + "'", e);
        }
        Message outer = new BytesMessage(msg.getDest(), sealed).setSrc(msg.getSrc())
                .setFlag(msg.getFlags(false), false)
                .setFlag(msg.getFlags(true), true);
        return down_prot.down(outer);
    }

    @Override
    public Object up(Message msg) {
        Message inner = open(msg);
        return inner == null ? null : up_prot.up(inner);
    }

    @Override
    public void up(MessageBatch batch) {
        // the batch is backed by a FastArray (as in JGroups' own SERIALIZE), whose iterator can replace
        @SuppressWarnings("unchecked")
        FastArray<Message>.FastIterator it = (FastArray<Message>.FastIterator) batch.iterator();
        while (it.hasNext()) {
            Message inner = open(it.next());
            if (inner == null) {
                it.remove();
            } else {
                it.replace(inner);
            }
        }
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
    }

    private byte[] seal(byte[] plain, int offset, int length) throws GeneralSecurityException {
        byte[] out = new byte[NONCE_BYTES + length + TAG_BITS / 8];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        cipher.doFinal(plain, offset, length, out, NONCE_BYTES);
        return out;
    }

    /** The message sealed inside {@code outer}, or null (counted and reported) if it is not authentic. */
    private Message open(Message outer) {
        if (!outer.hasArray() || outer.getLength() < NONCE_BYTES + TAG_BITS / 8) {
            return reject(outer, "too short");
        }
        byte[] buf = outer.getArray();
        int offset = outer.getOffset();
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(buf, offset, offset + NONCE_BYTES)));
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(buf, offset + NONCE_BYTES, outer.getLength() - NONCE_BYTES);
            Message inner = Util.messageFromBuffer(plain, 0, plain.length, messageFactory);
            if (outer.getSrc() != null && !outer.getSrc().equals(inner.getSrc())) {
                return reject(outer, "sender " + inner.getSrc() + " inside differs from the packet's");
            }
            return inner;
        } catch (GeneralSecurityException e) {
            return reject(outer, "does not open with the cluster key");
        } catch (Exception e) {
            return reject(outer, "unreadable after opening: " + e);
        }
    }

    private Message reject(Message outer, String why) {
        long count = rejected.incrementAndGet();
        rejectWarning.warn(() -> "link '" + linkName + "': dropped a packet claiming to be from "
                + outer.getSrc() + ": " + why + " (wrong cluster key or forged; " + count + " dropped so far)");
        return null;
    }
}
