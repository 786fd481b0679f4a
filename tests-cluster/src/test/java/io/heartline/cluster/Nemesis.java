package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The faults of the fault matrix, done to real daemons in a lab (Jepsen's nemesis): freeze a
 * daemon, kill it, cut who hears whom, flap a cable. Each fault is noted in {@code lab.log} and
 * told to the {@link Auditor}, so that a frozen or killed holder is counted as stale and a kill is
 * not counted as a crash.
 *
 * <p>Partitions are made with nftables inside the nodes' namespaces: {@link #cut} drops, at the
 * hearer's input, every IP packet from the speaker's addresses. Links stay up, the client still
 * reaches every node, ARP still flows; only the nodes stop hearing each other, in one direction
 * or both ({@link #isolate}). {@link #heal} removes every rule.
 */
final class Nemesis {
    private static final String TABLE = "nemesis";

    private final Lab lab;
    private final HeartlinePair pair;
    private final Auditor auditor;
    private final Map<String, List<Long>> paused = new HashMap<>();
    private final Set<String> tables = new HashSet<>();

    Nemesis(Lab lab, HeartlinePair pair, Auditor auditor) {
        this.lab = lab;
        this.pair = pair;
        this.auditor = auditor;
    }

    /** SIGSTOP to every process of {@code node}'s daemon; returns the time it was sent. */
    long pause(String node) {
        long at = System.currentTimeMillis();
        paused.put(node, pair.daemon(node).pauseTree());
        auditor.paused(node, at);
        lab.note("nemesis: paused the daemon of " + node + " " + paused.get(node));
        return at;
    }

    /** SIGCONT to what {@link #pause} stopped; returns the time it was sent. */
    long resume(String node) {
        List<Long> pids = paused.remove(node);
        if (pids == null) {
            throw new IllegalStateException(node + " is not paused");
        }
        long at = System.currentTimeMillis();
        pair.daemon(node).resumeTree(pids);
        auditor.resumed(node, at);
        lab.note("nemesis: resumed the daemon of " + node);
        return at;
    }

    /** kill -9 of {@code node}'s daemon (it keeps whatever VIP it had: a stale holder); returns the time. */
    long kill9(String node) {
        long at = System.currentTimeMillis();
        auditor.killed(node, at);
        pair.daemon(node).kill9();
        lab.note("nemesis: kill -9 of the daemon of " + node);
        return at;
    }

    /**
     * {@code node} loses power: its daemon is frozen first (a dead node reacts to nothing; alive, it
     * would see its cable go through link events and hand its groups over), then its cables go, then
     * kill -9. Returns the time of the freeze.
     */
    long nodeDies(String node, String... ifaces) {
        long at = System.currentTimeMillis();
        pair.daemon(node).pauseTree();
        auditor.paused(node, at); // not running from the freeze: a frozen, unplugged holder serves no one
        for (String iface : ifaces) {
            lab.linkDown(node, iface);
        }
        lab.note("nemesis: " + node + " dies: its daemon frozen, " + String.join(", ", ifaces) + " down");
        kill9(node);
        return at;
    }

    /** {@code hearer} no longer receives anything {@code speaker} sends (one direction). */
    void cut(String hearer, String speaker) {
        table(hearer);
        for (Network n : lab.host(speaker).networks()) {
            lab.exec(hearer, "nft", "add", "rule", "inet", TABLE, "in", "ip", "saddr", lab.ip(speaker, n.iface()), "drop");
        }
        lab.note("nemesis: " + hearer + " no longer hears " + speaker);
    }

    /**
     * {@code hearer} no longer receives {@code speaker}'s UDP datagrams to {@code port} (a heartbeat
     * medium's port): a firewall rule on one port, so ARP, ICMP and every other port still pass.
     */
    void blockUdp(String hearer, String speaker, int port) {
        table(hearer);
        for (Network n : lab.host(speaker).networks()) {
            lab.exec(hearer, "nft", "add", "rule", "inet", TABLE, "in", "ip", "saddr", lab.ip(speaker, n.iface()), "udp",
                    "dport", Integer.toString(port), "drop");
        }
        lab.note("nemesis: " + hearer + " no longer receives UDP port " + port + " from " + speaker);
    }

    /** Nodes of {@code side} and nodes of {@code other} stop hearing each other, both ways. */
    void isolate(Collection<String> side, Collection<String> other) {
        for (String a : side) {
            for (String b : other) {
                cut(a, b);
                cut(b, a);
            }
        }
    }

    /** Every node hears every node again. */
    void heal() {
        for (String node : new ArrayList<>(tables)) {
            lab.exec(node, "nft", "flush", "chain", "inet", TABLE, "in");
        }
        lab.note("nemesis: partition healed");
    }

    private void table(String node) {
        if (tables.add(node)) {
            lab.exec(node, "nft", "add", "table", "inet", TABLE);
            lab.exec(node, "nft", "add", "chain", "inet", TABLE, "in", "{ type filter hook input priority 0; }");
        }
    }

    /**
     * Pulls and plugs {@code node}'s cable on {@code iface}: {@code down} without carrier, then
     * {@code up} with it, until {@code total} has passed; ends with the cable in. Returns how many
     * times it was pulled.
     */
    int flap(String node, String iface, Duration down, Duration up, Duration total) {
        long end = System.nanoTime() + total.toNanos();
        int pulls = 0;
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
            lab.linkDown(node, iface);
            pulls++;
            next += down.toNanos();
            holdUntil(next);
            lab.linkUp(node, iface);
            next += up.toNanos();
            if (next < end) {
                holdUntil(next);
            }
        }
        return pulls;
    }

    /** Keeps a fault on for {@code d}: the one wait of the fault matrix that is on the clock, not on a state. */
    static void hold(Duration d) {
        if (!d.isNegative() && !d.isZero()) {
            await().pollDelay(d).atMost(d.plus(Timing.scaled(Duration.ofSeconds(2)))).until(() -> true);
        }
    }

    private static void holdUntil(long nanoTime) {
        hold(Duration.ofNanos(nanoTime - System.nanoTime()));
    }
}
