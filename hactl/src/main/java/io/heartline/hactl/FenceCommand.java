package io.heartline.hactl;

import io.heartline.core.NodeId;
import io.heartline.core.control.Request;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hactl fence NODE} and {@code hactl fence-ack NODE --yes-i-checked NODE}: one node, one control request. */
abstract class FenceCommand extends ControlCommand {
    @Parameters(paramLabel = "NODE", converter = NodeConverter.class)
    NodeId node;

    @Command(name = "fence", description = {"Fence (power off) a node now with its configured fence device.",
            "Exit 0 when the device confirms it is off. Needs root or the admin group (heartline-admin)."})
    static final class Fence extends FenceCommand {
        @Override
        Request request() {
            return new Request.Fence(node);
        }
    }

    @Command(name = "fence-ack", description = {"Confirm that NODE, waiting for manual fencing, is really off.",
            "Only then may its groups be taken over: this node starts them beside NODE, so if NODE still runs, both do.",
            "Name the node twice (--yes-i-checked NODE) to say you checked. Needs root or the admin group (heartline-admin)."})
    static final class Ack extends FenceCommand {
        @Option(names = "--yes-i-checked", paramLabel = "NODE", converter = NodeConverter.class,
                description = "NODE again: you checked that it is off (or cut off from what its groups share)")
        NodeId checked;

        @Override
        Request request() {
            try {
                return new Request.FenceAck(node, checked);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
    }
}
