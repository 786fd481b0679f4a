package io.heartline.hactl;

import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.VipConfig;
import io.heartline.core.state.Ownership;
import io.heartline.core.state.VipListStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which VIPs {@code hactl cleanup-vips} removes once the daemon is gone: a pure decision, from
 * whether a daemon still answers, whether the node was in maintenance and the configured groups.
 *
 * <pre>
 * daemon still answers on the control socket ──▶ nothing (it manages its VIPs; a second run of the command is harmless)
 * maintenance marker left by the daemon      ──▶ nothing (maintenance: leave everything as it is, also at shutdown)
 * otherwise                                  ──▶ every VIP of every group, owned here on disk or not
 * </pre>
 *
 * Why every VIP, and not only those the on-disk terms give to other nodes: after kill -9 or an
 * OOM kill, {@code ownership.json} still names this node the owner of the groups it ran, yet with
 * its daemon gone nobody runs them here, nobody answers beacons for them, and a peer claims them at
 * {@code deadtime}. Keeping the address would only make two nodes answer ARP for it. The
 * restarted daemon removes every configured VIP at start anyway (a starting node owns nothing);
 * this removes them milliseconds after the death instead of after the restart. The on-disk owner
 * is reported, not obeyed.
 */
final class StaleVips {
    private StaleVips() {
    }

    /** One VIP to remove, with its group and whether the on-disk term names this node its owner. */
    record Target(String group, VipConfig vip, boolean ownedHereOnDisk) {
        Target {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(vip, "vip");
        }
    }

    /** What to do: remove {@code targets}, or (empty) leave everything, for {@code reason}. */
    record Plan(List<Target> targets, String reason) {
        Plan {
            targets = List.copyOf(targets);
        }

        boolean leavesEverything() {
            return targets.isEmpty();
        }
    }

    /**
     * @param node           this node's name
     * @param daemonAnswers  whether a daemon answers on the control socket
     * @param maintenance    whether the daemon left its maintenance marker (it died or stopped in maintenance)
     * @param groups         the configured groups, in order
     * @param terms          the on-disk terms (may be empty: unknown or unreadable); for the report only
     */
    static Plan decide(String node, boolean daemonAnswers, boolean maintenance, List<GroupConfig> groups,
                       Map<String, Ownership> terms) {
        return decide(node, daemonAnswers, maintenance, groups, List.of(), terms);
    }

    /**
     * As above, with the VIPs of the daemon's own list ({@code --vip-list}: what it ran, which a config
     * edited since its last reload may no longer name) added after the configured ones. The launcher's
     * fast path removes exactly those listed, under the same two conditions.
     */
    static Plan decide(String node, boolean daemonAnswers, boolean maintenance, List<GroupConfig> groups,
                       List<VipListStore.Entry> listed, Map<String, Ownership> terms) {
        if (daemonAnswers) {
            return new Plan(List.of(), "the daemon is running (its control socket answers): it manages the VIPs");
        }
        if (maintenance) {
            return new Plan(List.of(), node + " was in maintenance when its daemon stopped: every VIP is left as it is");
        }
        List<Target> out = new ArrayList<>();
        for (GroupConfig g : groups) {
            boolean owned = terms.getOrDefault(g.name(), Ownership.NONE).ownedBy(node);
            for (VipConfig v : g.vips()) {
                out.add(new Target(g.name(), v, owned));
            }
        }
        for (VipListStore.Entry e : listed) {
            if (out.stream().noneMatch(t -> t.vip().equals(e.vip()))) {
                String group = e.group() == null ? "-" : e.group();
                out.add(new Target(group, e.vip(), terms.getOrDefault(group, Ownership.NONE).ownedBy(node)));
            }
        }
        return new Plan(out, out.isEmpty() ? "no group has a VIP" : "no daemon runs on " + node + ": nobody manages its VIPs here");
    }
}
