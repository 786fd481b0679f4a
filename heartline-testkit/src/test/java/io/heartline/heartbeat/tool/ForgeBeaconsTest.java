package io.heartline.heartbeat.tool;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.heartbeat.Beacon;
import io.heartline.heartbeat.BeaconRejectedException.Reason;
import io.heartline.heartbeat.JGroupsMedium;
import io.heartline.heartbeat.JGroupsStacks;
import io.heartline.heartbeat.JGroupsTestNet;
import io.heartline.heartbeat.MediumContext;
import io.heartline.heartbeat.RecordingListener;
import io.heartline.heartbeat.Timing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgeBeaconsTest {
    private static final String CLUSTER_KEY = "the-real-cluster-key-0123456789";
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpIsNotAnError() {
        assertEquals(ForgeBeacons.OK, run("--help"));
        assertTrue(stdout().contains("usage: ForgeBeacons"));
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertUsage("--cluster is required");
        assertUsage("unknown argument '--colour'", "--colour", "red");
        assertUsage("unknown argument 'node-a'", "node-a");
        assertUsage("--node needs a value", "--node");
        assertUsage("--count: not a number: many", args(5000, "--count", "many"));
        assertUsage("--count must be between 1 and", args(5000, "--count", "0"));
        assertUsage("--mcast-port must be between 1 and 65535", args(70000));
        assertUsage("--node: not a valid node name", args(5000, "--node", "-x"));
        assertUsage("--cluster given twice", args(5000, "--cluster", "again"));
    }

    @Test
    void aMissingKeyFileIsNoInput() {
        assertEquals(ForgeBeacons.NO_INPUT, run(args(5000, "--key-file", dir.resolve("nope").toString())));
        assertTrue(stderr().contains("does not exist"), stderr());
    }

    @Test
    void forgedBeaconsAreSentAndRejectedForTheirMac() throws Exception {
        Victim victim = new Victim();
        try {
            int code = run(victim.forgeArgs(keyFile("a-wrong-key-that-looks-fine-0123")));
            assertEquals(ForgeBeacons.OK, code, stderr());
            assertTrue(stdout().contains("sent 5 of 5 forged beacons as node-a"), stdout());
            await().atMost(Timing.millis(5000)).until(() -> victim.medium.stats().rejected(Reason.BAD_MAC) >= 1);
            assertTrue(victim.listener.received().isEmpty(), "no forged beacon was accepted");
        } finally {
            victim.medium.close();
        }
    }

    /** The control: with the cluster's own key, the same claims are accepted, so the tool really makes them. */
    @Test
    void withTheRightKeyTheClaimsArrive() throws Exception {
        Victim victim = new Victim();
        try {
            assertEquals(ForgeBeacons.OK, run(victim.forgeArgs(keyFile(CLUSTER_KEY))), stderr());
            await().atMost(Timing.millis(5000)).until(() -> !victim.listener.beaconsFrom(A).isEmpty());
            Beacon b = victim.listener.beaconsFrom(A).get(0);
            assertEquals(List.of(new GroupAdvert("lvs", 999_999_999_999L, "node-a", GroupState.ACTIVE)), b.adverts());
        } finally {
            victim.medium.close();
        }
    }

    /** node-b on a loopback multicast medium, with the real key. */
    private static final class Victim {
        final String cluster = Long.toHexString(System.nanoTime());
        final InetAddress group = JGroupsTestNet.multicastGroup();
        final int port = JGroupsTestNet.freeUdpPort();
        final RecordingListener listener = new RecordingListener();
        final JGroupsMedium medium = new JGroupsMedium("multicast", "heartline-" + cluster,
                JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, JGroupsTestNet.ADDRESS_A),
                        JGroupsTestNet.TIMING, 0),
                List.of(), new MediumContext(B, Set.of(A, B), AuthKey.of(CLUSTER_KEY)));

        Victim() throws Exception {
            medium.start(listener);
        }

        String[] forgeArgs(Path keyFile) {
            return new String[] {"--cluster", cluster, "--mcast-addr", group.getHostAddress(),
                "--mcast-port", Integer.toString(port), "--bind", "127.0.0.1", "--node", "node-a", "--group", "lvs",
                "--key-file", keyFile.toString(), "--count", "5", "--epoch", "999999999999", "--interval-ms", "10",
                "--ttl", "0"};
        }
    }

    private Path keyFile(String key) throws IOException {
        Path f = dir.resolve("authkey-" + key.hashCode());
        Files.writeString(f, key + "\n");
        return f;
    }

    private static String[] args(int port, String... extra) {
        List<String> a = new ArrayList<>(List.of("--cluster", "c", "--mcast-addr", "239.255.1.1",
                "--mcast-port", Integer.toString(port), "--bind", "127.0.0.1", "--node", "node-a", "--group", "g",
                "--key-file", "/nonexistent"));
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0 && !extra[i].equals("--cluster")) {
                a.set(at + 1, extra[i + 1]);
            } else {
                a.add(extra[i]);
                a.add(extra[i + 1]);
            }
        }
        return a.toArray(String[]::new);
    }

    private void assertUsage(String expected, String... args) {
        out.reset();
        err.reset();
        assertEquals(ForgeBeacons.USAGE, run(args), stderr());
        assertTrue(stderr().contains(expected), "'" + stderr() + "' says " + expected);
        assertTrue(stderr().contains("usage:"));
    }

    private int run(String... args) {
        return ForgeBeacons.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
