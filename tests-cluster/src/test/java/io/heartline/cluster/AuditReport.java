package io.heartline.cluster;

import io.heartline.cluster.HoldingTimeline.Interval;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the {@link Auditor} saw in one window (one run of a scenario).
 *
 * @param label          the run, e.g. {@code pause 2x deadtime #3}
 * @param timeline       the holders of the VIP in the window
 * @param client         what the client got in the window
 * @param crashes        daemons that exited unexpectedly in the window ({@code node pid exit})
 * @param arpTwoAnswers  probe rounds answered by two nodes
 * @param announcements  gratuitous ARPs for the VIP in the window
 */
record AuditReport(String label, HoldingTimeline timeline, ClientTimeline client, List<String> crashes,
        int arpTwoAnswers, List<ArpAudit.Seen> announcements) {

    long windowMillis() {
        return timeline.to() - timeline.from();
    }

    List<Interval> twoHolders() {
        return timeline.twoHolders();
    }

    List<Interval> twoRunningHolders() {
        return timeline.twoRunningHolders();
    }

    List<Interval> staleTwoHolders() {
        return timeline.twoHoldersWithAStaleOne();
    }

    long twoHoldersMillis() {
        return HoldingTimeline.totalMillis(twoHolders());
    }

    long twoRunningHoldersMillis() {
        return HoldingTimeline.totalMillis(twoRunningHolders());
    }

    Set<String> holdersAtEnd() {
        return timeline.holdersAtEnd();
    }

    /** No running node holds the VIP at the end (a stale holder serves nobody reliably). */
    boolean endsWithNone() {
        return timeline.runningHoldersAtEnd().isEmpty();
    }

    /** Two or more running nodes hold the VIP at the end. */
    boolean endsWithTwo() {
        return timeline.runningHoldersAtEnd().size() >= 2;
    }

    /** A node whose daemon does not run still holds the VIP at the end (killed: issue 14's cleanup removes it). */
    boolean endsWithAStaleHolder() {
        return !timeline.staleHoldersAtEnd().isEmpty();
    }

    /** Gratuitous ARPs {@code node} sent at or after {@code sinceMillis}. */
    long announcementsFrom(String node, long sinceMillis) {
        return announcements.stream().filter(s -> s.node().equals(node) && s.atMillis() >= sinceMillis).count();
    }

    /** One line for the console and the table's file. */
    String line() {
        return String.format("%s: %d ms; two holders %d (%d ms, running %d ms, stale %d ms); none %d (%d ms); "
                        + "end %s%s; moves %d; client failed %d ms (longest %d, %d answer changes); ARP rounds with two "
                        + "answers %d; GARPs %s; crashes %s",
                label, windowMillis(), twoHolders().size(), twoHoldersMillis(), twoRunningHoldersMillis(),
                HoldingTimeline.totalMillis(staleTwoHolders()), timeline.noHolder().size(),
                HoldingTimeline.totalMillis(timeline.noHolder()), new TreeSet<>(holdersAtEnd()),
                endsWithAStaleHolder() ? " (stale " + new TreeSet<>(timeline.staleHoldersAtEnd()) + ")" : "", timeline.moves(),
                client.failedMillis(), client.longestFailureMillis(), client.answerChanges(), arpTwoAnswers,
                garpsByNode(), crashes.isEmpty() ? "none" : crashes);
    }

    private String garpsByNode() {
        StringBuilder sb = new StringBuilder();
        announcements.stream().map(ArpAudit.Seen::node).distinct().sorted().forEach(n -> sb.append(sb.length() == 0 ? "" : ",")
                .append(n).append('x').append(announcements.stream().filter(s -> s.node().equals(n)).count()));
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** The segments of the timeline, for failure messages. */
    String history() {
        StringBuilder sb = new StringBuilder();
        for (HoldingTimeline.Segment s : timeline.segments()) {
            sb.append(String.format("  +%6d ms %s%s%n", s.from() - timeline.from(), new TreeSet<>(s.holders()),
                    s.stale().isEmpty() ? "" : " stale " + new TreeSet<>(s.stale())));
        }
        return sb.toString();
    }
}
