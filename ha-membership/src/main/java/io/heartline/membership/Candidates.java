package io.heartline.membership;

import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may own a group, best first: this node and every live peer, less those in FAULT for the
 * group and those in standby (OFFLINE), ranked by priority then name. Every node computes the same ranking from the same view,
 * so exactly one of them claims an orphaned group.
 */
final class Candidates {
    private Candidates() {
    }

    static List<String> ranked(Step s, DeciderSettings cfg, String group) {
        List<String> out = new ArrayList<>();
        GroupView mine = s.group(group);
        if (!s.shuttingDown && !s.standby && mine.state() != GroupState.FAULT && mine.state() != GroupState.OFFLINE) {
            out.add(s.me());
        }
        for (PeerState p : s.peers.values()) {
            GroupAdvert a = p.advert(group);
            if (p.alive() && (a == null || (a.state() != GroupState.FAULT && a.state() != GroupState.OFFLINE))) {
                out.add(p.id().name());
            }
        }
        out.sort((a, b) -> cfg.prefers(a, b) ? -1 : cfg.prefers(b, a) ? 1 : 0);
        return out;
    }

    /** The best candidate other than {@code exclude}, if any. */
    static Optional<String> bestOther(Step s, DeciderSettings cfg, String group, String exclude) {
        return ranked(s, cfg, group).stream().filter(n -> !n.equals(exclude)).findFirst();
    }
}
