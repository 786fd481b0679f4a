package io.heartline.hactl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code hactl standby}, {@code hactl online} and {@code hactl maintenance on|off}: take this node out
 * of service (its groups move) or stop managing resources (nothing moves), for planned work.
 */
abstract class ModeCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Mixin
    SocketOptions socket;

    /** The control request. */
    abstract Map<String, Object> request();

    @Override
    public Integer call() {
        return ControlCall.run(socket, request(), output);
    }

    @Command(name = "standby", description = {"Hand this node's groups to another node and take none until `online`.",
            "The groups go to the best other node. Waits until they are released; exit 1 when that fails."})
    static final class Standby extends ModeCommand {
        @Override
        Map<String, Object> request() {
            return Map.of("cmd", "standby");
        }
    }

    @Command(name = "online", description = "End standby: this node takes part in ownership again.")
    static final class Online extends ModeCommand {
        @Override
        Map<String, Object> request() {
            return Map.of("cmd", "online");
        }
    }

    /** {@code on} or {@code off}, as typed. */
    enum Switch { on, off }

    @Command(name = "maintenance", description = {"Turn maintenance mode on or off: leave resources alone.",
            "While on, this node makes no takeover, release, fencing or resource monitor, and leaves its resources",
            "as they are (e.g. while you upgrade them)."})
    static final class Maintenance extends ModeCommand {
        @Parameters(paramLabel = "on|off", description = "${COMPLETION-CANDIDATES}")
        Switch state;

        @Override
        Map<String, Object> request() {
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("cmd", "maintenance");
            req.put("on", state == Switch.on);
            return req;
        }
    }
}
