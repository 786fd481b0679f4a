package io.heartline.cluster;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Jepsen's hammer-time on a 2-node pair, fencing off: every process of the owner's daemon is
 * frozen (SIGSTOP) for 0.5, 2 and 10 times {@code deadtime}, then woken (SIGCONT).
 *
 * <ul>
 *   <li>0.5 x: nothing moves, never two holders.</li>
 *   <li>2 x and 10 x: the peer takes over after {@code deadtime}. The frozen owner still has the VIP
 *       configured: two holders that nothing but fencing can avoid in a 2-node pair, counted as
 *       <em>stale</em> while it is frozen. Once woken, the old owner must let go within
 *       {@link #RELEASE_BOUND} of SIGCONT, and without a gratuitous ARP: the client, which followed
 *       the peer's GARP, is never pulled back to it (no GARP from it in the client's namespace,
 *       no answer from it to the client after the peer's first).</li>
 * </ul>
 */
class PauseFaultIT extends FaultTest {
    /** A woken owner that lost its group has removed its VIP within this long after SIGCONT. */
    static final Duration RELEASE_BOUND = QUICK_DEADTIME;

    @Test
    void aWokenOwnerThatLostItsGroupReleasesWithoutGratuitousArp() {
        FaultCluster c = cluster(2, QUICK).startAll();
        for (double factor : new double[] {0.5, 2, 10}) {
            Duration pause = Duration.ofMillis((long) (QUICK_DEADTIME.toMillis() * factor));
            FaultTable table = new FaultTable("PauseFaultIT", "pause " + factor + "x deadtime (" + pause.toMillis()
                    + " ms, deadtime " + QUICK_DEADTIME.toMillis() + " ms), 2 nodes, fencing off");
            if (factor > 1) {
                table.note("Two holders cannot be avoided here: a 2-node pair without fencing, and the frozen owner keeps its"
                        + " VIP while the peer takes over (stale holder). Bound: the woken owner lets go within "
                        + RELEASE_BOUND.toMillis() + " ms of SIGCONT, sending no gratuitous ARP.");
            }
            long worstRelease = 0;
            try {
                for (int run = 1; run <= runs(); run++) {
                    worstRelease = Math.max(worstRelease, run(c, table, factor, pause, run));
                }
            } finally {
                if (factor > 1) {
                    table.figure("longest release after SIGCONT (ms)", worstRelease);
                }
                table.print();
            }
        }
        assertNoFindings();
    }

    /** One pause; returns how long after SIGCONT the old owner still held the VIP (ms). */
    long run(FaultCluster c, FaultTable table, double factor, Duration pause, int run) {
        String label = "pause " + factor + "x #" + run;
        String owner = c.auditor().awaitSettled(Duration.ofSeconds(1), Duration.ofSeconds(30));
        String peer = c.others(owner).get(0);
        long from = System.currentTimeMillis();
        c.nemesis().pause(owner);
        Nemesis.hold(pause);
        long woken = c.nemesis().resume(owner);
        String end = c.auditor().settledOrNull(Duration.ofSeconds(2), Duration.ofSeconds(30));
        AuditReport r = c.auditor().report(label, from, System.currentTimeMillis());
        long release = r.twoHolders().stream().mapToLong(i -> Math.max(0, i.to() - woken)).max().orElse(0);
        long takeover = r.timeline().segments().stream().filter(s -> s.holders().contains(peer)).mapToLong(HoldingTimeline.Segment::from)
                .findFirst().orElse(-1);
        ClientPoller.Attempt firstFromPeer = r.client().firstAnswerFrom(peer, from);
        long garpsAfter = takeover < 0 ? 0 : r.announcementsFrom(owner, takeover);
        long pulledBack = firstFromPeer == null ? 0 : r.client().answersFrom(owner, firstFromPeer.epochMillis());
        table.add(r, String.format("%s paused, %s owns at the end; old owner held %d ms after SIGCONT; its GARPs after the"
                + " takeover %d; client answers from it after the peer's first %d", owner, end, release, garpsAfter, pulledBack));
        String evidence = "\n" + r.history() + c.evidence(from);
        if (factor < 1) {
            check(owner.equals(end) && r.timeline().moves() == 0, label, "a pause shorter than deadtime moved the group" + evidence);
            check(r.twoHolders().isEmpty(), label, "two holders " + r.twoHolders() + evidence);
        } else {
            check(peer.equals(end), label, "the peer did not end as the owner (" + end + ")" + evidence);
            check(release <= RELEASE_BOUND.toMillis(), label, "the woken owner held the VIP " + release + " ms after SIGCONT"
                    + " (bound " + RELEASE_BOUND.toMillis() + ")" + evidence);
            check(garpsAfter == 0, label, "the woken owner sent " + garpsAfter + " gratuitous ARP(s) after the takeover" + evidence);
            check(pulledBack == 0, label, "the client was pulled back to the old owner: " + pulledBack + " answers" + evidence);
        }
        check(r.crashes().isEmpty(), label, "daemon crash " + r.crashes());
        return release;
    }
}
