package io.heartline.hactl;

import io.heartline.core.control.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hactl notify test [CHANNEL]}: proves an alert channel works before it is needed. */
@Command(name = "notify", description = "Alert channels.", subcommands = NotifyCommand.Test.class)
final class NotifyCommand {
    @Command(name = "test", description = {"Send a test alert on one channel (or every channel) and wait for the outcome.",
            "Exit 0 when it was delivered, 1 when not (the message says why). Needs root or the admin group (heartline-admin)."})
    static final class Test extends ControlCommand {
        @Parameters(arity = "0..1", paramLabel = "CHANNEL", description = "channel name (default: every channel)")
        String channel;

        @Override
        Request request() {
            return new Request.NotifyTest(channel);
        }
    }
}
