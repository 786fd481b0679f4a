package io.heartline.daemon.witness;

import io.heartline.membership.Event.Witness;
import org.apache.zookeeper.KeeperException;

/**
 * One group's lock, the znode {@code PATH/groups/GROUP} (ephemeral, data {@code NODE EPOCH}):
 * <pre>
 *  absent                                  → create it                         → GRANTED
 *  ours (this session)                     → set the epoch (if its version)    → GRANTED
 *  this node's, from an earlier session     → delete (if its version), create  → GRANTED   (our previous run)
 *  held by {@code evict} (its daemon is dead) → delete (if its version), create  → GRANTED
 *  held by another node                    →                                   → DENIED, with the holder
 * </pre>
 * Every change is conditional on the version just read; a lost race is read again, at most
 * {@value #ATTEMPTS} times. Leaving deletes the lock only if it is this node's.
 */
final class WitnessLock {
    static final int ATTEMPTS = 3;

    /** What the witness answered, and why. */
    record Verdict(Witness verdict, String holder, String detail) {
    }

    private final Znodes znodes;
    private final String self;

    WitnessLock(Znodes znodes, String self) {
        this.znodes = znodes;
        this.self = self;
    }

    /** Makes this node the holder of the lock at {@code path} with {@code epoch}, if it may be. */
    Verdict acquire(String path, long epoch, String evict) throws KeeperException, InterruptedException {
        byte[] ours = new LockData(self, epoch).bytes();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Znodes.Znode z = znodes.read(path);
            try {
                if (z == null) {
                    znodes.create(path, ours);
                    return new Verdict(Witness.GRANTED, self, "lock created");
                }
                LockData held = LockData.parse(z.data());
                if (z.owner() != 0 && z.owner() == znodes.session()) {
                    znodes.update(path, ours, z.version());
                    return new Verdict(Witness.GRANTED, self, "lock held, epoch " + held.epoch() + " -> " + epoch);
                }
                boolean earlierRun = held.node().equals(self);
                if (earlierRun || held.node().equals(evict)) {
                    znodes.delete(path, z.version());
                    znodes.create(path, ours);
                    return new Verdict(Witness.GRANTED, self, "lock taken over from " + held
                            + (earlierRun ? ", an earlier session of this node" : ", whose daemon is dead"));
                }
                return new Verdict(Witness.DENIED, held.node(), "lock held by " + held);
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                     | KeeperException.NoNodeException e) {
                // someone changed the lock between our read and our write: read it again
            }
        }
        return new Verdict(Witness.UNREACHABLE, null, "the lock changed under each of " + ATTEMPTS + " attempts");
    }

    /** Gives the lock at {@code path} back if this node holds it; true when there is none of ours left. */
    boolean leave(String path) throws KeeperException, InterruptedException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Znodes.Znode z = znodes.read(path);
            if (z == null) {
                return true;
            }
            boolean ours = z.owner() != 0 && z.owner() == znodes.session() || LockData.parse(z.data()).node().equals(self);
            if (!ours) {
                return true;
            }
            try {
                znodes.delete(path, z.version());
                return true;
            } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
                // changed meanwhile: read it again
            }
        }
        return false;
    }
}
