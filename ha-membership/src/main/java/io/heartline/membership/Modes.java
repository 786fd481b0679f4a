package io.heartline.membership;

import io.heartline.core.journal.RecordKind;
import io.heartline.core.GroupState;

/**
 * The operator's modes of a node. Standby ({@code hactl standby}): hand every group to the best
 * other node and refuse groups (OFFLINE) until {@code hactl online}. Maintenance ({@code hactl
 * maintenance on}): take, release and fence nothing and run no monitors, so resources can be
 * worked on by hand; peers keep hearing this node, so they do not take over either.
 */
final class Modes {
    private Modes() {
    }

    static void standby(Step s, DeciderSettings cfg, Event.Standby e) {
        String word = e.on() ? "standby" : "online";
        if (s.shuttingDown) {
            s.reply(e.requestId(), false, "this node is shutting down");
            return;
        }
        if (s.maintenance) {
            s.reply(e.requestId(), false, "this node is in maintenance: turn it off first (hactl maintenance off)");
            return;
        }
        if (s.standby == e.on()) {
            s.reply(e.requestId(), true, "already " + word);
            return;
        }
        s.standby = e.on();
        s.act(new Action.PersistMode(e.on()));
        if (!e.on()) {
            s.refreshView(); // FRESH_VIEW: a candidate again, it hears every live peer anew before it claims
            s.record(RecordKind.ONLINE, null, "hactl online: this node may take groups again");
            s.reply(e.requestId(), true, "online: this node may take groups again");
            return;
        }
        StringBuilder moved = new StringBuilder();
        for (GroupView g : s.groups.values().stream().toList()) {
            if (g.state() == GroupState.ACTIVE || g.state() == GroupState.STARTING) {
                String target = Candidates.bestOther(s, cfg, g.name(), s.me()).orElse("");
                OwnershipRules.release(s, g.name(), new Release(target, "hactl standby", true, false)); // STANDBY_HANDOFF
                moved.append(moved.length() == 0 ? "" : ", ").append(g.name())
                        .append(target.isEmpty() ? " (no other node can take it: it stops)" : " to " + target);
            }
        }
        s.record(RecordKind.STANDBY, null, "hactl standby: this node gives up its groups and refuses them"
                + (moved.length() == 0 ? "" : "; handing over " + moved));
        s.reply(e.requestId(), true, "standby: " + (moved.length() == 0 ? "this node held no group" : "handing over " + moved));
    }

    static void maintenance(Step s, Event.Maintenance e) {
        if (s.shuttingDown) {
            s.reply(e.requestId(), false, "this node is shutting down");
            return;
        }
        if (s.maintenance == e.on()) {
            s.reply(e.requestId(), true, "maintenance is already " + (e.on() ? "on" : "off"));
            return;
        }
        s.maintenance = e.on();
        s.act(new Action.PauseMonitors(e.on()));
        if (e.on()) {
            s.record(RecordKind.MAINTENANCE_ON, null, "hactl maintenance on: no takeovers, releases, fencing or monitors here; "
                    + "resources are left as they are");
            s.reply(e.requestId(), true, "maintenance on: this node manages nothing until 'hactl maintenance off'");
        } else {
            s.record(RecordKind.MAINTENANCE_OFF, null, "hactl maintenance off: monitors resume, the rules apply again");
            s.reply(e.requestId(), true, "maintenance off: monitors resume");
        }
    }

    /**
     * Groups follow the node's mode: STANDBY becomes OFFLINE in standby (or while the group's VIP
     * interface is down here, {@link InterfaceTracking}), and OFFLINE STANDBY when neither holds.
     */
    static void settle(Step s) { // STANDBY_MODE
        for (GroupView g : s.groups.values().stream().toList()) {
            String linkDown = s.groupLinksDown.get(g.name());
            if ((s.standby || linkDown != null) && g.state() == GroupState.STANDBY) {
                s.transition(g.name(), GroupInput.OFFLINE, s.standby ? "this node is in standby (hactl standby)"
                        : "its VIP cannot be served here: " + linkDown);
            } else if (!s.standby && linkDown == null && g.state() == GroupState.OFFLINE) {
                s.transition(g.name(), GroupInput.ONLINE, "this node is online (hactl online)");
            }
        }
    }
}
