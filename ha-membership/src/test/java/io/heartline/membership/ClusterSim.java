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

/**
 * A whole cluster of deciders in virtual time, driven by one seed: beacons with jitter, crashes
 * and restarts (epochs from each node's "disk"), partitions, shutdowns, hactl failovers and, with
 * fencing, a fence device that powers its target off. {@link SimulationTest} checks its
 * invariants; {@link SeedScenarios} turns what one node lived through into a scenario file.
 *
 * <p>Each node keeps a log of each run (from a boot): every event it was fed, with the actions the
 * decider answered, so a failing seed can be replayed one node at a time.
 */
final class ClusterSim {
    static final long MS = 1_000_000L;
    static final String GROUP = "web";
    static final long INTERVAL_MS = 200;
    static final long DEAD_MS = 1000;
    static final long WARN_MS = 500;
    static final long INITDEAD_MS = 2000;
    static final long FAILBACK_MS = 3000;
    static final long END_MS = 200_000;

    /**
     * One event a node was fed during a run and what its decider answered; {@code after}, the state
     * it left, is kept only when it answered something (the last such state ends a scenario).
     */
    record Fed(long atMs, boolean beforeTick, Event event, List<Action> actions, ClusterState after) {
    }

    /** One run of a node's daemon, from a boot: the disk it booted with, and every event fed since. */
    record Run(long bootMs, Map<String, Ownership> bootDisk, List<Fed> log) {
        boolean acted() {
            return log.stream().anyMatch(f -> !f.actions().isEmpty());
        }
    }

    /** One node: its decider, its state, its disk and the log of each of its runs. */
    static final class Node {
        final String name;
        final Decider decider;
        ClusterState state;
        boolean up;
        Map<String, Ownership> disk = new TreeMap<>();
        long incarnation;
        /** The number of its last beacon, as its BeaconSender counts them. */
        long seq;
        final List<Run> runs = new ArrayList<>();
        long lastTick;

        Node(String name, Decider decider) {
            this.name = name;
            this.decider = decider;
        }

        Run current() {
            return runs.get(runs.size() - 1);
        }
    }

    private record Scheduled(long at, long seq, String node, Event event, Runnable action) {
    }

    final int seed;
    final int size;
    final boolean partitions;
    final boolean fencing;
    final Random rnd;
    final Map<String, Node> nodes = new TreeMap<>();
    private final PriorityQueue<Scheduled> queue =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final boolean[][] cut;
    private long now;
    private long seq;
    private long lastFault;
    private long requestIds;
    private boolean everPartitioned;
    private final java.util.ArrayDeque<String> trace = new java.util.ArrayDeque<>();
    int fences;
    /** Called after every event: the invariant checks (or nothing, to just run a seed). */
    private boolean checking = true;

    ClusterSim(int seed, int n, boolean partitions, boolean fencing) {
        this.seed = seed;
        this.size = n;
        this.fencing = fencing;
        this.rnd = new Random(seed);
        this.partitions = partitions;
        this.cut = new boolean[n][n];
        Map<NodeId, Integer> prio = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            prio.put(new NodeId("n" + i), priority(i));
        }
        for (int i = 0; i < n; i++) {
            nodes.put("n" + i, new Node("n" + i, new Decider(settings(i, prio, rnd.nextBoolean(), fencing))));
        }
    }

    static int priority(int i) {
        return 100 - i * 10;
    }

    static long fenceDelayMs(int i) {
        return i == 0 ? 0 : 2000L * i;
    }

    private static DeciderSettings settings(int i, Map<NodeId, Integer> prio, boolean failbackAuto, boolean fencing) {
        return new DeciderSettings(new NodeId("n" + i), prio, List.of(GROUP), List.of("sim"), INTERVAL_MS * MS, DEAD_MS * MS,
                WARN_MS * MS, INITDEAD_MS * MS, failbackAuto, FAILBACK_MS * MS, DEAD_MS / 2 * MS, 30_000 * MS,
                fencing, fenceDelayMs(i) * MS, 1000 * MS, 30_000 * MS);
    }

    /**
     * The cluster {@link SimulationTest} runs for {@code seed}: its seed ranges say the cluster size,
     * whether there are partitions and whether fencing is on.
     */
    static ClusterSim forSeed(int seed) {
        if (seed >= 0 && seed < 1000) {
            return new ClusterSim(seed, 2, false, false);
        }
        if (seed >= 1000 && seed < 5000) {
            return new ClusterSim(seed, 3, false, false);
        }
        if (seed >= 5000 && seed < 9000) {
            return new ClusterSim(seed, seed % 2 == 0 ? 2 : 3, true, false);
        }
        if (seed >= 9000 && seed < 13000) {
            return new ClusterSim(seed, seed % 2 == 0 ? 2 : 3, true, true);
        }
        throw new IllegalArgumentException("seed " + seed + " is in no range of SimulationTest (0-999, 1000-4999, 5000-8999, 9000-12999)");
    }

    /** Runs the schedule without the invariant checks (to replay a seed one node at a time). */
    ClusterSim unchecked() {
        checking = false;
        return this;
    }

    void run() {
        for (Node node : nodes.values()) {
            schedule(rnd.nextInt(3000) * MS, null, null, () -> boot(node));
        }
        for (int f = 0; f < 6; f++) {
            long at = (5_000 + rnd.nextInt(120_000)) * MS;
            schedule(at, null, null, this::fault);
        }
        long end = END_MS * MS;
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Scheduled s = queue.poll();
            now = s.at;
            if (s.action != null) {
                s.action.run();
            } else {
                deliver(nodes.get(s.node), s.event);
            }
            if (checking) {
                checkHolders();
            }
        }
        if (checking) {
            checkSettled();
        }
    }

    private void trace(String line) {
        if (trace.size() > 80) {
            trace.removeFirst();
        }
        trace.addLast(now / MS + " " + line);
    }

    private void schedule(long at, String node, Event e, Runnable r) {
        queue.add(new Scheduled(at, seq++, node, e, r));
    }

    private void boot(Node node) {
        trace("BOOT " + node.name + " disk=" + node.disk);
        node.up = true;
        node.incarnation = now;
        node.runs.add(new Run(now / MS, new TreeMap<>(node.disk), new ArrayList<>()));
        node.lastTick = Long.MIN_VALUE;
        node.state = node.decider.initial(node.disk, now);
        loopTick(node, node.incarnation);
        loopBeacon(node, node.incarnation);
    }

    private void loopTick(Node node, long inc) {
        if (!node.up || node.incarnation != inc) {
            return;
        }
        deliver(node, new Event.Tick(now));
        schedule(now + 50 * MS, null, null, () -> loopTick(node, inc));
    }

    private void loopBeacon(Node node, long inc) {
        if (!node.up || node.incarnation != inc) {
            return;
        }
        beacon(node);
        schedule(now + INTERVAL_MS * MS, null, null, () -> loopBeacon(node, inc));
    }

    private void beacon(Node from) {
        int i = idx(from.name);
        long seq = ++from.seq;
        for (Node to : nodes.values()) {
            if (to != from && !cut[i][idx(to.name)]) {
                Event e = new Event.PeerBeacon(0, "sim", new NodeId(from.name), from.incarnation, seq,
                        from.state.adverts(), from.state.requests(), from.state.heard(from.decider.settings().deadNanos()));
                schedule(now + rnd.nextInt(6) * MS, to.name, e, null);
            }
        }
    }

    private void deliver(Node node, Event e) {
        if (!node.up) {
            return;
        }
        Event timed = retime(e);
        Decider.Result r = node.decider.apply(node.state, timed);
        node.state = r.state();
        log(node, timed, r.actions());
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

    /**
     * Keeps what the node was fed in its current run. A tick that did nothing is left out (a
     * scenario ticks every 50 ms by itself); an event at the instant of a tick that had not run
     * yet is marked, since a scenario runs that tick first unless told otherwise.
     */
    private void log(Node node, Event e, List<Action> actions) {
        long rel = now - node.incarnation;
        boolean tick = e instanceof Event.Tick;
        boolean beforeTick = !tick && rel % (50 * MS) == 0 && node.lastTick < now;
        if (tick) {
            node.lastTick = now;
        }
        if (tick && actions.isEmpty()) {
            return;
        }
        node.current().log().add(new Fed(rel / MS, beforeTick, e, actions, actions.isEmpty() ? null : node.state));
    }

    private Event retime(Event e) {
        if (e instanceof Event.PeerBeacon b) {
            return new Event.PeerBeacon(now, b.medium(), b.from(), b.incarnation(), b.seq(), b.adverts(), b.requests(),
                    b.heard());
        }
        return e;
    }

    private void fault() {
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

    private void checkHolders() {
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
            fail("seed " + seed + " at " + now / MS + " ms: two holders " + holders + " " + describe() + "\n"
                    + String.join("\n", trace) + SeedScenarios.writeFailing(this));
        }
    }

    private void checkSettled() {
        try {
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
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + SeedScenarios.writeFailing(this), e);
        }
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes.values()) {
            GroupView g = n.state == null ? null : n.state.group(GROUP);
            sb.append(n.name).append(n.up ? "" : "(down)").append('=')
                    .append(g == null ? "-" : g.state() + " " + g.term().epoch() + "/" + g.term().owner()).append(' ');
        }
        return sb.toString();
    }

    private static int idx(String name) {
        return Integer.parseInt(name.substring(1));
    }
}
