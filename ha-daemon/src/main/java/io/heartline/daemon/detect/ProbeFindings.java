package io.heartline.daemon.detect;

import io.heartline.membership.Event;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One probe round's findings, read for the decider ({@link Event.ProbeAnswer}). Kernel: ANSWERED if
 * its kernel answered on any interface, SILENT only if it was asked on at least one and every
 * interface asked stayed silent with none left out, UNKNOWN otherwise (a silence on some links while
 * others could not be asked proves nothing). Port: CLOSED only for a port unreachable, NOT_CLOSED
 * only for no error, UNKNOWN otherwise.
 *
 * @param nodes     the node check on each interface that reaches the peer (none: UNKNOWN)
 * @param daemon    the daemon check
 * @param tookNanos from the start of the round to its answer
 */
record ProbeFindings(List<NodeCheck> nodes, DaemonCheck daemon, long tookNanos) {
    ProbeFindings {
        nodes = List.copyOf(nodes);
    }

    Event.Kernel kernel() {
        if (nodes.stream().anyMatch(n -> n.state() == NodeCheck.State.ANSWERED)) {
            return Event.Kernel.ANSWERED;
        }
        if (!nodes.isEmpty() && nodes.stream().allMatch(n -> n.state() == NodeCheck.State.SILENT)) {
            return Event.Kernel.SILENT;
        }
        return Event.Kernel.UNKNOWN;
    }

    Event.Port port() {
        return daemon.port();
    }

    /** What was asked where, times in us: the journal's and the log's detail. */
    String detail() {
        String kernel = nodes.isEmpty() ? "no node check (no Ethernet interface of ours reaches it)"
                : nodes.stream().map(NodeCheck::describe).collect(Collectors.joining(", "));
        return kernel + "; " + daemon.describe() + "; answered in " + tookNanos / 1000 + " us";
    }
}
