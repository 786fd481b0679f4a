package io.heartline.hactl;

import io.heartline.core.control.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hactl standby}, {@code hactl online} and {@code hactl maintenance on|off}: take this node out
 * of service (its groups move) or stop managing resources (nothing moves), for planned work.
 */
abstract class ModeCommand extends ControlCommand {
    @Command(name = "standby", description = {"Hand this node's groups to another node and take none until `online`.",
            "The groups go to the best other node. Waits until they are released; exit 1 when that fails.",
            "Needs root or the admin group (heartline-admin)."})
    static final class Standby extends ModeCommand {
        @Override
        Request request() {
            return new Request.Standby();
        }
    }

    @Command(name = "online", description = {"End standby: this node takes part in ownership again.",
            "Needs root or the admin group (heartline-admin)."})
    static final class Online extends ModeCommand {
        @Override
        Request request() {
            return new Request.Online();
        }
    }

    /** {@code on} or {@code off}, as typed. */
    enum Switch { on, off }

    @Command(name = "maintenance", description = {"Turn maintenance mode on or off: leave resources alone.",
            "While on, this node makes no takeover, release, fencing or resource monitor, and leaves its resources",
            "as they are (e.g. while you upgrade them). Needs root or the admin group (heartline-admin)."})
    static final class Maintenance extends ModeCommand {
        @Parameters(paramLabel = "on|off", description = "${COMPLETION-CANDIDATES}")
        Switch state;

        @Override
        Request request() {
            return new Request.Maintenance(state == Switch.on);
        }
    }
}
