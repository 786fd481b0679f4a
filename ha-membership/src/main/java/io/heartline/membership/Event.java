package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.HandoffRequest;
import io.heartline.core.NodeId;
import java.util.List;
import java.util.Set;

/**
 * Everything the decider reacts to. Each event carries {@code at}, the monotonic time (ns) at
 * which it happened; the decider reads no clock of its own.
 */
public sealed interface Event {
    long at();

    /**
     * Timer tick: liveness checks, initdead, failback delays, command deadlines. {@code due} is when
     * the tick was meant to run ({@link Decider#nextTick}); a tick much later than that means this
     * node itself was stalled.
     */
    record Tick(long at, long due) implements Event {
        /** A tick that is on time. */
        public Tick(long at) {
            this(at, at);
        }
    }

    /**
     * A valid (authenticated, not replayed) beacon from a peer on one medium. {@code seq} is the
     * sender's beacon number within its incarnation, the same on every medium: a beacon that is
     * older than the one whose adverts we hold (reordered, or a copy from a slower medium) proves
     * the peer alive but teaches nothing about its groups. {@code heard}: the peers the sender holds
     * alive (null when it does not say: a daemon from before heard sets), for {@link Quorum}.
     */
    record PeerBeacon(long at, String medium, NodeId from, long incarnation, long seq,
                      List<GroupAdvert> adverts, List<HandoffRequest> requests, Set<NodeId> heard) implements Event {
        public PeerBeacon {
            adverts = List.copyOf(adverts);
            requests = List.copyOf(requests);
            heard = heard == null ? null : Set.copyOf(heard);
        }

        /** A beacon that does not say whom its sender hears (a daemon from before heard sets). */
        public PeerBeacon(long at, String medium, NodeId from, long incarnation, long seq,
                          List<GroupAdvert> adverts, List<HandoffRequest> requests) {
            this(at, medium, from, incarnation, seq, adverts, requests, null);
        }
    }

    /**
     * A group's resources finished starting ({@code ok}) or failed ({@code detail} says why).
     * {@code notRun}: the start was never tried because an earlier step of the same change failed
     * (writing the epoch to disk): nothing is wrong with the resources, so the group is handed on
     * or retried, not put in FAULT.
     */
    record GroupStarted(long at, String group, boolean ok, String detail, boolean notRun) implements Event {
        public GroupStarted(long at, String group, boolean ok, String detail) {
            this(at, group, ok, detail, false);
        }
    }

    /** A group's resources finished stopping, or failed to. */
    record GroupStopped(long at, String group, boolean ok, String detail) implements Event {
    }

    /**
     * {@code hactl failover}: move {@code group} (every group this node can move when null) to
     * {@code target} (the best other candidate when null). Answered by a {@link Action.Reply}.
     */
    record Failover(long at, long requestId, String group, NodeId target) implements Event {
    }

    /** The fence agent's answer: {@code ok} only when the peer is confirmed off. */
    record FenceDone(long at, NodeId node, boolean ok, String detail) implements Event {
    }

    /**
     * A resource of a running group failed beyond its on-fail policy: the group must move
     * ({@code stopFailed} false), or a resource could not be stopped and may still run
     * ({@code stopFailed} true: the group is blocked here, or this node fenced).
     */
    record ResourceFailed(long at, String group, String resource, String reason, boolean stopFailed) implements Event {
    }

    /** {@code hactl resource cleanup}: clear a group's FAULT here. Answered by a {@link Action.Reply}. */
    record Cleanup(long at, long requestId, String group) implements Event {
    }

    /**
     * {@code hactl standby} ({@code on}) or {@code hactl online}: a node in standby hands its groups
     * to the best other node and refuses groups until it is online again. Answered by a {@link Action.Reply}.
     */
    record Standby(long at, long requestId, boolean on) implements Event {
    }

    /**
     * {@code hactl maintenance on|off}: while on, this node takes, releases and fences nothing and
     * runs no monitors; resources stay as they are. Answered by a {@link Action.Reply}.
     */
    record Maintenance(long at, long requestId, boolean on) implements Event {
    }

    /** SIGTERM: release every group (handing it to a peer) and then stop. */
    record Shutdown(long at) implements Event {
    }

    /**
     * Every medium is open and can hear (a JGroups channel takes seconds to connect): initdead
     * counts from here, not from the daemon's start, so a node that was slow to open its media
     * never ends INIT, and claims, before it could have heard its peers.
     */
    record MediaOpen(long at) implements Event {
    }

    /**
     * What a {@link Action.ProbePeer} found about a silent peer, for probe {@code round}.
     * {@code kernel}: whether its kernel answered ARP/NS on any Ethernet medium; {@code port}: whether
     * its daemon's probe port drew an ICMP port unreachable that quoted the prober's nonce.
     * {@code detail}: what was asked where, for the journal. Neither answer is authenticated.
     */
    record ProbeAnswer(long at, NodeId peer, long round, Kernel kernel, Port port, String detail) implements Event {
    }

    /** The node check's answer. */
    enum Kernel {
        /** Its kernel answered on at least one medium: the node is up and reachable. */
        ANSWERED,
        /** Asked on every Ethernet medium that reaches it; no answer within the timeout. */
        SILENT,
        /** Not asked (no Ethernet medium reaches it, or the probe could not be sent). */
        UNKNOWN
    }

    /** The daemon check's answer. */
    enum Port {
        /** A port unreachable quoting our nonce: nothing listens there, the daemon is gone. */
        CLOSED,
        /** No such error within the timeout (open port, or the probe or error lost). */
        NOT_CLOSED,
        /** Not asked, or another ICMP error came back. */
        UNKNOWN
    }

    /**
     * The ping nodes' latest round: {@code lastAnswerAt} is the monotonic ns of the newest echo reply
     * from any ping node ({@link Long#MIN_VALUE} if none yet). Posted after every round.
     */
    record PingNodes(long at, long lastAnswerAt, String detail) implements Event {
    }

    /** The witness's answer to an {@link Action.AskWitness}: {@code holder} names who holds the lock. */
    record WitnessAnswer(long at, String group, long epoch, Witness verdict, String holder, String detail) implements Event {
    }

    /** The witness's verdicts. */
    enum Witness {
        /** This node holds the group's lock with that epoch: it may claim or keep the group. */
        GRANTED,
        /** Another node holds it: this one may not claim it, and must release it if it runs it. */
        DENIED,
        /** The witness could not be asked (no connection within its timeout). */
        UNREACHABLE
    }

    /**
     * This node's session with the witness expired: every lock it held is gone, and another node
     * may hold them now.
     */
    record WitnessLost(long at, String detail) implements Event {
    }

    /**
     * Another host answered for a VIP of {@code group} ({@code mac}; {@code member} when it is a
     * member's, {@code foreign} when it is certainly none's): before this node's claim
     * ({@code beforeClaim}: the look before claiming), or while it holds the VIP (the duplicate watch).
     */
    record DuplicateVip(long at, String group, String vip, String mac, String member, boolean foreign,
                        boolean beforeClaim) implements Event {
    }

    /**
     * A VIP's own interface on this node lost or regained its carrier (or was set down or up):
     * {@code groups} are the groups with a VIP on it. A group whose VIP cannot be reached here moves.
     */
    record InterfaceHealth(long at, String iface, boolean up, List<String> groups, String detail) implements Event {
        public InterfaceHealth {
            groups = List.copyOf(groups);
        }
    }

    /**
     * This node's side of a medium changed: {@code up} false when its interface lost carrier or
     * its serial device failed. A peer that dies while one of our media is down may be alive.
     */
    record MediumHealth(long at, String medium, boolean up, String detail) implements Event {
    }

}
