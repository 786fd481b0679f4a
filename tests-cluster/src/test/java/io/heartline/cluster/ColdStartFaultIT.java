package io.heartline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every daemon started at the same instant (two processes launched back to back), repeated, with
 * fresh state each time (the last run's state directory is moved aside, kept for its journal).
 *
 * <p>Targets (issue 13): the preferred node (node-a) owns the group after every start, never two
 * holders; and once every configured node has been heard the decision is made at once instead of
 * waiting out {@code initdead}. Known defect (issue 13): {@code initdead} counts from before the
 * JGroups medium is open (about 2 s here), so the less preferred node sometimes claims first
 * (6 of 10 starts in an independent run). The first two scenarios use README's {@code initdead}
 * of 2 s; the third a long one (8 s), where service well before 8 s shows the decision did not
 * wait it out.
 */
class ColdStartFaultIT extends FaultTest {
    static final String LONG_INITDEAD = "  timing { interval = 100ms, deadtime = 500ms, warntime = 300ms, initdead = 8s }";
    static final Duration LONG = Duration.ofSeconds(8);
    /** README's initdead of 2 s. */
    static final String SHORT_INITDEAD = "  timing { interval = 100ms, deadtime = 500ms, warntime = 300ms, initdead = 2s }";

    @Test
    void twoDaemonsStartedAtOnceThePreferredNodeOwnsEveryTime() {
        coldStarts(2, SHORT_INITDEAD, null);
    }

    @Test
    void threeDaemonsStartedAtOnceThePreferredNodeOwnsEveryTime() {
        coldStarts(3, SHORT_INITDEAD, null);
    }

    /** Once node-a has heard every peer it decides within this: two beacons (100 ms apart), not initdead. */
    static final Duration DECISION = Duration.ofSeconds(2);

    @Test
    void onceEveryNodeIsHeardTheDecisionDoesNotWaitOutInitdead() {
        coldStarts(2, LONG_INITDEAD, LONG);
    }

    void coldStarts(int nodes, String timing, Duration initdeadBound) {
        FaultCluster c = cluster(nodes, timing).audit();
        String scenario = "cold start of " + nodes + " daemons at one instant, initdead "
                + (initdeadBound == null ? "2 s" : initdeadBound.toSeconds() + " s") + ", fencing off";
        FaultTable table = new FaultTable("ColdStartFaultIT", scenario);
        table.note("Target: node-a (preferred) owns after every start, never two holders"
                + (initdeadBound == null ? "." : "; once every node is heard node-a decides within " + DECISION.toMillis()
                        + " ms (two beacons), not after initdead; service time from the start printed."));
        long worst = 0;
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = nodes + " nodes #" + run;
                long from = System.currentTimeMillis();
                for (String node : c.nodes()) {
                    c.pair.launch(node, Map.of());
                }
                c.nodes().forEach(c.pair::awaitUp);
                String owner = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(40));
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                ClientPoller.Attempt first = r.client().firstAnswer(from);
                long service = first == null ? -1 : first.endEpochMillis() - from;
                worst = Math.max(worst, service);
                long decision = decisionAfterAllHeard(c, from);
                table.add(r, String.format("owner %s; service %d ms after the start; node-a decided %s after hearing every peer",
                        owner, service, decision < 0 ? "(no peer-alive line)" : decision + " ms"));
                String evidence = "\n" + r.history() + c.evidence(from);
                check("node-a".equals(owner), label, "the less preferred " + owner + " owns the group" + evidence);
                check(r.twoHolders().isEmpty(), label, "two holders " + r.twoHolders() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
                if (initdeadBound != null) {
                    // Measured from the moment node-a had heard every peer: the JVM start and the JGroups
                    // connect before it take seconds on a loaded machine and are not the decision's doing.
                    long bound = io.heartline.testkit.Timing.scaled(DECISION).toMillis();
                    check(decision >= 0 && decision < bound && decision < initdeadBound.toMillis(), label, "node-a decided "
                            + decision + " ms after hearing every peer (bound " + bound + " ms): the decision waited out initdead ("
                            + initdeadBound.toMillis() + " ms)" + evidence);
                }
                stopAllAndForget(c, run);
            }
        } finally {
            table.figure("longest time from start to service (ms)", worst);
            table.print();
        }
        assertNoFindings();
    }

    /** ms from node-a's hearing its last peer (first peer-alive line per peer) to its claim, or -1. */
    static long decisionAfterAllHeard(FaultCluster c, long from) {
        long heardAll = -1;
        long claim = -1;
        List<String> peers = c.others("node-a");
        for (String peer : peers) {
            long first = c.journalOf("node-a").stream().filter(e -> "peer-alive".equals(e.get("kind"))
                    && String.valueOf(e).contains(peer)).mapToLong(e -> millis(e.get("time"))).filter(t -> t >= from)
                    .min().orElse(-1);
            if (first < 0) {
                return -1;
            }
            heardAll = Math.max(heardAll, first);
        }
        claim = c.journalOf("node-a").stream().filter(e -> "transition".equals(e.get("kind"))
                && !"INIT".equals(e.get("to")) && !"STANDBY".equals(e.get("to")))
                .mapToLong(e -> millis(e.get("time"))).filter(t -> t >= from).min().orElse(-1);
        return claim < 0 ? -1 : claim - heardAll;
    }

    static long millis(Object time) {
        return time == null ? -1 : Instant.parse(time.toString()).toEpochMilli();
    }

    /** Stops every daemon (SIGTERM: it releases) and moves its state directory aside: the next start is cold. */
    static void stopAllAndForget(FaultCluster c, int run) {
        for (String node : c.nodes()) {
            c.auditor().expectExit(node);
            c.pair.daemon(node).stop();
        }
        c.auditor().samples().awaitHolders(Duration.ofSeconds(10));
        for (String node : c.nodes()) {
            try {
                java.nio.file.Path state = c.pair.journal(node).getParent();
                if (Files.exists(state)) {
                    Files.move(state, state.resolveSibling("state-run" + run));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
