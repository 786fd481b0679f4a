package io.heartline.heartbeat;

import io.heartline.core.GroupAdvert;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The wire format of a {@link Beacon}, authenticated with HMAC-SHA256 under the cluster's
 * {@link AuthKey}. Version 1, all integers big-endian, strings as one length byte and UTF-8:
 *
 * <pre>
 *  'H' 'L' 'B'  version=1
 *  from         str8  (a node name)
 *  incarnation  i64   (&ge; 0)
 *  seq          i64   (&ge; 0)
 *  adverts      u16 count (&le; 1024), each: group str8, epoch i64 (&ge; 0), owner str8 ("" = none), state u8
 *  requests     u16 count (&le; 1024), each: group str8, epoch i64, target str8
 *  mac          32 bytes: HMAC-SHA256(key, every byte above)
 * </pre>
 *
 * <p><b>Heard set</b> (the peers the sender holds alive, {@link Beacon#heard()}). It rides inside
 * the requests list, after the real requests, as entries of the group {@value #HEARD_GROUP}: one
 * marker entry (epoch 0, target "") that says "this sender lists whom it hears", then one entry
 * per peer heard (epoch 0, target = the peer's node name), at most {@value #MAX_HEARD}. No group
 * can have that name (group names start with a letter or digit), so:
 *
 * <ul>
 *   <li>a daemon from before heard sets decodes these beacons as version 1 frames with a few
 *       handoff requests for a group it does not have, which its decider ignores; the version 1
 *       parser rejects any byte after the requests and any other version, so a trailing section
 *       or a version 2 would have cut mixed clusters in two during a rolling upgrade;</li>
 *   <li>a beacon without the marker (an old daemon's) decodes with {@code heard} null: unknown,
 *       which the decider counts as before (docs/model.md, "Mutual quorum").</li>
 * </ul>
 *
 * An authentic beacon whose heard set has more than {@value #MAX_HEARD} names, or a name that is
 * not a valid node name, is malformed. Names of nodes this node does not know are kept (the
 * decider ignores them).
 *
 * A whole frame is at most {@link #MAX_FRAME} bytes, so that it fits one UDP datagram with room
 * for JGroups' headers. {@link #decode} checks length, magic and version, then the MAC in
 * constant time, and only then parses the body.
 *
 * <p><b>Threads:</b> a codec keeps its HMAC ({@link HmacSha256}) and scratch buffers between calls, so that the
 * heartbeat path allocates little: {@link #encodeToScratch} nothing, {@link #encode} the frame it
 * returns. Use one codec per thread, or one thread at a time.
 */
public final class BeaconCodec {
    public static final byte VERSION = 1;
    public static final int MAC_LENGTH = 32;
    /** Largest frame, MAC included. */
    public static final int MAX_FRAME = 60_000;
    public static final int MAX_ADVERTS = 1024;
    public static final int MAX_REQUESTS = 1024;
    /** Most peers a heard set names (far more than a cluster has; it bounds what a frame makes us allocate). */
    public static final int MAX_HEARD = 64;
    /** The reserved group of the requests entries that carry the heard set: no configured group has this name. */
    public static final String HEARD_GROUP = "+heard";
    /** Longest string field, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 255;
    /** Magic, version, an empty body (1 + 8 + 8 + 2 + 2 bytes, name at least 1) and the MAC. */
    public static final int MIN_FRAME = 4 + 22 + MAC_LENGTH;

    private static final byte[] MAGIC = {'H', 'L', 'B'};

    private final HmacSha256 mac;
    private final FrameWriter writer = new FrameWriter(MAX_FRAME);
    private final FrameReader reader = new FrameReader();
    private final byte[] expectedTag = new byte[MAC_LENGTH];
    private final byte[] receivedTag = new byte[MAC_LENGTH];
    /** The heard set, sorted here rather than in a new TreeSet per beacon. */
    private final NodeId[] heardScratch = new NodeId[MAX_HEARD];

    public BeaconCodec(AuthKey key) {
        Objects.requireNonNull(key, "key");
        mac = new HmacSha256(key.bytes());
    }

    /**
     * The signed frame for {@code beacon}.
     *
     * @throws IllegalArgumentException if a string field exceeds {@value #MAX_STRING_BYTES} bytes,
     *                                  a list exceeds its maximum count, or the frame {@value #MAX_FRAME} bytes
     */
    public byte[] encode(Beacon beacon) {
        int n = encodeToScratch(beacon);
        return Arrays.copyOf(writer.buffer(), n);
    }

    /**
     * Like {@link #encode}, without allocating: the frame is {@code scratch()[0, n)}, valid until
     * this codec's next call.
     *
     * @return the frame's length {@code n}
     */
    public int encodeToScratch(Beacon beacon) {
        checkCount(beacon.adverts().size(), MAX_ADVERTS, "adverts");
        int heardEntries = beacon.heard() == null ? 0 : 1 + beacon.heard().size();
        if (beacon.heard() != null) {
            checkCount(beacon.heard().size(), MAX_HEARD, "heard peers");
        }
        checkCount(beacon.requests().size() + heardEntries, MAX_REQUESTS, "requests (heard set included)");
        FrameWriter w = writer;
        w.reset();
        w.bytes(MAGIC);
        w.u8(VERSION);
        w.str8(beacon.from().name(), "node name");
        w.i64(beacon.incarnation());
        w.i64(beacon.seq());
        w.u16(beacon.adverts().size());
        List<GroupAdvert> adverts = beacon.adverts();
        for (int i = 0; i < adverts.size(); i++) { // indexed: no iterator per beacon
            GroupAdvert a = adverts.get(i);
            w.str8(a.group(), "group name");
            w.i64(a.epoch());
            w.str8(a.owner(), "owner");
            w.u8(StateCodes.code(a.state()));
        }
        w.u16(beacon.requests().size() + heardEntries);
        List<HandoffRequest> requests = beacon.requests();
        for (int i = 0; i < requests.size(); i++) {
            HandoffRequest r = requests.get(i);
            w.str8(r.group(), "group name");
            w.i64(r.epoch());
            w.str8(r.target(), "target");
        }
        if (beacon.heard() != null) {
            writeHeard(w, "");
            int n = beacon.heard().size();
            beacon.heard().toArray(heardScratch); // fits (counted above); an immutable set copies without an iterator
            Arrays.sort(heardScratch, 0, n); // a binary insertion sort at this size: no allocation
            for (int i = 0; i < n; i++) {
                writeHeard(w, heardScratch[i].name());
                heardScratch[i] = null;
            }
        }
        int bodyEnd = w.position();
        int tagAt = w.skip(MAC_LENGTH);
        mac.tag(w.buffer(), 0, bodyEnd, w.buffer(), tagAt);
        return w.position();
    }

    /** The scratch buffer {@link #encodeToScratch} writes into. */
    public byte[] scratch() {
        return writer.buffer();
    }

    /**
     * The beacon in {@code buf[off, off+len)}, if it is well formed and authentic.
     *
     * @throws BeaconRejectedException with {@link Reason#MALFORMED}, {@link Reason#BAD_VERSION}
     *                                 or {@link Reason#BAD_MAC}; never any other exception for any content
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} lie outside {@code buf}
     */
    public Beacon decode(byte[] buf, int off, int len) throws BeaconRejectedException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < MIN_FRAME || len > MAX_FRAME) {
            throw FrameReader.malformed("frame of " + len + " bytes; a beacon has "
                    + MIN_FRAME + " to " + MAX_FRAME);
        }
        if (buf[off] != MAGIC[0] || buf[off + 1] != MAGIC[1] || buf[off + 2] != MAGIC[2]) {
            throw FrameReader.malformed("not a Heartline beacon (bad magic)");
        }
        if (buf[off + 3] != VERSION) {
            throw new BeaconRejectedException(Reason.BAD_VERSION, "beacon wire version "
                    + (buf[off + 3] & 0xff) + "; this node speaks " + VERSION);
        }
        int bodyEnd = off + len - MAC_LENGTH;
        verifyMac(buf, off, bodyEnd);
        reader.reset(buf, off + 4, bodyEnd);
        try {
            return readBody(reader);
        } catch (IllegalArgumentException e) {
            throw FrameReader.malformed("authentic beacon with an invalid field: " + e.getMessage());
        }
    }

    private void verifyMac(byte[] buf, int off, int bodyEnd) throws BeaconRejectedException {
        mac.tag(buf, off, bodyEnd - off, expectedTag, 0);
        System.arraycopy(buf, bodyEnd, receivedTag, 0, MAC_LENGTH);
        if (!MessageDigest.isEqual(expectedTag, receivedTag)) {
            throw new BeaconRejectedException(Reason.BAD_MAC,
                    "HMAC does not match: different auth key, or a forged or damaged beacon");
        }
    }

    private static Beacon readBody(FrameReader r) throws BeaconRejectedException {
        NodeId from = new NodeId(r.str8(MAX_STRING_BYTES, "node name"));
        long incarnation = r.i64("incarnation");
        long seq = r.i64("seq");
        int advertCount = count(r, MAX_ADVERTS, "adverts");
        List<GroupAdvert> adverts = new ArrayList<>(advertCount);
        for (int i = 0; i < advertCount; i++) {
            String group = r.str8(MAX_STRING_BYTES, "group name");
            long epoch = r.i64("epoch");
            String owner = r.str8(MAX_STRING_BYTES, "owner");
            adverts.add(new GroupAdvert(group, epoch, owner, StateCodes.state(r.u8("state"))));
        }
        int requestCount = count(r, MAX_REQUESTS, "requests");
        List<HandoffRequest> requests = new ArrayList<>(requestCount);
        Set<NodeId> heard = null;
        for (int i = 0; i < requestCount; i++) {
            String group = r.str8(MAX_STRING_BYTES, "group name");
            long epoch = r.i64("epoch");
            String target = r.str8(MAX_STRING_BYTES, "target");
            if (!group.equals(HEARD_GROUP)) {
                requests.add(new HandoffRequest(group, epoch, target));
                continue;
            }
            heard = heard == null ? new TreeSet<>() : heard;
            if (!target.isEmpty()) {
                heard.add(new NodeId(target));
                if (heard.size() > MAX_HEARD) {
                    throw FrameReader.malformed("more than " + MAX_HEARD + " heard peers");
                }
            }
        }
        if (r.remaining() != 0) {
            throw FrameReader.malformed(r.remaining() + " unexpected bytes after the last field");
        }
        return new Beacon(from, incarnation, seq, adverts, requests, heard);
    }

    /** One entry of the heard set: a request of {@link #HEARD_GROUP} naming the peer ("" for the marker). */
    private static void writeHeard(FrameWriter w, String peer) {
        w.str8(HEARD_GROUP, "group name");
        w.i64(0);
        w.str8(peer, "heard peer");
    }

    private static int count(FrameReader r, int max, String field) throws BeaconRejectedException {
        int n = r.u16(field + " count");
        if (n > max) {
            throw FrameReader.malformed(n + " " + field + "; at most " + max + " allowed");
        }
        return n;
    }

    private static void checkCount(int n, int max, String field) {
        if (n > max) {
            throw new IllegalArgumentException(n + " " + field + "; a beacon carries at most " + max);
        }
    }
}
