package io.heartline.notify;

import java.util.Set;

/** The kinds of alert the daemon sends, as used in channel filters and in the text. */
public final class AlertKinds {
    public static final String TAKEOVER = "takeover";
    public static final String RELEASE = "release";
    public static final String PEER_DEAD = "peer-dead";
    public static final String LINK_DEGRADED = "link-degraded";
    public static final String LINK_RESTORED = "link-restored";
    public static final String PARTITION = "partition";
    public static final String FENCE_OK = "fence-ok";
    public static final String FENCE_FAILED = "fence-failed";
    public static final String RESOURCE_FAILED = "resource-failed";
    public static final String GROUP_FAILED = "group-failed";
    public static final String TWO_OWNERS = "two-owners";
    /** A VIP's own interface is down on a node: its groups move away. */
    public static final String VIP_LINK_DOWN = "vip-link-down";
    /** A tie-break cannot confirm this node's side: no ping node answers, or the witness session was lost. */
    public static final String TIEBREAK_LOST = "tiebreak-lost";
    public static final String DAEMON_START = "daemon-start";
    public static final String DAEMON_STOP = "daemon-stop";
    /** The event journal cannot be written (disk full, read-only), or can again. */
    public static final String JOURNAL = "journal";
    /** Sent by {@code hactl notify test}; ignores channel filters. */
    public static final String TEST = "test";
    /** Made by the notifier itself: what a rate limit held back during one window. */
    public static final String SUMMARY = "summary";

    /** Every kind a channel filter may name. */
    public static final Set<String> KNOWN = Set.of(TAKEOVER, RELEASE, PEER_DEAD, LINK_DEGRADED, LINK_RESTORED,
            PARTITION, FENCE_OK, FENCE_FAILED, RESOURCE_FAILED, GROUP_FAILED, TWO_OWNERS, DAEMON_START,
            DAEMON_STOP, JOURNAL, TEST, SUMMARY);

    private AlertKinds() {
    }
}
