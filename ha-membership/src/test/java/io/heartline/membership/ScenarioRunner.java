package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import io.heartline.core.journal.RecordKind;
import io.heartline.core.state.Ownership;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs one scenario file against the decider in virtual time. The format, one directive a line:
 *
 * <pre>
 * nodes node-a:100 node-b:50        # name:priority; the first lines set the cluster up
 * self node-a
 * groups web
 * timing 200 1000 500 2000          # interval deadtime warntime initdead, ms
 * failback auto 3000                # default: manual
 * persisted web=3/node-b            # the term on disk at start
 * media multicast serial            # heartbeat media (default: multicast); peers beacon on each
 * start-result web fail|hold|ok [reason]   # how the daemon answers StartGroup (default ok at once)
 * stop-result web fail|hold|ok [reason]
 * fencing on 0                      # fencing with this node's fence delay in ms (default: off)
 * fence-result node-a ok|fail|hold  # how the daemon answers FencePeer (default ok at once)
 *
 * @1500 EVENT                        # advance virtual time to 1500 ms (ticks every 50 ms, peers
 *                                    # beacon every interval), then apply EVENT (optional)
 *   EVENT: peer node-b inc=1 web=3/node-b/ACTIVE [req=web:3:node-a] [heard=node-a,node-c]
 *                                    (from now on node-b beacons this; heard= lists the peers it
 *                                    holds alive, "heard=" none; without it the beacon does not say)
 *          beacon node-b inc=1 web=3/node-b/ACTIVE  (one beacon now, as it is: late, or a one-shot;
 *                                                  periodic beacons of node-b, if any, go on as before)
 *          silence node-b | started web ok|fail [reason] | stopped web ok|fail [reason]
 *          failover ID [group=G] [to=N] | shutdown | pause MS (time jumps, no ticks)
 *          cut node-b serial | mend node-b serial   (node-b's beacons stop / resume on one medium)
 *          local serial down|up [why]               (this node's own side of a medium)
 *          fenced node-a ok|fail [why]              (the fence agent's answer)
 *          resource-failed web db move|stop [why]    (a resource failed beyond its policy / would not stop)
 *          cleanup ID web                           (hactl resource cleanup)
 *          standby ID | online ID | maintenance ID on|off | shutdown | tick
 * @1500 before-tick EVENT             # EVENT at 1500 before the tick due at that instant (default: after it)
 * > start web epoch=4                # the next action since the last @ line is exactly this: the
 *                                    # '>' lines of a step list every action it produced, in order;
 *                                    # an action left unlisted fails the step
 * cause no valid beacon on any medium  # the action of the '>' line above says why with these words
 *                                    # (a record's cause, a stop's cause, a fence's reason)
 * !cause (attempt                    # ... and not with these
 * !> start                           # no action since the last @ line starts with this
 * = web ACTIVE 4/node-a              # this node's state and term for the group now
 * = peer node-b dead|alive
 * = degraded yes|no
 * </pre>
 *
 * <p>With {@code -Dheartline.scenarios.regenerate=true} the '>' lines are rewritten from what the
 * decider did (see {@link #regenerated}) for review in the diff; every other check still applies.
 */
final class ScenarioRunner {
    private static final long MS = 1_000_000L;
    private static final long TICK = 50 * MS;

    private final String name;
    private final Map<NodeId, Integer> nodes = new LinkedHashMap<>();
    private NodeId self;
    private final List<String> groups = new ArrayList<>();
    private final List<String> media = new ArrayList<>(List.of("multicast"));
    private final Map<String, Set<String>> cut = new TreeMap<>();
    private long[] timing = {200, 1000, 500, 2000};
    private boolean failbackAuto;
    private long failbackMs = 30_000;
    private final Map<String, Ownership> persisted = new TreeMap<>();
    private final Map<String, String[]> startResult = new HashMap<>();
    private final Map<String, String[]> stopResult = new HashMap<>();
    private final Map<String, String[]> fenceResult = new HashMap<>();
    private boolean fencing;
    private long fenceDelayMs;
    private boolean mediaOpening;
    /** {@code detect SUSPECT CONFIRM} (ms): the two-stage detector; null: one stage (suspect = deadtime). */
    private long[] detect;
    /** {@code tiebreak ping} / {@code tiebreak witness} / both: the tie-breaks configured. */
    private boolean pingNodes;
    private boolean witness;
    /** {@code ping-up} .. {@code ping-down}: a ping node answers at every tick. */
    private boolean pinging;
    /** Per peer: its incarnation and the number of its last beacon, as its BeaconSender counts. */
    private final Map<String, long[]> beaconSeq = new TreeMap<>();

    private Decider decider;
    private ClusterState state;
    private long now;
    private long nextTick;
    private final Map<String, Event.PeerBeacon> beaconing = new TreeMap<>();
    private final Map<String, Long> nextBeacon = new TreeMap<>();
    private final List<Action> window = new ArrayList<>();
    private int cursor;
    private int line;
    private String windowLine;
    private final boolean regenerate;
    /** Regenerating: per step, the line of its '@', its '>' lines and what the decider did. */
    private final List<Window> windows = new ArrayList<>();
    /** What the file exercised: rows of the transition table ("FROM INPUT") and journal record kinds. */
    private final Set<String> rows = new TreeSet<>();
    private final Set<RecordKind> kinds = EnumSet.noneOf(RecordKind.class);

    private record Window(int atLine, List<Integer> expectLines, List<String> expected, List<String> actual) {
    }

    ScenarioRunner(String name) {
        this(name, false);
    }

    ScenarioRunner(String name, boolean regenerate) {
        this.name = name;
        this.regenerate = regenerate;
    }

    void run(List<String> lines) {
        for (line = 1; line <= lines.size(); line++) {
            String l = lines.get(line - 1).replaceAll("\\s+#.*$", "").strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                if (l.startsWith("@")) {
                    closeWindow();
                    windowLine = l;
                    if (regenerate) {
                        windows.add(new Window(line, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                    }
                }
                directive(l);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + ":" + line + ": " + l + "\n  " + e.getMessage()
                        + "\n  actions since the last @ line:\n" + describeWindow(), e);
            }
        }
        try {
            closeWindow();
        } catch (AssertionError e) {
            throw new AssertionError(name + ": end of file\n  " + e.getMessage()
                    + "\n  actions since the last @ line:\n" + describeWindow(), e);
        }
    }

    /** A step is over: every action it produced must have been listed by its '>' lines. */
    private void closeWindow() {
        if (windowLine == null) {
            return;
        }
        if (regenerate) {
            Window w = windows.get(windows.size() - 1);
            window.forEach(a -> w.actual().add(a.describe().strip()));
            return;
        }
        if (cursor < window.size()) {
            StringBuilder sb = new StringBuilder();
            for (Action a : window.subList(cursor, window.size())) {
                sb.append("\n    > ").append(a.describe());
            }
            throw new AssertionError("the step '" + windowLine + "' did " + (window.size() - cursor)
                    + " action(s) its '>' lines do not list:" + sb);
        }
    }

    /**
     * The file with each step's '>' lines replaced by what the decider did. An old line that
     * names the start of an action (matched in order, as a prefix) becomes that action in full
     * where it stood, so comments stay next to the lines they explain; actions no line named are
     * put before the next named one (or after the step's last '>' line, or right after its '@'
     * line); old lines that match nothing are dropped.
     */
    List<String> regenerated(List<String> lines) {
        Map<Integer, List<String>> before = new HashMap<>();
        Map<Integer, String> replace = new HashMap<>();
        for (Window w : windows) {
            int next = 0;
            List<String> pendingInserts = new ArrayList<>();
            for (int k = 0; k < w.expected().size(); k++) {
                int lineNo = w.expectLines().get(k);
                int found = -1;
                for (int i = next; i < w.actual().size(); i++) {
                    if (w.actual().get(i).startsWith(w.expected().get(k))) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    replace.put(lineNo, null);
                    continue;
                }
                pendingInserts.addAll(w.actual().subList(next, found));
                before.put(lineNo, new ArrayList<>(pendingInserts));
                pendingInserts.clear();
                replace.put(lineNo, w.actual().get(found));
                next = found + 1;
            }
            pendingInserts.addAll(w.actual().subList(next, w.actual().size()));
            int anchor = w.expectLines().isEmpty() ? w.atLine() : w.expectLines().get(w.expectLines().size() - 1);
            while (anchor < lines.size() && lines.get(anchor).strip().matches("!?cause\\s.*")) {
                anchor++; // a 'cause' line stays with the '>' line above it
            }
            // after the anchor line: stored as "before" the line that follows it
            before.computeIfAbsent(-anchor, k -> new ArrayList<>()).addAll(pendingInserts);
        }
        List<String> out = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            for (String a : before.getOrDefault(n, List.of())) {
                out.add("> " + a);
            }
            if (replace.containsKey(n)) {
                if (replace.get(n) != null) {
                    out.add("> " + replace.get(n));
                }
            } else {
                out.add(lines.get(n - 1));
            }
            for (String a : before.getOrDefault(-n, List.of())) {
                out.add("> " + a);
            }
        }
        return out;
    }

    private void directive(String l) {
        String[] w = l.split("\\s+");
        switch (w[0]) {
            case "nodes" -> {
                for (int i = 1; i < w.length; i++) {
                    String[] np = w[i].split(":");
                    nodes.put(new NodeId(np[0]), Integer.parseInt(np[1]));
                }
            }
            case "self" -> self = new NodeId(w[1]);
            case "groups" -> groups.addAll(List.of(w).subList(1, w.length));
            case "media" -> {
                media.clear();
                media.addAll(List.of(w).subList(1, w.length));
            }
            case "timing" -> timing = new long[]{Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4])};
            case "failback" -> {
                failbackAuto = w[1].equals("auto");
                failbackMs = w.length > 2 ? Long.parseLong(w[2]) : 0;
            }
            case "persisted" -> {
                for (int i = 1; i < w.length; i++) {
                    String[] kv = w[i].split("=");
                    String[] eo = kv[1].split("/", -1);
                    persisted.put(kv[0], new Ownership(Long.parseLong(eo[0]), eo[1]));
                }
            }
            case "start-result" -> startResult.put(w[1], rest(w, 2));
            case "stop-result" -> stopResult.put(w[1], rest(w, 2));
            case "fence-result" -> fenceResult.put(w[1], rest(w, 2));
            case "media-opening" -> mediaOpening = true;
            case "detect" -> detect = new long[]{Long.parseLong(w[1]), Long.parseLong(w[2])};
            case "tiebreak" -> {
                for (int i = 1; i < w.length; i++) {
                    pingNodes |= w[i].equals("ping");
                    witness |= w[i].equals("witness");
                }
            }
            case "fencing" -> {
                fencing = w[1].equals("on");
                fenceDelayMs = w.length > 2 ? Long.parseLong(w[2]) : 0;
            }
            case ">" -> expectAction(l.substring(1).strip());
            case "cause" -> expectCause(l.substring(5).strip(), true);
            case "!cause" -> expectCause(l.substring(6).strip(), false);
            case "!>" -> expectNoAction(l.substring(2).strip());
            case "=" -> expectState(w);
            default -> {
                if (!w[0].startsWith("@")) {
                    throw new IllegalArgumentException("unknown directive " + w[0]);
                }
                at(Long.parseLong(w[0].substring(1)) * MS, w.length > 1 ? rest(w, 1) : null);
            }
        }
    }

    private static String[] rest(String[] w, int from) {
        return Arrays.copyOfRange(w, from, w.length);
    }

    private void ensureStarted() {
        if (decider != null) {
            return;
        }
        DeciderSettings cfg = new DeciderSettings(self, nodes, groups, media, timing[0] * MS, timing[1] * MS,
                timing[2] * MS, timing[3] * MS, failbackAuto, failbackMs * MS, timing[1] * MS / 2,
                Math.max(30_000 * MS, 20 * timing[1] * MS), fencing, fenceDelayMs * MS, 1000 * MS, 30_000 * MS,
                detect == null ? timing[1] * MS : detect[0] * MS, detect == null ? 0 : detect[1] * MS, pingNodes, witness);
        decider = new Decider(cfg);
        state = decider.initial(persisted, 0);
        if (mediaOpening) {
            state = state.mediaOpening();
        }
        nextTick = 0;
    }

    private void at(long target, String[] event) {
        ensureStarted();
        if (target < now) {
            throw new IllegalArgumentException("time goes backwards: " + target / MS + " ms is before " + now / MS + " ms");
        }
        window.clear();
        cursor = 0;
        if (event != null && event[0].equals("before-tick")) {
            advanceTo(target - 1);
            now = target;
            apply(rest(event, 1));
            return;
        }
        if (event != null && event[0].equals("pause")) {
            advanceTo(target);
            now = target + Long.parseLong(event[1]) * MS; // the node was frozen from target on: no ticks, no beacons handled
            nextTick = now;
            nextBeacon.replaceAll((k, v) -> Math.max(v, now));
            advanceTo(now);
            return;
        }
        advanceTo(target);
        if (event != null) {
            apply(event);
        }
    }

    /** Runs ticks and background beacons in time order up to and including {@code target}. */
    private void advanceTo(long target) {
        while (true) {
            long nextB = nextBeacon.values().stream().min(Long::compare).orElse(Long.MAX_VALUE);
            long next = Math.min(nextTick, nextB);
            if (next > target) {
                break;
            }
            now = next;
            if (next == nextB) {
                String peer = nextBeacon.entrySet().stream().filter(e -> e.getValue() == next).findFirst().get().getKey();
                nextBeacon.put(peer, next + timing[0] * MS);
                beaconOnEveryMedium(beaconing.get(peer));
            } else {
                nextTick += TICK;
                if (pinging) {
                    feed(new Event.PingNodes(now, now, "round"));
                }
                feed(new Event.Tick(now));
            }
        }
        now = target;
    }

    private void apply(String[] e) {
        switch (e[0]) {
            case "peer" -> {
                Event.PeerBeacon b = parseBeacon(e);
                beaconing.put(e[1], new Event.PeerBeacon(b.at(), b.medium(), b.from(), b.incarnation(), -1, b.adverts(),
                        b.requests(), b.heard()));
                nextBeacon.put(e[1], now + timing[0] * MS);
                beaconOnEveryMedium(b);
            }
            case "beacon" -> beaconOnEveryMedium(parseBeacon(e));
            case "cut" -> cut.computeIfAbsent(e[1], k -> new TreeSet<>()).add(e[2]);
            case "mend" -> cut.getOrDefault(e[1], new TreeSet<>()).remove(e[2]);
            case "resource-failed" -> feed(new Event.ResourceFailed(now, e[1], e[2], reason(e, 4), e[3].equals("stop")));
            case "cleanup" -> feed(new Event.Cleanup(now, Long.parseLong(e[1]), e[2]));
            case "fenced" -> feed(new Event.FenceDone(now, new NodeId(e[1]), e[2].equals("ok"), reason(e, 3)));
            case "local" -> feed(new Event.MediumHealth(now, e[1], e[2].equals("up"), e.length > 3 ? reason(e, 3) : e[2]));
            case "silence" -> {
                beaconing.remove(e[1]);
                nextBeacon.remove(e[1]);
            }
            case "started" -> feed(new Event.GroupStarted(now, e[1], e[2].equals("ok"), reason(e, 3)));
            case "stopped" -> feed(new Event.GroupStopped(now, e[1], e[2].equals("ok"), reason(e, 3)));
            case "failover" -> {
                String group = null;
                NodeId to = null;
                for (int i = 2; i < e.length; i++) {
                    if (e[i].startsWith("group=")) {
                        group = e[i].substring(6);
                    } else if (e[i].startsWith("to=")) {
                        to = new NodeId(e[i].substring(3));
                    }
                }
                feed(new Event.Failover(now, Long.parseLong(e[1]), group, to));
            }
            case "shutdown" -> feed(new Event.Shutdown(now));
            case "standby" -> feed(new Event.Standby(now, Long.parseLong(e[1]), true));
            case "online" -> feed(new Event.Standby(now, Long.parseLong(e[1]), false));
            case "maintenance" -> feed(new Event.Maintenance(now, Long.parseLong(e[1]), e[2].equals("on")));
            case "tick" -> feed(new Event.Tick(now));
            case "media-open" -> feed(new Event.MediaOpen(now));
            case "ping" -> feed(new Event.PingNodes(now, e[1].equals("none") ? Long.MIN_VALUE : Long.parseLong(e[1]) * MS,
                    "round"));
            case "witness" -> feed(new Event.WitnessAnswer(now, e[1], Long.parseLong(e[2]),
                    Event.Witness.valueOf(e[3].toUpperCase(java.util.Locale.ROOT)), e.length > 4 ? e[4] : "", "zk"));
            case "ping-up" -> {
                pinging = true;
                feed(new Event.PingNodes(now, now, "round"));
            }
            case "ping-down" -> pinging = false;
            case "duplicate" -> feed(new Event.DuplicateVip(now, e[1], "10.77.0.10", e[2],
                    e[3].equals("foreign") || e[3].equals("unknown") ? null : e[3], e[3].equals("foreign"), e[4].equals("before")));
            case "vip-link" -> feed(new Event.InterfaceHealth(now, e[1], e[2].equals("up"), List.of(e[3].split(",")),
                    "interface " + e[1] + (e[2].equals("up") ? " is up" : " has no carrier")));
            case "witness-lost" -> feed(new Event.WitnessLost(now, "session expired"));
            case "probe-answer" -> feed(new Event.ProbeAnswer(now, new NodeId(e[1]), Long.parseLong(e[2]) * MS,
                    Event.Kernel.valueOf(e[3].toUpperCase(java.util.Locale.ROOT)),
                    Event.Port.valueOf(e[4].toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                    e.length > 5 ? reason(e, 5) : "probe"));
            default -> throw new IllegalArgumentException("unknown event " + e[0]);
        }
    }

    private static String reason(String[] e, int from) {
        return e.length > from ? String.join(" ", rest(e, from)) : null;
    }

    /**
     * {@code peer node-b inc=1 seq=7 web=3/node-b/ACTIVE req=web:3:node-a}; without {@code seq=} the
     * beacon gets the peer's next number, as a real sender numbers them.
     */
    private Event.PeerBeacon parseBeacon(String[] e) {
        long inc = 1;
        long seq = -1;
        List<GroupAdvert> adverts = new ArrayList<>();
        List<HandoffRequest> requests = new ArrayList<>();
        Set<NodeId> heard = null;
        for (int i = 2; i < e.length; i++) {
            String[] kv = e[i].split("=", 2);
            if (kv[0].equals("heard")) {
                heard = new TreeSet<>();
                for (String n : kv[1].split(",")) {
                    if (!n.isEmpty()) {
                        heard.add(new NodeId(n));
                    }
                }
            } else if (kv[0].equals("inc")) {
                inc = Long.parseLong(kv[1]);
            } else if (kv[0].equals("seq")) {
                seq = Long.parseLong(kv[1]);
            } else if (kv[0].equals("req")) {
                String[] r = kv[1].split(":");
                requests.add(new HandoffRequest(r[0], Long.parseLong(r[1]), r[2]));
            } else {
                String[] a = kv[1].split("/", -1);
                adverts.add(new GroupAdvert(kv[0], Long.parseLong(a[0]), a[1], GroupState.valueOf(a[2])));
            }
        }
        return new Event.PeerBeacon(now, "multicast", new NodeId(e[1]), inc, seq, adverts, requests, heard);
    }

    /**
     * The peer's beacon as it arrives on each medium that is not cut for it, with one number on
     * every medium: the given one ({@code seq=}, e.g. an old beacon arriving late), or the next.
     */
    private void beaconOnEveryMedium(Event.PeerBeacon b) {
        long[] last = beaconSeq.computeIfAbsent(b.from().name(), k -> new long[]{b.incarnation(), 0});
        if (last[0] != b.incarnation()) {
            last[0] = b.incarnation();
            last[1] = 0;
        }
        long seq = b.seq() >= 0 ? b.seq() : last[1] + 1;
        last[1] = Math.max(last[1], seq);
        for (String m : media) {
            if (!cut.getOrDefault(b.from().name(), Set.of()).contains(m)) {
                feed(new Event.PeerBeacon(now, m, b.from(), b.incarnation(), seq, b.adverts(), b.requests(), b.heard()));
            }
        }
    }

    /** Applies an event and answers StartGroup / StopGroup as the scenario says, like the daemon would. */
    private void feed(Event e) {
        Decider.Result r = decider.apply(state, e);
        state = r.state();
        window.addAll(r.actions());
        for (Action a : r.actions()) {
            if (a instanceof Action.Record rec) {
                kinds.add(rec.kind());
                if (rec.kind() == RecordKind.TRANSITION) {
                    rows.add(row(rec, e));
                }
            }
        }
        for (Action a : r.actions()) {
            if (a instanceof Action.StartGroup s) {
                String[] how = startResult.get(s.group());
                if (how != null && how[0].equals("unwritten")) { // the epoch could not be written: the start never ran
                    feed(new Event.GroupStarted(now, s.group(), false, "not started: persist failed (No space left on device)", true));
                } else {
                    complete(how, ok -> new Event.GroupStarted(now, s.group(), ok, ok ? null : said(how)));
                }
            } else if (a instanceof Action.StopGroup s) {
                String[] how = stopResult.get(s.group());
                complete(how, ok -> new Event.GroupStopped(now, s.group(), ok, ok ? null : said(how)));
            } else if (a instanceof Action.FencePeer f) {
                String[] how = fenceResult.get(f.node().name());
                complete(how, ok -> new Event.FenceDone(now, f.node(), ok, ok ? "confirmed off" : said(how)));
            }
        }
    }

    /**
     * The row of the transition table a transition record went through: the input that leads from
     * its 'from' to its 'to' state; where two inputs do (RELEASING to FAULT), the event tells them
     * apart (a failed stop, or the end of the clean-up after a failed start).
     */
    static String row(Action.Record rec, Event cause) {
        GroupState from = GroupState.valueOf(String.valueOf(rec.fields().get("from")));
        GroupState to = GroupState.valueOf(String.valueOf(rec.fields().get("to")));
        List<GroupInput> inputs = Arrays.stream(GroupInput.values())
                .filter(i -> GroupTransitions.next(from, i).filter(to::equals).isPresent()).toList();
        if (inputs.size() > 1 && cause instanceof Event.GroupStopped st) {
            inputs = inputs.stream().filter(i -> (i == GroupInput.STOP_FAILED) != st.ok()).toList();
        }
        if (inputs.size() != 1) {
            throw new AssertionError("transition " + from + " -> " + to + " matches the table rows " + inputs);
        }
        return from + " " + inputs.get(0);
    }

    /** The rows of the transition table this file went through ("FROM INPUT"). */
    Set<String> rows() {
        return rows;
    }

    /** The journal record kinds the decider wrote in this file. */
    Set<RecordKind> kinds() {
        return kinds;
    }

    /** The reason a '*-result ... fail [reason]' line gives, or "injected failure". */
    private static String said(String[] how) {
        return how != null && how.length > 1 ? String.join(" ", rest(how, 1)) : "injected failure";
    }

    private void complete(String[] how, java.util.function.Function<Boolean, Event> event) {
        String mode = how == null ? "ok" : how[0];
        if (!mode.equals("hold")) {
            feed(event.apply(mode.equals("ok")));
        }
    }

    private void expectAction(String expected) {
        if (regenerate) {
            Window w = windows.get(windows.size() - 1);
            w.expectLines().add(line);
            w.expected().add(expected);
            return;
        }
        if (cursor >= window.size()) {
            throw new AssertionError("expected '" + expected + "' but the step did only " + window.size() + " action(s)");
        }
        String actual = window.get(cursor).describe().strip();
        if (!actual.equals(expected)) {
            throw new AssertionError("action " + (cursor + 1) + " of the step is '" + actual + "', expected '" + expected + "'");
        }
        cursor++;
    }

    /** The action matched by the last '>' line gives {@code words} in its cause ({@code present}), or not. */
    private void expectCause(String words, boolean present) {
        if (regenerate) {
            return;
        }
        if (cursor == 0) {
            throw new AssertionError("'cause' must follow a '>' line of the same step");
        }
        Action a = window.get(cursor - 1);
        String cause = a instanceof Action.Record r ? r.cause() : a instanceof Action.StopGroup st ? st.cause()
                : a instanceof Action.FencePeer f ? f.reason() : null;
        if (cause == null || cause.contains(words) != present) {
            throw new AssertionError("the cause of '" + a.describe() + "' is '" + cause + "', expected it " + (present ? "" : "not ")
                    + "to contain '" + words + "'");
        }
    }

    private void expectNoAction(String prefix) {
        for (Action a : window) {
            if (a.describe().startsWith(prefix)) {
                throw new AssertionError("unexpected action: " + a.describe());
            }
        }
    }

    private void expectState(String[] w) {
        ensureStarted();
        if (w[1].equals("degraded")) {
            String actual = state.degraded() ? "yes" : "no";
            if (!actual.equals(w[2])) {
                throw new AssertionError("degraded is " + actual + ", expected " + w[2]);
            }
            return;
        }
        if (w[1].equals("peer")) {
            PeerState p = state.peers().get(new NodeId(w[2]));
            String actual = !p.alive() ? "dead" : p.suspicion() == null ? "alive" : p.suspicion().slow() ? "slow" : "suspect";
            if (!actual.equals(w[3])) {
                throw new AssertionError("peer " + w[2] + " is " + actual + ", expected " + w[3]);
            }
            return;
        }
        GroupView g = state.group(w[1]);
        String actual = g.state() + " " + g.term().epoch() + "/" + g.term().owner();
        String expected = String.join(" ", rest(w, 2));
        if (!actual.equals(expected)) {
            throw new AssertionError("group " + w[1] + " is '" + actual + "', expected '" + expected + "'");
        }
    }

    private String describeWindow() {
        StringBuilder sb = new StringBuilder();
        for (Action a : window) {
            sb.append("    ").append(a.describe()).append('\n');
        }
        return sb.toString();
    }
}
