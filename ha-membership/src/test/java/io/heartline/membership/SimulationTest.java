package io.heartline.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.state.Ownership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whole clusters of deciders in virtual time: beacons with jitter, crashes and restarts (epochs
 * from each node's "disk"), partitions, and hactl failovers, in random schedules. Invariants:
 * without a partition, never two holders at once; after the last fault, exactly one owner that
 * every live node agrees on.
 */
class SimulationTest {
    private static final long MS = 1_000_000L;
    private static final String GROUP = "web";

    @Test
    void twoNodesWithoutPartitionsNeverHaveTwoHolders() {
        for (int seed = 0; seed < 300; seed++) {
            new Sim(seed, 2, false).run();
        }
    }

    @Test
    void threeNodesWithoutPartitionsNeverHaveTwoHolders() {
        for (int seed = 0; seed < 150; seed++) {
            new Sim(1000 + seed, 3, false).run();
        }
    }

    /** With fencing (a fence powers the target off), even partitions never give two holders at once. */
    @Test
    void withFencingEvenPartitionsNeverHaveTwoHolders() {
        int fences = 0;
        for (int seed = 0; seed < 300; seed++) {
            Sim sim = new Sim(9000 + seed, seed % 2 == 0 ? 2 : 3, true, true);
            sim.run();
            fences += sim.fences;
        }
        assertTrue(fences > 100, "the schedules must really fence (" + fences + " fences)");
    }

    @Test
    void partitionsAlwaysEndWithOneOwner() {
        for (int seed = 0; seed < 300; seed++) {
            new Sim(5000 + seed, seed % 2 == 0 ? 2 : 3, true).run();
        }
    }

    private record Scheduled(long at, long seq, String node, Event event, Runnable action) {
    }

    private static final class Node {
        final String name;
        final Decider decider;
        ClusterState state;
        boolean up;
        Map<String, Ownership> disk = new TreeMap<>();
        long incarnation;
        long seq;

        Node(String name, Decider decider) {
            this.name = name;
            this.decider = decider;
        }
    }

    private static final class Sim {
        final Random rnd;
        final int seed;
        final boolean partitions;
        final Map<String, Node> nodes = new TreeMap<>();
        final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        final boolean[][] cut;
        long now;
        long seq;
        long lastFault;
        long requestIds;
        boolean everPartitioned;
        final java.util.ArrayDeque<String> trace = new java.util.ArrayDeque<>();

        void trace(String line) {
            if (trace.size() > 80) {
                trace.removeFirst();
            }
            trace.addLast(now / MS + " " + line);
        }

        final boolean fencing;
        int fences;

        Sim(int seed, int n, boolean partitions) {
            this(seed, n, partitions, false);
        }

        Sim(int seed, int n, boolean partitions, boolean fencing) {
            this.fencing = fencing;
            this.seed = seed;
            this.rnd = new Random(seed);
            this.partitions = partitions;
            this.cut = new boolean[n][n];
            Map<NodeId, Integer> prio = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                prio.put(new NodeId("n" + i), 100 - i * 10);
            }
            for (int i = 0; i < n; i++) {
                DeciderSettings cfg = new DeciderSettings(new NodeId("n" + i), prio, List.of(GROUP), List.of("sim"), 200 * MS, 1000 * MS,
                        500 * MS, 2000 * MS, rnd.nextBoolean(), 3000 * MS, 500 * MS, 30_000 * MS,
                        fencing, i == 0 ? 0 : 2000 * MS * i, 1000 * MS, 30_000 * MS);
                nodes.put("n" + i, new Node("n" + i, new Decider(cfg)));
            }
        }

        void run() {
            for (Node node : nodes.values()) {
                schedule(rnd.nextInt(3000) * MS, null, null, () -> boot(node));
            }
            for (int f = 0; f < 6; f++) {
                long at = (5_000 + rnd.nextInt(120_000)) * MS;
                schedule(at, null, null, this::fault);
            }
            long end = 200_000 * MS;
            while (!queue.isEmpty() && queue.peek().at <= end) {
                Scheduled s = queue.poll();
                now = s.at;
                if (s.action != null) {
                    s.action.run();
                } else {
                    deliver(nodes.get(s.node), s.event);
                }
                checkHolders();
            }
            checkSettled();
        }

        void schedule(long at, String node, Event e, Runnable r) {
            queue.add(new Scheduled(at, seq++, node, e, r));
        }

        void boot(Node node) {
            trace("BOOT " + node.name + " disk=" + node.disk);
            node.up = true;
            node.incarnation = now;
            node.state = node.decider.initial(node.disk, now);
            loopTick(node, node.incarnation);
            loopBeacon(node, node.incarnation);
        }

        void loopTick(Node node, long inc) {
            if (!node.up || node.incarnation != inc) {
                return;
            }
            deliver(node, new Event.Tick(now));
            schedule(now + 50 * MS, null, null, () -> loopTick(node, inc));
        }

        void loopBeacon(Node node, long inc) {
            if (!node.up || node.incarnation != inc) {
                return;
            }
            beacon(node);
            schedule(now + 200 * MS, null, null, () -> loopBeacon(node, inc));
        }

        void beacon(Node from) {
            int i = idx(from.name);
            long seq = ++from.seq;
            for (Node to : nodes.values()) {
                if (to != from && !cut[i][idx(to.name)]) {
                    Event e = new Event.PeerBeacon(0, "sim", new NodeId(from.name), from.incarnation, seq,
                            from.state.adverts(), from.state.requests());
                    schedule(now + rnd.nextInt(6) * MS, to.name, e, null);
                }
            }
        }

        void deliver(Node node, Event e) {
            if (!node.up) {
                return;
            }
            Event timed = retime(e);
            Decider.Result r = node.decider.apply(node.state, timed);
            node.state = r.state();
            if (!(e instanceof Event.Tick) || !r.actions().isEmpty()) {
                trace(node.name + " <- " + (e instanceof Event.PeerBeacon b ? "beacon " + b.from() + " " + b.adverts() + b.requests() : e.toString()));
                r.actions().forEach(a -> trace("   " + node.name + " -> " + a.describe()));
            }
            long inc = node.incarnation;
            for (Action a : r.actions()) {
                if (a instanceof Action.PersistOwnership p) {
                    node.disk = new TreeMap<>(p.terms());
                } else if (a instanceof Action.SendBeaconNow) {
                    beacon(node);
                } else if (a instanceof Action.StartGroup s) {
                    schedule(now + rnd.nextInt(50) * MS, null, null,
                            () -> { if (node.up && node.incarnation == inc) deliver(node, new Event.GroupStarted(now, s.group(), true, null)); });
                } else if (a instanceof Action.StopGroup s) {
                    schedule(now + rnd.nextInt(50) * MS, null, null,
                            () -> { if (node.up && node.incarnation == inc) deliver(node, new Event.GroupStopped(now, s.group(), true, null)); });
                } else if (a instanceof Action.FencePeer f) {
                    Node target = nodes.get(f.node().name());
                    schedule(now + (50 + rnd.nextInt(450)) * MS, null, null, () -> {
                        if (!(node.up && node.incarnation == inc)) {
                            return; // the fencer died first: its agent never finished
                        }
                        if (target.up) { // power off: gone with its VIPs; it reboots later
                            target.up = false;
                            trace("FENCED " + target.name + " by " + node.name);
                            fences++;
                            schedule(now + (3000 + rnd.nextInt(10_000)) * MS, null, null, () -> boot(target));
                        }
                        deliver(node, new Event.FenceDone(now, f.node(), true, "off"));
                    });
                } else if (a instanceof Action.ShutdownComplete) {
                    node.up = false;
                    schedule(now + (1000 + rnd.nextInt(5000)) * MS, null, null, () -> boot(node));
                }
            }
        }

        Event retime(Event e) {
            if (e instanceof Event.PeerBeacon b) {
                return new Event.PeerBeacon(now, b.medium(), b.from(), b.incarnation(), b.seq(), b.adverts(), b.requests());
            }
            return e;
        }

        void fault() {
            lastFault = now;
            List<Node> up = nodes.values().stream().filter(n -> n.up).toList();
            int kind = rnd.nextInt(partitions ? 5 : 4);
            if (up.isEmpty()) {
                return;
            }
            Node victim = up.get(rnd.nextInt(up.size()));
            trace("FAULT " + kind + " on " + victim.name);
            switch (kind) {
                case 0 -> { // crash (node death): gone with its VIPs, back later
                    victim.up = false;
                    trace("CRASH " + victim.name);
                    schedule(now + (1000 + rnd.nextInt(10_000)) * MS, null, null, () -> boot(victim));
                }
                case 1 -> deliver(victim, new Event.Shutdown(now));
                case 2, 3 -> deliver(victim, new Event.Failover(now, ++requestIds, GROUP, null));
                default -> { // partition: cut the victim off from everyone, heal later
                    everPartitioned = true;
                    int i = idx(victim.name);
                    for (int j = 0; j < cut.length; j++) {
                        if (j != i) {
                            cut[i][j] = cut[j][i] = true;
                        }
                    }
                    long heal = now + (500 + rnd.nextInt(10_000)) * MS;
                    lastFault = Math.max(lastFault, heal);
                    schedule(heal, null, null, () -> {
                        for (boolean[] row : cut) {
                            java.util.Arrays.fill(row, false);
                        }
                    });
                }
            }
        }

        void checkHolders() {
            if (everPartitioned && !fencing) {
                return;
            }
            List<String> holders = new ArrayList<>();
            for (Node n : nodes.values()) {
                if (n.up && n.state.group(GROUP).state().holds()) {
                    holders.add(n.name);
                }
            }
            if (holders.size() > 1) {
                fail("seed " + seed + " at " + now / MS + " ms: two holders " + holders + " " + describe() + "\n" + String.join("\n", trace));
            }
        }

        void checkSettled() {
            assertTrue(now - lastFault > 30_000 * MS, "seed " + seed + ": schedule too short to settle");
            Map<String, Ownership> terms = new HashMap<>();
            List<String> active = new ArrayList<>();
            for (Node n : nodes.values()) {
                if (n.up) {
                    GroupView g = n.state.group(GROUP);
                    terms.put(n.name, g.term());
                    if (g.state() == GroupState.ACTIVE) {
                        active.add(n.name);
                    }
                }
            }
            assertEquals(1, active.size(), "seed " + seed + ": exactly one owner at the end " + describe());
            assertEquals(1, terms.values().stream().distinct().count(), "seed " + seed + ": live nodes disagree " + terms);
            assertEquals(active.get(0), terms.values().iterator().next().owner(), "seed " + seed);
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            for (Node n : nodes.values()) {
                GroupView g = n.state == null ? null : n.state.group(GROUP);
                sb.append(n.name).append(n.up ? "" : "(down)").append('=')
                        .append(g == null ? "-" : g.state() + " " + g.term().epoch() + "/" + g.term().owner()).append(' ');
            }
            return sb.toString();
        }

        static int idx(String name) {
            return Integer.parseInt(name.substring(1));
        }
    }
}
