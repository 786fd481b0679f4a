package io.heartline.membership;

import io.heartline.core.GroupState;
import io.heartline.core.journal.RecordKind;

/**
 * A VIP's own interface (keepalived's {@code track_interface} for the public side): when it loses
 * its carrier or is set down on a node, that node cannot serve the group's VIP. It hands the group
 * to the best other node (as {@code hactl standby} does, for this group only), and refuses it
 * (OFFLINE, so peers rank it out) until the interface is up again; the group then comes back only
 * by the failback rules. The heartbeat interfaces are {@link Isolation}'s business.
 */
final class InterfaceTracking {
    private InterfaceTracking() {
    }

    static void health(Step s, Event.InterfaceHealth h) {
        for (String group : h.groups()) {
            GroupView g = s.group(group);
            if (g == null) {
                continue;
            }
            boolean wasDown = s.groupLinksDown.containsKey(group);
            if (!h.up() && !wasDown) {
                s.groupLinksDown.put(group, h.detail());
                s.record(RecordKind.VIP_LINK_DOWN, group, h.detail() + ": this node cannot serve the group's VIP; it hands"
                        + " the group over and refuses it until the interface is up", "iface", h.iface());
            } else if (h.up() && wasDown) {
                s.groupLinksDown.remove(group);
                s.record(RecordKind.VIP_LINK_UP, group, h.detail() + ": a candidate for the group again (it comes back"
                        + " here only by the failback rules)", "iface", h.iface());
                if (g.state() == GroupState.OFFLINE && !s.standby) {
                    s.transition(group, GroupInput.ONLINE, "its VIP interface " + h.iface() + " is up again");
                }
            }
        }
    }

    /** VIP_LINK_DOWN: a group held here whose VIP interface is down goes to the best other node. */
    static void moveAway(Step s, DeciderSettings cfg) {
        if (s.shuttingDown || Isolation.cut(s, cfg)) {
            return; // cut off on every medium: Isolation stops the groups (RELEASE_ISOLATED), keeping the term
        }
        for (String group : s.groupLinksDown.keySet()) {
            GroupView g = s.group(group);
            if ((g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) && g.release() == null) {
                String target = Candidates.bestOther(s, cfg, group, s.me()).orElse("");
                OwnershipRules.release(s, group, new Release(target, s.groupLinksDown.get(group)
                        + (target.isEmpty() ? "; no other node can take the group: it stops" : "; handing it to " + target),
                        !target.isEmpty(), false));
            }
        }
    }
}
