package io.heartline.cluster;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a fault scenario runs against: a lab of N nodes with an echo service each, the daemons
 * ({@link HeartlinePair}, fencing off unless the test says otherwise), the {@link Auditor} and the
 * {@link Nemesis}. The auditor starts before any daemon, so it sees everything from the first claim.
 */
final class FaultCluster {
    /** Journal lines per node in a failure message. */
    static final int EVIDENCE_LINES = 40;
    final Lab lab;
    final HeartlinePair pair;
    private final String timing;
    private Auditor auditor;
    private Nemesis nemesis;

    FaultCluster(Lab lab, String timing) {
        this.lab = lab;
        this.timing = timing;
        for (String node : lab.nodes()) {
            EchoService.start(lab, node, EchoService.DEFAULT_PORT);
        }
        this.pair = new HeartlinePair(lab).with(timing);
    }

    /** Starts the audit (before the daemons). */
    FaultCluster audit() {
        auditor = Auditor.start(lab, pair, HeartlinePair.VIP, "eth0", "client", "prober", EchoService.DEFAULT_PORT);
        nemesis = new Nemesis(lab, pair, auditor);
        return this;
    }

    /** Audit, then every daemon one after another; returns once node-a serves the client. */
    FaultCluster startAll() {
        if (auditor == null) {
            audit();
        }
        for (String node : lab.nodes()) {
            pair.start(node);
        }
        auditor.awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
        return this;
    }

    Auditor auditor() {
        return auditor;
    }

    Nemesis nemesis() {
        return nemesis;
    }

    List<String> nodes() {
        return lab.nodes();
    }

    List<String> others(String node) {
        return lab.nodes().stream().filter(n -> !n.equals(node)).toList();
    }

    /**
     * The journal lines of every node since {@code sinceMillis} whose kind is one of {@code kinds}
     * (all kinds when empty), compact: the evidence a failed run carries.
     */
    String journal(long sinceMillis, Set<String> kinds) {
        StringBuilder sb = new StringBuilder();
        for (String node : lab.nodes()) {
            int shown = 0;
            for (Map<String, Object> e : journalOf(node)) {
                Object time = e.get("time");
                long t = time == null ? 0 : Instant.parse(time.toString()).toEpochMilli();
                if (t >= sinceMillis && (kinds.isEmpty() || kinds.contains(String.valueOf(e.get("kind"))))) {
                    if (++shown > EVIDENCE_LINES) {
                        continue;
                    }
                    sb.append("    ").append(node).append(' ').append(time).append(' ').append(e.get("kind"))
                            .append(e.get("group") == null ? "" : " (" + e.get("group") + ")")
                            .append(": ").append(e.get("cause")).append(detail(e)).append('\n');
                }
            }
            if (shown > EVIDENCE_LINES) {
                sb.append("    ").append(node).append(": ").append(shown - EVIDENCE_LINES).append(" more lines\n");
            }
        }
        return sb.toString();
    }

    private static String detail(Map<String, Object> e) {
        Map<String, Object> rest = new java.util.LinkedHashMap<>(e);
        List.of("seq", "time", "node", "kind", "group", "cause").forEach(rest::remove);
        return rest.isEmpty() ? "" : " " + rest;
    }

    /** The node's journal, read whatever state its file is in (a line being written is skipped). */
    List<Map<String, Object>> journalOf(String node) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            if (!java.nio.file.Files.exists(pair.journal(node))) {
                return out;
            }
            for (String line : java.nio.file.Files.readAllLines(pair.journal(node))) {
                try {
                    if (!line.isBlank()) {
                        out.add(JSON.std.mapFrom(line));
                    }
                } catch (IOException partial) {
                    // the last line may be half written
                }
            }
        } catch (IOException e) {
            out.add(Map.of("kind", "unreadable-journal", "cause", e.toString()));
        }
        return out;
    }

    /** One request on {@code node}'s control socket; its answer. */
    Map<String, Object> control(String node, String json) {
        try {
            return controlAsync(node, json).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("control request " + json + " to " + node + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Sends one request on {@code node}'s control socket and returns at once, once it is written
     * (no JVM to start, unlike {@code hactl}: a fault can follow it within milliseconds); the answer
     * arrives in the future, or an error if the daemon dies first.
     */
    java.util.concurrent.CompletableFuture<Map<String, Object>> controlAsync(String node, String json) {
        java.nio.channels.SocketChannel ch;
        try {
            ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            ch.connect(java.net.UnixDomainSocketAddress.of(pair.socket(node)));
            ch.write(java.nio.ByteBuffer.wrap((json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ch.shutdownOutput();
        } catch (IOException e) {
            throw new AssertionError("cannot send " + json + " to " + node + ": " + e, e);
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (ch) {
                return JSON.std.mapFrom(new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The transitions and peer events since {@code sinceMillis}: what a failure message shows. */
    String evidence(long sinceMillis) {
        return journal(sinceMillis, Set.of("transition", "peer-dead", "peer-alive", "two-owners", "no-quorum", "term-advanced",
                "pause-detected", "partition", "partition-healed", "link-down", "link-up", "actions-failed",
                "failover-requested", "failover-done", "failover-failed", "stale-vip-removed", "daemon-start"));
    }
}
