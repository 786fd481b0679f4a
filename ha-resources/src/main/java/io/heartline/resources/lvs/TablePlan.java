package io.heartline.resources.lvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The decision: for one virtual service, from its servers' health and what the table holds now,
 * the ipvsadm commands that make the table what it should be. Pure: no I/O, no time.
 *
 * <p>What it should be: a healthy server at its configured weight; a failed one at weight 0
 * ({@code quiescent}) or absent ({@code remove}); the sorry server present while no server is
 * both healthy and of weight above 0, absent otherwise. Commands go one server at a time
 * ({@code -a}, {@code -e}, {@code -d}; never a flush or a reload), and those that add capacity
 * come first: the sorry server is in before the last server goes, and a recovered server is back
 * before the sorry server leaves, so the service is never without a destination in between.
 * A server whose health is not given counts as UP.
 */
public final class TablePlan {
    private TablePlan() {
    }

    /**
     * @param health  each real server's state (missing: UP)
     * @param applied the destinations of this service in the table now, with their weights
     */
    public static List<IpvsCommand> plan(VirtualServices.VirtualService vs, Map<Endpoint, RealServerHealth.State> health,
                                         Map<Endpoint, Integer> applied) {
        List<IpvsCommand> up = new ArrayList<>();
        List<IpvsCommand> down = new ArrayList<>();
        boolean anyServing = false;
        for (VirtualServices.Checked c : vs.dests()) {
            IpvsDest d = c.dest();
            boolean healthy = health.getOrDefault(d.server(), RealServerHealth.State.UP) == RealServerHealth.State.UP;
            anyServing |= healthy && d.weight() > 0;
            Integer want = healthy ? Integer.valueOf(d.weight())
                    : vs.spec().onFailure() == VirtualServiceSpec.OnFailure.QUIESCENT ? Integer.valueOf(0) : null;
            change(d, want, applied.get(d.server()), false, up, down);
        }
        if (vs.sorry() != null) {
            Integer want = anyServing ? null : Integer.valueOf(vs.sorry().weight());
            List<IpvsCommand> sorryDown = new ArrayList<>();
            change(vs.sorry(), want, applied.get(vs.sorry().server()), true, up, sorryDown);
            down.addAll(0, sorryDown);
        }
        up.addAll(down);
        return up;
    }

    /** Adds the command that takes {@code d} from {@code have} to {@code want} (null: absent), if any. */
    private static void change(IpvsDest d, Integer want, Integer have, boolean sorry, List<IpvsCommand> up,
                               List<IpvsCommand> down) {
        if (want == null) {
            if (have != null) {
                down.add(IpvsCommand.delete(d, sorry));
            }
        } else if (have == null) {
            up.add(IpvsCommand.add(d, want, sorry));
        } else if (want > have) {
            up.add(IpvsCommand.edit(d, want, sorry));
        } else if (want < have) {
            down.add(IpvsCommand.edit(d, want, sorry));
        }
    }
}
