package io.heartline.hactl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hactl failover [GROUP] [--to NODE]}: a planned move, which the daemon carries out as a handoff. */
@Command(name = "failover", description = {
        "Move a group to another node as a clean handoff: the owner stops it, then the target starts it.",
        "Waits until the target runs the group; exit 0 when it does, 1 when the move was refused or failed."})
final class FailoverCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "the group (may be left out when there is only one)")
    String group;

    @Option(names = "--to", paramLabel = "NODE", description = "target node (default: the best other node)")
    String to;

    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    @Override
    public Integer call() {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("cmd", "failover");
        if (group != null) {
            req.put("group", group);
        }
        if (to != null) {
            req.put("to", to);
        }
        return ControlCall.run(socket, req, output);
    }
}
