package io.heartline.daemon.witness;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** {@link Znodes} over a Curator client: its operations wait for a connection up to its connection timeout. */
final class CuratorZnodes implements Znodes {
    private final CuratorFramework client;

    CuratorZnodes(CuratorFramework client) {
        this.client = client;
    }

    @Override
    public Znode read(String path) throws KeeperException, InterruptedException {
        Stat stat = new Stat();
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return new Znode(data, stat.getVersion(), stat.getEphemeralOwner());
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (KeeperException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void create(String path, byte[] data) throws KeeperException, InterruptedException {
        run(() -> client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data));
    }

    @Override
    public void update(String path, byte[] data, int version) throws KeeperException, InterruptedException {
        run(() -> client.setData().withVersion(version).forPath(path, data));
    }

    @Override
    public void delete(String path, int version) throws KeeperException, InterruptedException {
        run(() -> client.delete().withVersion(version).forPath(path));
    }

    @Override
    public long session() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return 0;
        }
    }

    private interface Call {
        Object call() throws Exception;
    }

    /** Curator's builders declare {@code throws Exception}: ZooKeeper's own exceptions go on as they are. */
    private static void run(Call c) throws KeeperException, InterruptedException {
        try {
            c.call();
        } catch (KeeperException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
