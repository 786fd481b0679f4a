package io.heartline.hactl;

import io.heartline.core.ExitCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hactl fence NODE} and {@code hactl fence-ack NODE}. */
final class FenceCommand {
    private FenceCommand() {
    }

    static int call(SocketOptions socket, String cmd, String node) {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("cmd", cmd);
        req.put("node", node);
        try {
            Map<String, Object> answer = new ControlClient(socket.resolve()).call(req);
            boolean ok = Boolean.TRUE.equals(answer.get("ok"));
            if (ok) {
                System.out.println(answer.get("message"));
            } else {
                System.err.println("hactl: " + answer.get("error"));
            }
            return (ok ? ExitCode.OK : ExitCode.FAILED).code();
        } catch (ControlClient.Unreachable e) {
            System.err.println("hactl: " + e.getMessage());
            return e.exitCode.code();
        }
    }

    @Command(name = "fence", description = {"Fence (power off) a node now with its configured fence device.",
            "Exit 0 when the device confirms it is off."})
    static final class Fence implements Callable<Integer> {
        @Parameters(paramLabel = "NODE")
        String node;

        @Mixin
        SocketOptions socket;

        @Override
        public Integer call() {
            return FenceCommand.call(socket, "fence", node);
        }
    }

    @Command(name = "fence-ack", description = {"Confirm that NODE, waiting for manual fencing, is really off.",
            "Only then may its groups be taken over. Do not acknowledge a node you have not switched off."})
    static final class Ack implements Callable<Integer> {
        @Parameters(paramLabel = "NODE")
        String node;

        @Mixin
        SocketOptions socket;

        @Override
        public Integer call() {
            return FenceCommand.call(socket, "fence-ack", node);
        }
    }
}
