package io.heartline.hactl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hactl notify test [CHANNEL]}: proves an alert channel works before it is needed. */
@Command(name = "notify", description = "Alert channels.", subcommands = NotifyCommand.Test.class)
final class NotifyCommand {
    @Command(name = "test", description = {"Send a test alert on one channel (or every channel) and wait for the outcome.",
            "Exit 0 when it was delivered, 1 when not (the message says why)."})
    static final class Test implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "CHANNEL", description = "channel name (default: every channel)")
        String channel;

        @Mixin
        OutputOptions output;

        @Mixin
        SocketOptions socket;

        @Override
        public Integer call() {
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("cmd", "notify-test");
            if (channel != null) {
                req.put("channel", channel);
            }
            return ControlCall.run(socket, req, output);
        }
    }
}
