package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_B;
import static io.heartline.heartbeat.JGroupsTestNet.TIMING;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one beacon costs on each network medium, sent and received through the whole medium
 * (encode, HMAC, send; receive, HMAC, replay check, listener) between two media on loopback, one
 * beacon at a time: process CPU per beacon and send-to-delivery latency. Run by hand (not a test):
 * {@code java -cp <test classpath> io.heartline.heartbeat.MediumBeaconCost [rounds]}. Prints a
 * markdown table.
 */
public final class MediumBeaconCost {
    private static final AuthKey KEY = AuthKey.of("cost-probe-key-0123456789abcdef");
    private static final NodeId A = new NodeId("node-a");
    private static final NodeId B = new NodeId("node-b");
    private static final int WARMUP = 20_000;
    private static final int BEACONS = 50_000;

    private MediumBeaconCost() {
    }

    /** Counts beacons and notes when the last arrived. */
    private static final class Arrivals implements BeaconListener {
        final AtomicLong count = new AtomicLong();
        volatile long at;
        volatile Thread waiter;

        @Override
        public void onBeacon(String medium, Beacon beacon) {
            at = System.nanoTime();
            count.incrementAndGet();
            Thread w = waiter;
            if (w != null) {
                java.util.concurrent.locks.LockSupport.unpark(w);
            }
        }

        @Override
        public void onRejected(String medium, BeaconRejectedException.Reason reason, String detail) {
        }

        @Override
        public void onLinkState(String medium, boolean up, String detail) {
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("| medium | beacons | CPU per beacon sent+received (us) | latency p50 (us) | p99 (us) | lost |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int r = 0; r < rounds; r++) {
            for (String kind : List.of("jgroups-multicast", "udp")) {
                measure(kind);
            }
        }
    }

    private static void measure(String kind) throws Exception {
        Set<NodeId> nodes = Set.of(A, B);
        MediumContext ca = new MediumContext(A, nodes, KEY);
        MediumContext cb = new MediumContext(B, nodes, KEY);
        AbstractMedium a;
        AbstractMedium b;
        if (kind.equals("udp")) {
            int port = JGroupsTestNet.freeUdpPort();
            a = UdpMediumTest.pairMember(ca, port, ADDRESS_A, ADDRESS_B);
            b = UdpMediumTest.pairMember(cb, port, ADDRESS_B, ADDRESS_A);
        } else {
            String cluster = JGroupsTestNet.clusterName();
            InetAddress group = JGroupsTestNet.multicastGroup();
            int port = JGroupsTestNet.freeUdpPort();
            a = new JGroupsMedium("multicast", cluster,
                    JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(), ca);
            b = new JGroupsMedium("multicast", cluster,
                    JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0), List.of(), cb);
        }
        Arrivals atB = new Arrivals();
        Beacon[] beacons = new Beacon[WARMUP + BEACONS];
        for (int i = 0; i < beacons.length; i++) {
            beacons[i] = new Beacon(A, 1, i + 1L, List.of(new GroupAdvert("web", 3, "node-a", GroupState.ACTIVE)),
                    List.of(), Set.of(B));
        }
        try (a; b) {
            a.start(new Arrivals());
            b.start(atB);
            Thread.sleep(2000); // JGroups: let the views settle (not part of the measure)
            run(a, atB, beacons, 0, WARMUP, new long[WARMUP]);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long[] lat = new long[BEACONS];
            long cpu0 = os.getProcessCpuTime();
            long lost = run(a, atB, beacons, WARMUP, BEACONS, lat);
            long cpu = os.getProcessCpuTime() - cpu0;
            Arrays.sort(lat);
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %d |%n", kind, BEACONS, cpu / 1e3 / BEACONS,
                    lat[BEACONS / 2] / 1e3, lat[BEACONS * 99 / 100] / 1e3, lost);
        }
    }

    /**
     * One beacon at a time, each after the previous one arrived. The sending thread parks until the
     * listener wakes it, so every beacon also pays one thread wake-up of this harness, the same for
     * every medium.
     */
    private static long run(AbstractMedium a, Arrivals atB, Beacon[] beacons, int from, int n, long[] lat) {
        atB.waiter = Thread.currentThread();
        long lost = 0;
        for (int i = 0; i < n; i++) {
            long before = atB.count.get();
            long t0 = System.nanoTime();
            a.send(beacons[from + i]);
            long deadline = t0 + 1_000_000_000L;
            long now;
            while (atB.count.get() == before && (now = System.nanoTime()) < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(deadline - now);
            }
            if (atB.count.get() == before) {
                lost++;
                lat[i] = 1_000_000_000L;
            } else {
                lat[i] = atB.at - t0;
            }
        }
        return lost;
    }
}
