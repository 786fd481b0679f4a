package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Timing;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the wire says about a VIP, seen from the client side.
 *
 * <ul>
 *   <li><b>Who answers ARP for it.</b> {@value #PROBERS} {@code arping -b} processes (iputils'
 *       interval is whole seconds, so they start staggered: one broadcast request every
 *       {@code 1000/PROBERS} ms) in a <em>prober</em> host of their own. Every holder answers a
 *       broadcast request, so two holders show as two MACs answering the same round. They run in a
 *       namespace apart from the client's on purpose: Linux updates an existing neighbour entry
 *       from any ARP reply it receives, so probing from the client would itself move the client's
 *       entry, the very thing measured.</li>
 *   <li><b>Who announces it.</b> {@code tcpdump} in the client's namespace records every
 *       gratuitous ARP (request or reply, sender address the VIP, sent to broadcast): the frames
 *       that pull a client to a node.</li>
 * </ul>
 */
final class ArpAudit {
    static final int PROBERS = 4;
    private static final Pattern REPLY = Pattern.compile("reply from (\\S+) \\[([0-9A-Fa-f:]{17})\\]");
    // 1796600592.390927 02:68:6c:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.77.0.10 (ff:ff:ff:ff:ff:ff) tell 10.77.0.10, length 28
    // 1796600593.436902 02:68:6c:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Reply 10.77.0.10 is-at 02:68:6c:00:00:01, length 28
    private static final Pattern FRAME = Pattern.compile("^(\\d+\\.\\d+) ([0-9a-f:]{17}) > ([0-9a-f:]{17}), .*ARP.*: (Request who-has (\\S+)(?: \\([^)]*\\))? tell (\\S+)|Reply (\\S+) is-at ([0-9a-f:]{17})),.*");

    /** A frame or reply seen at {@code atMillis} from {@code node} (or its MAC, when no node has it). */
    record Seen(long atMillis, String node) {
    }

    private final String vip;
    private final Map<String, String> nodeByMac;
    private final List<Seen> replies = new ArrayList<>();
    private final List<Seen> announcements = new ArrayList<>();
    private final List<LabProcess> processes = new ArrayList<>();

    private ArpAudit(String vip, Map<String, String> nodeByMac) {
        this.vip = vip;
        this.nodeByMac = nodeByMac;
    }

    /**
     * Probes {@code vip} from {@code prober} and captures announcements in {@code client}; returns
     * once the capture runs. {@code nodeByMac} names the nodes' MACs (lower case).
     */
    static ArpAudit start(Lab lab, String vip, String iface, String client, String prober, Map<String, String> nodeByMac) {
        ArpAudit audit = new ArpAudit(vip, nodeByMac);
        LabProcess capture = lab.start(client, ProcessSpec.of("garp-capture", "tcpdump", "-l", "-n", "-e", "-tt",
                "--immediate-mode", "-i", iface, "arp").onLine(audit::frame));
        audit.processes.add(capture);
        capture.awaitLine("listening on", Duration.ofSeconds(10));
        for (int i = 0; i < PROBERS; i++) {
            if (i > 0) {
                hold(Duration.ofMillis(1000 / PROBERS));
            }
            audit.processes.add(lab.start(prober, ProcessSpec.of("arping-" + i, "arping", "-b", "-I", iface, vip)
                    .onLine(audit::reply)));
        }
        return audit;
    }

    /** The probers' start is staggered on the clock: the one wait here that is on time, not on a state. */
    private static void hold(Duration d) {
        await().pollDelay(d).atMost(d.plus(Timing.scaled(Duration.ofSeconds(1)))).until(() -> true);
    }

    private void reply(String line) {
        Matcher m = REPLY.matcher(line);
        if (m.find() && m.group(1).equals(vip)) {
            Seen s = new Seen(System.currentTimeMillis(), name(m.group(2)));
            synchronized (replies) {
                replies.add(s);
            }
        }
    }

    private void frame(String line) {
        parseAnnouncement(line, vip).ifPresent(f -> {
            Seen s = new Seen(f.atMillis(), name(f.node()));
            synchronized (announcements) {
                announcements.add(s);
            }
        });
    }

    /**
     * A gratuitous ARP for {@code vip} in one line of {@code tcpdump -n -e -tt}: a broadcast request
     * "who-has VIP tell VIP" or a broadcast reply "VIP is-at MAC"; {@code node} is the source MAC.
     */
    static Optional<Seen> parseAnnouncement(String line, String vip) {
        Matcher m = FRAME.matcher(line.strip());
        if (!m.matches() || !m.group(3).equals("ff:ff:ff:ff:ff:ff")) {
            return Optional.empty();
        }
        boolean request = m.group(5) != null && m.group(5).equals(vip) && vip.equals(m.group(6));
        boolean reply = m.group(7) != null && m.group(7).equals(vip);
        if (!request && !reply) {
            return Optional.empty();
        }
        long at = new BigDecimal(m.group(1)).movePointRight(3).longValue();
        return Optional.of(new Seen(at, m.group(2)));
    }

    private String name(String mac) {
        String lower = mac.toLowerCase(Locale.ROOT);
        return nodeByMac.getOrDefault(lower, lower);
    }

    /** Every ARP reply for the VIP the probers got, oldest first. */
    List<Seen> replies() {
        synchronized (replies) {
            return List.copyOf(replies);
        }
    }

    /** Every gratuitous ARP for the VIP the client's namespace saw, oldest first. */
    List<Seen> announcements() {
        synchronized (announcements) {
            return List.copyOf(announcements);
        }
    }

    /**
     * Probe rounds in {@code [from, to)} that two different nodes answered: replies from two nodes
     * less than {@code 1000/PROBERS/2} ms apart (one broadcast round).
     */
    int roundsWithTwoAnswers(long from, long to) {
        List<Seen> in = replies().stream().filter(s -> s.atMillis() >= from && s.atMillis() < to).toList();
        long round = 1000 / PROBERS / 2;
        int rounds = 0;
        long lastCounted = Long.MIN_VALUE;
        for (int i = 1; i < in.size(); i++) {
            Seen a = in.get(i - 1);
            Seen b = in.get(i);
            if (!a.node().equals(b.node()) && b.atMillis() - a.atMillis() < round && a.atMillis() > lastCounted) {
                rounds++;
                lastCounted = b.atMillis();
            }
        }
        return rounds;
    }

    /** Whether every prober and the capture still run. */
    boolean alive() {
        return processes.stream().allMatch(LabProcess::isAlive);
    }
}
