package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.state.Ownership;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the decider asks the daemon to do, in order. Each renders as one line
 * ({@link #describe()}) for scenario files and logs.
 */
public sealed interface Action {
    String describe();

    /** Write every group's term to disk. Comes before the {@link StartGroup} that depends on it. */
    record PersistOwnership(SortedMap<String, Ownership> terms) implements Action {
        public PersistOwnership(Map<String, Ownership> terms) {
            this(new TreeMap<>(terms));
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("persist");
            terms.forEach((g, o) -> sb.append(' ').append(g).append('=').append(o.epoch()).append('/').append(o.owner()));
            return sb.toString();
        }
    }

    /** Claim the group: add its VIPs, gratuitous ARP, start resources. Answer with {@link Event.GroupStarted}. */
    record StartGroup(String group, long epoch) implements Action {
        @Override
        public String describe() {
            return "start " + group + " epoch=" + epoch;
        }
    }

    /** Release the group: stop resources in reverse, remove VIPs. Answer with {@link Event.GroupStopped}. */
    record StopGroup(String group, String cause) implements Action {
        @Override
        public String describe() {
            return "stop " + group;
        }
    }

    /** Fence a peer (power it off and confirm). Answer with {@link Event.FenceDone}. */
    record FencePeer(io.heartline.core.NodeId node, String reason) implements Action {
        @Override
        public String describe() {
            return "fence " + node;
        }
    }

    /**
     * Maintenance began ({@code paused}) or ended: resource monitors stop, or resume, on this node.
     * Nothing else is touched: the resources stay as they are.
     */
    record PauseMonitors(boolean paused) implements Action {
        @Override
        public String describe() {
            return paused ? "monitors paused" : "monitors resumed";
        }
    }

    /** Keep the operator's standby choice on disk, so a restarted daemon stays in standby. */
    record PersistMode(boolean standby) implements Action {
        @Override
        public String describe() {
            return "persist-mode standby=" + standby;
        }
    }

    /** Send a beacon now rather than at the next interval: peers learn of a change at once. */
    record SendBeaconNow() implements Action {
        @Override
        public String describe() {
            return "beacon";
        }
    }

    /**
     * Stage 2 of the detector: ask the silent {@code peer}'s kernel (ARP/NS on every Ethernet medium)
     * and its daemon's probe port (a UDP datagram with a nonce of the prober's own), both at once,
     * for at most {@code timeoutNanos}. Answer with one {@link Event.ProbeAnswer} quoting {@code round}.
     * Must not block the caller: the prober runs on its own thread.
     */
    record ProbePeer(io.heartline.core.NodeId peer, long round, long timeoutNanos) implements Action {
        @Override
        public String describe() {
            return "probe " + peer + " round=" + round;
        }
    }

    /**
     * The witness (ZooKeeper): make this node the holder of {@code group}'s lock with {@code epoch}
     * (create it, or update it when ours; when it is held by {@code evict}, whose daemon is known to
     * be dead, take it over). Answer with one {@link Event.WitnessAnswer}. Never on the event loop.
     */
    record AskWitness(String group, long epoch, io.heartline.core.NodeId evict) implements Action {
        @Override
        public String describe() {
            return "ask-witness " + group + " epoch=" + epoch + (evict == null ? "" : " evict=" + evict);
        }
    }

    /** The witness: give up {@code group}'s lock if this node holds it (the group was released). */
    record LeaveWitness(String group) implements Action {
        @Override
        public String describe() {
            return "leave-witness " + group;
        }
    }

    /** Announce the group's VIPs again (both ARP forms), so that clients stay on this node. */
    record Reannounce(String group) implements Action {
        @Override
        public String describe() {
            return "reannounce " + group;
        }
    }

    /** A journal entry (and log line): {@code kind}: one of {@link RecordKind}. */
    record Record(RecordKind kind, String group, String cause, Map<String, Object> fields) implements Action {
        public Record {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("record ").append(kind);
            if (group != null) {
                sb.append(' ').append(group);
            }
            fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }
    }

    /** The answer to a control command. */
    record Reply(long requestId, boolean ok, String message) implements Action {
        @Override
        public String describe() {
            return "reply " + requestId + (ok ? " ok " : " error ") + message;
        }
    }

    /** Every group is released after a {@link Event.Shutdown}: the daemon may exit. */
    record ShutdownComplete() implements Action {
        @Override
        public String describe() {
            return "shutdown-complete";
        }
    }
}
