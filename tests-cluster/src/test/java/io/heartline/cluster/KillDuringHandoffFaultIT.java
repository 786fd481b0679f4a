package io.heartline.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * kill -9 during a planned handoff ({@code hactl failover}, sent straight to the owner's control
 * socket so that the kill can follow within milliseconds), first of the releasing node, then of
 * the claiming node; 2-node pair, fencing off. The kill comes 0, 10, 20, … ms after the request
 * (a handoff takes ~50 ms inside the daemons), so the runs land in different phases of it.
 *
 * <p>Target: the survivor ends as the one running owner, never two running holders. A killed
 * daemon leaves its VIP configured if it had it (nothing removes it until issue 14's clean-up):
 * a crashed (stale) holder, counted apart from running holders. Between runs the test removes
 * that stale VIP by hand, as that clean-up will, and restarts the daemon.
 */
class KillDuringHandoffFaultIT extends FaultTest {
    @Test
    void killingTheReleasingNodeDuringAHandoffLeavesTheOtherAsTheOnlyRunningOwner() {
        killsDuringHandoff(true);
    }

    @Test
    void killingTheClaimingNodeDuringAHandoffLeavesTheOtherAsTheOnlyRunningOwner() {
        killsDuringHandoff(false);
    }

    void killsDuringHandoff(boolean killReleasing) {
        FaultCluster c = cluster(2, QUICK).startAll();
        FaultTable table = new FaultTable("KillDuringHandoffFaultIT", "kill -9 of the " + (killReleasing ? "releasing" : "claiming")
                + " node during hactl failover, 2 nodes, fencing off");
        table.note("A killed daemon keeps its VIP (stale holder, issue 14 adds the clean-up): counted apart from running holders."
                + " Target: 0 runs with two running holders; the survivor owns at the end.");
        try {
            for (int run = 1; run <= runs(); run++) {
                String label = (killReleasing ? "kill releasing" : "kill claiming") + " #" + run;
                String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
                String target = c.others(owner).get(0);
                String victim = killReleasing ? owner : target;
                String survivor = killReleasing ? target : owner;
                // odd runs: right after the request; even runs: at the victim's own step of the handoff
                // (the releasing node's VIP gone, the claiming node's VIP configured)
                boolean atStep = run % 2 == 0;
                long from = System.currentTimeMillis();
                CompletableFuture<Map<String, Object>> answer = c.controlAsync(owner, "{\"cmd\":\"failover\"}");
                boolean stepSeen = atStep && c.auditor().awaitHolding(victim, !killReleasing, Duration.ofSeconds(5));
                long killed = c.nemesis().kill9(victim);
                boolean victimHeld = c.lab.addresses(victim, "eth0").stream().anyMatch(a -> a.startsWith(HeartlinePair.VIP + "/"));
                boolean served = awaitRunningOwner(c, survivor);
                AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
                ClientPoller.Attempt first = r.client().firstAnswerFrom(survivor, killed);
                table.add(r, String.format("killed %s %d ms after the request%s (it %s the VIP); %s serves %s; failover answer: %s",
                        victim, killed - from, atStep ? (stepSeen ? ", at its step" : ", its step not seen within 5 s") : "",
                        victimHeld ? "held" : "did not hold", survivor,
                        first == null ? "never" : (first.endEpochMillis() - killed) + " ms after the kill", describe(answer)));
                String evidence = "\n" + r.history() + c.evidence(from);
                check(served, label, survivor + " does not hold the VIP as the only running owner" + evidence);
                check(r.twoRunningHolders().isEmpty(), label, "two running holders " + r.twoRunningHolders() + evidence);
                check(!r.endsWithNone() && !r.endsWithTwo(), label, "running holders at the end: "
                        + r.timeline().runningHoldersAtEnd() + evidence);
                check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
                restore(c, victim);
            }
        } finally {
            table.print();
        }
        assertNoFindings();
    }

    /** Waits until {@code survivor} holds the VIP and the client gets it from there; false if not within 15 s. */
    static boolean awaitRunningOwner(FaultCluster c, String survivor) {
        try {
            c.auditor().client().awaitAnswer(survivor, Duration.ofSeconds(15));
            c.auditor().samples().awaitSamples(50, Duration.ofSeconds(5)); // a second of samples: it stays
            return c.auditor().samples().holders().contains(survivor) && "ACTIVE".equals(c.pair.state(survivor));
        } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** What issue 14's clean-up will do, then a fresh daemon on the victim (it comes back standby). */
    static void restore(FaultCluster c, String victim) {
        if (c.lab.addresses(victim, "eth0").stream().anyMatch(a -> a.startsWith(HeartlinePair.VIP + "/"))) {
            c.lab.deleteAddress(victim, "eth0", HeartlinePair.VIP + "/24");
        }
        c.pair.start(victim);
    }

    static String describe(CompletableFuture<Map<String, Object>> answer) {
        if (!answer.isDone()) {
            return "none yet";
        }
        try {
            Map<String, Object> a = answer.getNow(Map.of());
            return String.valueOf(a.getOrDefault("message", a.getOrDefault("error", a)));
        } catch (RuntimeException e) {
            return "none (" + e.getCause() + ")";
        }
    }
}
