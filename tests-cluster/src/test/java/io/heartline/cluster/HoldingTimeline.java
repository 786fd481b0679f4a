package io.heartline.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The auditor's arithmetic, pure: from observations of which node held an address (dump samples
 * and netlink events, each stamped with wall-clock ms) and from the spans during which a node's
 * daemon was not running (paused, killed, crashed), the piecewise-constant history of holders in a
 * window and the intervals that matter: two holders, two <em>running</em> holders, none.
 *
 * <pre>
 *   node-a  ████████████████░░░░░░░░░░░░░      (░ not held)
 *   node-b  ░░░░░░░░░░░░████████████████
 *   a's daemon         [paused....]            stale while paused
 *                      ↑  ↑      ↑
 *   segments: {a} | {a,b} stale a | {a,b} | {b}  →  two holders 1 interval, two running 1 (the last part)
 * </pre>
 *
 * <p>Observations are applied in time order, the later one winning; before its first observation
 * a node holds nothing. A holder is <em>stale</em> while its daemon is in a not-running span: no
 * protocol can make a frozen or dead process let go, so such a holder is counted apart.
 */
final class HoldingTimeline {
    /** At {@code atMillis} the address was (or was not) on {@code node}. */
    record Observation(long atMillis, String node, boolean holds) {
    }

    /** {@code [fromMillis, toMillis)}; {@code toMillis} may be {@link Long#MAX_VALUE} for "still". */
    record Span(long fromMillis, long toMillis) {
        boolean covers(long t) {
            return t >= fromMillis && t < toMillis;
        }
    }

    /** A stretch {@code [from, to)} with one set of holders, and which of them were stale. */
    record Segment(long from, long to, Set<String> holders, Set<String> stale) {
        Segment {
            holders = Set.copyOf(holders);
            stale = Set.copyOf(stale);
        }

        Set<String> running() {
            Set<String> r = new TreeSet<>(holders);
            r.removeAll(stale);
            return r;
        }
    }

    /** A stretch {@code [from, to)} made of consecutive segments, with every node that held in it. */
    record Interval(long from, long to, Set<String> nodes) {
        Interval {
            nodes = Set.copyOf(nodes);
        }

        long millis() {
            return to - from;
        }

        @Override
        public String toString() {
            return "[" + from + "+" + millis() + "ms " + new TreeSet<>(nodes) + "]";
        }
    }

    private final long from;
    private final long to;
    private final List<Segment> segments;

    private HoldingTimeline(long from, long to, List<Segment> segments) {
        this.from = from;
        this.to = to;
        this.segments = List.copyOf(segments);
    }

    /**
     * The holders of the window {@code [from, to)}. Observations before {@code from} set the state
     * at {@code from}; those at or after {@code to} are ignored.
     */
    static HoldingTimeline of(Collection<String> nodes, Collection<Observation> observations,
            Map<String, List<Span>> notRunning, long from, long to) {
        if (to < from) {
            throw new IllegalArgumentException("window ends before it starts: " + from + ".." + to);
        }
        List<Observation> sorted = observations.stream().filter(o -> o.atMillis() < to)
                .sorted(Comparator.comparingLong(Observation::atMillis)).toList();
        TreeSet<Long> cuts = new TreeSet<>();
        cuts.add(from);
        sorted.stream().mapToLong(Observation::atMillis).filter(t -> t > from).forEach(cuts::add);
        notRunning.values().forEach(spans -> spans.forEach(s -> {
            if (s.fromMillis() > from && s.fromMillis() < to) {
                cuts.add(s.fromMillis());
            }
            if (s.toMillis() > from && s.toMillis() < to) {
                cuts.add(s.toMillis());
            }
        }));
        Map<String, Boolean> holds = new HashMap<>();
        nodes.forEach(n -> holds.put(n, false));
        List<Segment> segments = new ArrayList<>();
        int next = 0;
        List<Long> times = new ArrayList<>(cuts);
        for (int i = 0; i < times.size(); i++) {
            long t = times.get(i);
            long end = i + 1 < times.size() ? times.get(i + 1) : to;
            while (next < sorted.size() && sorted.get(next).atMillis() <= t) {
                Observation o = sorted.get(next++);
                holds.put(o.node(), o.holds());
            }
            Set<String> holders = new TreeSet<>();
            Set<String> stale = new TreeSet<>();
            holds.forEach((node, held) -> {
                if (held) {
                    holders.add(node);
                    if (notRunning.getOrDefault(node, List.of()).stream().anyMatch(s -> s.covers(t))) {
                        stale.add(node);
                    }
                }
            });
            Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.holders().equals(holders) && last.stale().equals(stale)) {
                segments.set(segments.size() - 1, new Segment(last.from(), end, holders, stale));
            } else if (end > t || segments.isEmpty()) {
                segments.add(new Segment(t, end, holders, stale));
            }
        }
        return new HoldingTimeline(from, to, segments);
    }

    List<Segment> segments() {
        return segments;
    }

    /** Consecutive segments that satisfy {@code which}, merged. */
    List<Interval> intervals(Predicate<Segment> which) {
        List<Interval> out = new ArrayList<>();
        Long start = null;
        Set<String> nodes = new TreeSet<>();
        long lastEnd = from;
        for (Segment s : segments) {
            if (which.test(s)) {
                if (start == null) {
                    start = s.from();
                    nodes = new TreeSet<>();
                }
                nodes.addAll(s.holders());
            } else if (start != null) {
                out.add(new Interval(start, s.from(), nodes));
                start = null;
            }
            lastEnd = s.to();
        }
        if (start != null) {
            out.add(new Interval(start, lastEnd, nodes));
        }
        return out;
    }

    /** Two or more nodes had the address, whatever their daemons were doing. */
    List<Interval> twoHolders() {
        return intervals(s -> s.holders().size() >= 2);
    }

    /** Two or more nodes whose daemons were running had the address: what the protocol must prevent. */
    List<Interval> twoRunningHolders() {
        return intervals(s -> s.running().size() >= 2);
    }

    /** Two or more holders, but some of them stale (paused or dead daemon): counted apart. */
    List<Interval> twoHoldersWithAStaleOne() {
        return intervals(s -> s.holders().size() >= 2 && s.running().size() < 2);
    }

    /** Nobody had the address. */
    List<Interval> noHolder() {
        return intervals(s -> s.holders().isEmpty());
    }

    /** The holders when the window ends. */
    Set<String> holdersAtEnd() {
        return segments.isEmpty() ? Set.of() : segments.get(segments.size() - 1).holders();
    }

    /** The holders whose daemons run when the window ends. */
    Set<String> runningHoldersAtEnd() {
        return segments.isEmpty() ? Set.of() : segments.get(segments.size() - 1).running();
    }

    /** The holders whose daemons do not run (paused, killed) when the window ends. */
    Set<String> staleHoldersAtEnd() {
        return segments.isEmpty() ? Set.of() : segments.get(segments.size() - 1).stale();
    }

    /**
     * How often the address moved: changes of the sole holder from one single-holder stretch to
     * the next ({@code {a} → {a,b} → {b}} is one move, {@code {a} → {} → {a}} none).
     */
    int moves() {
        int moves = 0;
        String sole = null;
        for (Segment s : segments) {
            if (s.holders().size() == 1) {
                String now = s.holders().iterator().next();
                if (sole != null && !sole.equals(now)) {
                    moves++;
                }
                sole = now;
            }
        }
        return moves;
    }

    /** The start of the first stretch in which {@code node} alone held the address, or -1. */
    long firstSoleHolding(String node) {
        return segments.stream().filter(s -> s.holders().equals(Set.of(node))).mapToLong(Segment::from).findFirst().orElse(-1);
    }

    static long totalMillis(List<Interval> intervals) {
        return intervals.stream().mapToLong(Interval::millis).sum();
    }

    long from() {
        return from;
    }

    long to() {
        return to;
    }
}
