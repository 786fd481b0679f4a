package io.heartline.daemon.witness;

import org.apache.zookeeper.KeeperException;

/**
 * The few ZooKeeper operations a lock needs, each conditional on the version read before it:
 * {@link CuratorZnodes}, or an in-memory fake in tests. Calls block (on the witness's thread only).
 */
interface Znodes {
    /** A znode as read: its data, its version, and the session that owns it (0 when it is not ephemeral). */
    record Znode(byte[] data, int version, long owner) {
    }

    /** The znode at {@code path}, or null when there is none. */
    Znode read(String path) throws KeeperException, InterruptedException;

    /** Creates {@code path} as an ephemeral znode of this session (and its parents as needed). */
    void create(String path, byte[] data) throws KeeperException, InterruptedException;

    /** Replaces the data of {@code path} if it still has {@code version}. */
    void update(String path, byte[] data, int version) throws KeeperException, InterruptedException;

    /** Deletes {@code path} if it still has {@code version}. */
    void delete(String path, int version) throws KeeperException, InterruptedException;

    /** This client's session id now (0 while there is none). */
    long session();
}
