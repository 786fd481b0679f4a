package io.heartline.hactl;

import io.heartline.core.NodeId;
import io.heartline.core.control.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hactl failover [GROUP] [--to NODE]}: a planned move, which the daemon carries out as a handoff. */
@Command(name = "failover", description = {
        "Move a group to another node as a clean handoff: the owner stops it, then the target starts it.",
        "Waits until the target runs the group; exit 0 when it does, 1 when the move was refused or failed.",
        "Needs root or the admin group (heartline-admin)."})
final class FailoverCommand extends ControlCommand {
    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "the group (may be left out when there is only one)")
    String group;

    @Option(names = "--to", paramLabel = "NODE", converter = NodeConverter.class,
            description = "target node (default: the best other node)")
    NodeId to;

    @Override
    Request request() {
        return new Request.Failover(group, to);
    }
}
