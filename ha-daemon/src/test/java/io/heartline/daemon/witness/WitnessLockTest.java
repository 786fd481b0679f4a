package io.heartline.daemon.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.membership.Event.Witness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

/**
 * The lock's table, on an in-memory ensemble whose znodes carry versions and owning sessions as
 * ZooKeeper's do; races are injected between a read and the write that follows it.
 */
class WitnessLockTest {
    static final String PATH = "/heartline/lvs/groups/web";

    /** An ensemble of one znode tree, seen through one session. */
    static final class Ensemble {
        final Map<String, Znodes.Znode> nodes = new HashMap<>();
        final List<Runnable> beforeNextWrite = new ArrayList<>();

        Znodes session(long id) {
            return new Znodes() {
                @Override
                public Znode read(String path) {
                    return nodes.get(path);
                }

                @Override
                public void create(String path, byte[] data) throws KeeperException {
                    race();
                    if (nodes.containsKey(path)) {
                        throw new KeeperException.NodeExistsException(path);
                    }
                    nodes.put(path, new Znode(data, 0, id));
                }

                @Override
                public void update(String path, byte[] data, int version) throws KeeperException {
                    race();
                    Znode z = check(path, version);
                    nodes.put(path, new Znode(data, z.version() + 1, z.owner()));
                }

                @Override
                public void delete(String path, int version) throws KeeperException {
                    race();
                    check(path, version);
                    nodes.remove(path);
                }

                @Override
                public long session() {
                    return id;
                }
            };
        }

        private void race() {
            if (!beforeNextWrite.isEmpty()) {
                beforeNextWrite.remove(0).run();
            }
        }

        private Znodes.Znode check(String path, int version) throws KeeperException {
            Znodes.Znode z = nodes.get(path);
            if (z == null) {
                throw new KeeperException.NoNodeException(path);
            }
            if (z.version() != version) {
                throw new KeeperException.BadVersionException(path);
            }
            return z;
        }

        String data() {
            Znodes.Znode z = nodes.get(PATH);
            return z == null ? null : new String(z.data(), StandardCharsets.UTF_8);
        }

        void put(String data, long owner) {
            nodes.put(PATH, new Znodes.Znode(data.getBytes(StandardCharsets.UTF_8), 4, owner));
        }
    }

    final Ensemble zk = new Ensemble();
    final WitnessLock a = new WitnessLock(zk.session(11), "node-a");
    final WitnessLock b = new WitnessLock(zk.session(22), "node-b");

    @Test
    void anAbsentLockIsCreatedAndThenHeldByItsSessionAlone() throws Exception {
        assertEquals(new WitnessLock.Verdict(Witness.GRANTED, "node-a", "lock created"), a.acquire(PATH, 3, null));
        assertEquals("node-a 3", zk.data());
        WitnessLock.Verdict denied = b.acquire(PATH, 4, null);
        assertEquals(Witness.DENIED, denied.verdict());
        assertEquals("node-a", denied.holder(), "node-b may not claim while node-a holds the lock");
        assertEquals("lock held by node-a (epoch 3)", denied.detail());
        assertEquals("node-a 3", zk.data(), "a denied question changes nothing");
    }

    @Test
    void theHolderUpdatesItsEpochConditionally() throws Exception {
        a.acquire(PATH, 3, null);
        WitnessLock.Verdict kept = a.acquire(PATH, 5, null);
        assertEquals(Witness.GRANTED, kept.verdict());
        assertEquals("lock held, epoch 3 -> 5", kept.detail());
        assertEquals("node-a 5", zk.data());
        assertEquals(1, zk.nodes.get(PATH).version());
        assertEquals(11, zk.nodes.get(PATH).owner(), "still the same ephemeral znode of the same session");
    }

    @Test
    void aDeadDaemonsLockIsTakenOverOnlyWhenNamed() throws Exception {
        a.acquire(PATH, 3, null);
        assertEquals(Witness.DENIED, b.acquire(PATH, 4, "node-c").verdict(), "evicting another node moves nothing");
        WitnessLock.Verdict v = b.acquire(PATH, 4, "node-a");
        assertEquals(Witness.GRANTED, v.verdict());
        assertTrue(v.detail().startsWith("lock taken over from node-a (epoch 3), whose daemon is dead"), v.detail());
        assertEquals("node-b 4", zk.data());
        assertEquals(22, zk.nodes.get(PATH).owner());
        assertEquals(Witness.DENIED, a.acquire(PATH, 5, null).verdict(), "the old holder has lost it");
    }

    @Test
    void ourLockFromAnEarlierSessionIsOursToTakeBack() throws Exception {
        zk.put("node-a 7", 99); // our previous run's session has not expired yet
        WitnessLock.Verdict v = a.acquire(PATH, 8, null);
        assertEquals(Witness.GRANTED, v.verdict());
        assertTrue(v.detail().endsWith("an earlier session of this node"), v.detail());
        assertEquals(11, zk.nodes.get(PATH).owner());
    }

    @Test
    void anUnreadableLockIsNobodysToTake() throws Exception {
        zk.put("written by hand", 0);
        WitnessLock.Verdict v = a.acquire(PATH, 1, null);
        assertEquals(Witness.DENIED, v.verdict());
        assertEquals("written by hand", v.holder());
    }

    @Test
    void aLostRaceIsReadAgain() throws Exception {
        // between a's read (absent) and its create, b creates the lock: a reads again and is denied
        zk.beforeNextWrite.add(() -> zk.put("node-b 9", 22));
        WitnessLock.Verdict v = a.acquire(PATH, 3, null);
        assertEquals(Witness.DENIED, v.verdict());
        assertEquals("node-b", v.holder());
        // between a's read and its conditional update, the version moves on: a reads again and updates
        WitnessLock c = new WitnessLock(zk.session(22), "node-b");
        zk.beforeNextWrite.add(() -> zk.nodes.put(PATH, new Znodes.Znode("node-b 9".getBytes(StandardCharsets.UTF_8), 5, 22)));
        assertEquals(Witness.GRANTED, c.acquire(PATH, 10, null).verdict());
        assertEquals("node-b 10", zk.data());
    }

    @Test
    void aLockThatChangesUnderEveryAttemptIsNoAnswer() throws Exception {
        zk.put("node-a 1", 99); // ours from an earlier session: each attempt deletes it, on its version
        for (int i = 0; i < WitnessLock.ATTEMPTS; i++) {
            int version = 10 + i; // and the version moves on before each delete
            zk.beforeNextWrite.add(() -> zk.nodes.put(PATH,
                    new Znodes.Znode("node-a 1".getBytes(StandardCharsets.UTF_8), version, 99)));
        }
        WitnessLock.Verdict verdict = a.acquire(PATH, 2, null);
        assertEquals(Witness.UNREACHABLE, verdict.verdict());
        assertNull(verdict.holder());
        assertEquals("the lock changed under each of 3 attempts", verdict.detail());
        assertEquals("node-a 1", zk.data(), "nothing was changed by us");
    }

    @Test
    void leavingDeletesOnlyOurLock() throws Exception {
        a.acquire(PATH, 3, null);
        assertTrue(b.leave(PATH));
        assertEquals("node-a 3", zk.data(), "b's leave leaves a's lock alone");
        assertTrue(a.leave(PATH));
        assertNull(zk.data());
        assertTrue(a.leave(PATH), "leaving twice is fine");
        zk.put("node-a 3", 99);
        assertTrue(a.leave(PATH));
        assertNull(zk.data(), "our earlier session's lock goes too");
    }

    @Test
    void lockDataReadsItsOwnFormatOnly() {
        assertEquals(new LockData("node-a", 12), LockData.parse("node-a 12".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new LockData("node a", 0), LockData.parse("node a".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new LockData("?", 0), LockData.parse(null));
        assertEquals("node-a 12", new String(new LockData("node-a", 12).bytes(), StandardCharsets.UTF_8));
    }
}
