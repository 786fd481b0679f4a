package io.heartline.heartbeat;

import java.util.List;

/**
 * A medium whose "wire" is a direct call into its peer: for tests of what sits above the media.
 * {@link #pair} joins two; {@link #cut} and {@link #heal} simulate a broken cable (frames sent
 * meanwhile are lost, and count as sent, as on a real wire).
 */
public final class InMemoryMedium extends AbstractMedium {
    private volatile InMemoryMedium peer;
    private volatile boolean cut;

    public InMemoryMedium(String name, MediumContext context) {
        super(name, context);
    }

    /** Two media named {@code name}, joined to each other. */
    public static List<InMemoryMedium> pair(String name, MediumContext a, MediumContext b) {
        InMemoryMedium ma = new InMemoryMedium(name, a);
        InMemoryMedium mb = new InMemoryMedium(name, b);
        ma.peer = mb;
        mb.peer = ma;
        return List.of(ma, mb);
    }

    public void cut() {
        cut = true;
    }

    public void heal() {
        cut = false;
    }

    /** As if {@code frame} arrived from the wire. */
    public void arrive(byte[] frame) {
        receive(frame, 0, frame.length);
    }

    /** As if the medium's own membership changed (a JGroups view). */
    public void reportMembers(List<String> members) {
        membersChanged(members);
    }

    @Override
    protected void open() {
        membersChanged(List.of(context().self().name()));
    }

    @Override
    protected void transmit(byte[] frame) {
        InMemoryMedium p = peer;
        if (p != null && !cut) {
            p.receive(frame, 0, frame.length);
        }
    }

    @Override
    protected void shutdown() {
        peer = null;
    }
}
