package io.heartline.hactl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hactl fence NODE} and {@code hactl fence-ack NODE}: one node, one control request. */
abstract class FenceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NODE")
    String node;

    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    /** The control command sent with the node. */
    abstract String cmd();

    @Override
    public Integer call() {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("cmd", cmd());
        req.put("node", node);
        return ControlCall.run(socket, req, output);
    }

    @Command(name = "fence", description = {"Fence (power off) a node now with its configured fence device.",
            "Exit 0 when the device confirms it is off."})
    static final class Fence extends FenceCommand {
        @Override
        String cmd() {
            return "fence";
        }
    }

    @Command(name = "fence-ack", description = {"Confirm that NODE, waiting for manual fencing, is really off.",
            "Only then may its groups be taken over. Do not acknowledge a node you have not switched off."})
    static final class Ack extends FenceCommand {
        @Override
        String cmd() {
            return "fence-ack";
        }
    }
}
