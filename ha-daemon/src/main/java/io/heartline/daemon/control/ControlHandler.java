package io.heartline.daemon.control;

import io.heartline.daemon.alerts.AlertService;
import io.heartline.daemon.fencing.FenceService;
import io.heartline.daemon.groups.GroupService;
import io.heartline.daemon.loop.ActionRunner;
import io.heartline.daemon.loop.EventLoop;
import io.heartline.daemon.reload.Reloader;
import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns control requests into events or queries on the loop, and their outcome into answers.
 * Checks every field first: a malformed request is answered with what was wrong and changes nothing.
 */
public final class ControlHandler {
    private static final long QUERY_TIMEOUT_MS = 5_000;
    private final EventLoop loop;
    private final ActionRunner actions;
    private final StatusBuilder status;
    private final Clock clock;
    private final long commandTimeoutMs;
    private final AtomicLong ids = new AtomicLong();
    private final AlertService alerts;
    private final FenceService fencer;
    private final GroupService groups;
    private OperatorCommands operator;

    public ControlHandler(EventLoop loop, ActionRunner actions, StatusBuilder status, Clock clock, long commandTimeoutMs,
                   AlertService alerts, FenceService fencer, GroupService groups) {
        this.groups = groups;
        this.alerts = alerts;
        this.fencer = fencer;
        this.loop = loop;
        this.actions = actions;
        this.status = status;
        this.clock = clock;
        this.commandTimeoutMs = commandTimeoutMs;
    }

    /** Adds standby, online, maintenance, reload, events and version. */
    public ControlHandler withOperatorCommands(io.heartline.core.journal.Journal journal, Reloader reloader,
                                        java.time.Instant started) {
        this.operator = new OperatorCommands(this, loop, journal, reloader, started, commandTimeoutMs);
        return this;
    }

    Map<String, Object> handle(Map<String, Object> request) {
        Object cmd = request.get("cmd");
        if (!(cmd instanceof String c)) {
            return ControlServer.error("missing 'cmd' (one of: " + COMMANDS + ")");
        }
        return switch (c) {
            case "status" -> status();
            case "failover" -> failover(request);
            case "notify-test" -> notifyTest(request);
            case "fence" -> fence(request);
            case "fence-ack" -> fenceAck(request);
            case "resource-cleanup" -> resourceCleanup(request);
            default -> {
                Map<String, Object> m = operator == null ? null : operator.handle(c, request);
                yield m != null ? m : ControlServer.error("unknown cmd '" + c + "' (one of: " + COMMANDS
                        + (operator == null ? "" : ", " + OperatorCommands.COMMANDS) + ")");
            }
        };
    }

    static final String COMMANDS = "status, failover, notify-test, fence, fence-ack, resource-cleanup";

    /** A wait that ended without a result; the message is the answer's error. */
    static final class Unanswered extends Exception {
        Unanswered(String message) {
            super(message);
        }
    }

    /** Waits for {@code f} at most {@code ms}; {@code what} names it in the error. */
    static <T> T await(CompletableFuture<T> f, long ms, String what) throws Unanswered {
        try {
            return f.get(ms, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Unanswered(what + " did not finish within " + ms + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted");
        } catch (ExecutionException e) {
            throw new Unanswered(what + " failed: " + e.getCause().getMessage());
        }
    }

    /** Posts the event made for a fresh request id and waits for the decider's reply to it. */
    Action.Reply ask(java.util.function.LongFunction<java.util.function.LongFunction<Event>> event, long ms,
                             String what) throws Unanswered {
        long id = ids.incrementAndGet();
        CompletableFuture<Action.Reply> reply = actions.expectReply(id);
        loop.post(event.apply(id));
        return await(reply, ms, what);
    }

    /** {@code {"ok": ok, "message"|"error": text}} */
    static Map<String, Object> answer(boolean ok, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put(ok ? "message" : "error", text);
        return m;
    }

    /**
     * {@code hactl resource cleanup GROUP[/RESOURCE]}: clear a resource's failures (probing it,
     * and starting it again if the group runs here), and clear the group's FAULT on this node.
     */
    private Map<String, Object> resourceCleanup(Map<String, Object> request) {
        if (!(request.get("group") instanceof String group) || group.isEmpty()) {
            return ControlServer.error("'group' must be a group name");
        }
        Object resource = request.get("resource");
        if (resource != null && !(resource instanceof String)) {
            return ControlServer.error("'resource' must be a resource name");
        }
        try {
            String cleaned = "";
            if (resource != null) {
                io.heartline.resources.ResourceStatus r = await(groups.cleanup(group, (String) resource), commandTimeoutMs,
                        "cleanup of " + group + "/" + resource);
                cleaned = "resource " + resource + ": " + r.state() + ", fail count " + r.failCount() + "; ";
            }
            Action.Reply r = ask(id -> at -> new Event.Cleanup(at, id, group), QUERY_TIMEOUT_MS, "the event loop");
            return answer(r.ok(), cleaned + r.message());
        } catch (Unanswered e) {
            return ControlServer.error(e.getMessage());
        }
    }

    private static NodeId nodeArg(Map<String, Object> request) {
        Object n = request.get("node");
        return n instanceof String s && NodeId.isValid(s) ? new NodeId(s) : null;
    }

    /** {@code hactl fence NODE}: power a node off now with its fence device, and say what happened. */
    private Map<String, Object> fence(Map<String, Object> request) {
        NodeId node = nodeArg(request);
        if (node == null) {
            return ControlServer.error("'node' must be a node name");
        }
        try {
            io.heartline.stonith.FenceResult r = await(fencer.fenceNow(node), commandTimeoutMs, "fencing " + node);
            return answer(r.isOk(), "fence " + node + ": " + r.outcome() + " (" + r.power() + "): " + r.detail() + " in "
                    + r.took().toMillis() + " ms");
        } catch (Unanswered e) {
            return ControlServer.error(e.getMessage());
        }
    }

    /** {@code hactl fence-ack NODE}: the operator confirms a manually fenced node is off. */
    private Map<String, Object> fenceAck(Map<String, Object> request) {
        NodeId node = nodeArg(request);
        if (node == null) {
            return ControlServer.error("'node' must be a node name");
        }
        if (!fencer.acknowledge(node)) {
            return ControlServer.error("nothing waits for a manual fence of " + node);
        }
        return answer(true, "acknowledged: " + node + " is off");
    }

    /** {@code hactl notify test [CHANNEL]}: a test alert on one channel or all, answered with each outcome. */
    private Map<String, Object> notifyTest(Map<String, Object> request) {
        Object channel = request.get("channel");
        if (channel != null && !(channel instanceof String)) {
            return ControlServer.error("'channel' must be a string");
        }
        java.util.List<String> names = channel == null ? alerts.channels() : java.util.List.of((String) channel);
        if (names.isEmpty()) {
            return ControlServer.error("no alert channels are configured (alerts.channels)");
        }
        if (channel != null && !alerts.channels().contains(channel)) {
            return ControlServer.error("no alert channel '" + channel + "' (channels: " + String.join(", ", alerts.channels()) + ")");
        }
        Map<String, Object> outcomes = new LinkedHashMap<>();
        boolean all = true;
        for (String name : names) {
            try {
                io.heartline.notify.DeliveryOutcome o = await(alerts.test(name), commandTimeoutMs, "the test alert (still retrying)");
                outcomes.put(name, o.name());
                all &= o == io.heartline.notify.DeliveryOutcome.DELIVERED;
            } catch (Unanswered e) {
                outcomes.put(name, e.getMessage());
                all = false;
            }
        }
        Map<String, Object> m = answer(all, "test alert: " + outcomes);
        m.put("outcomes", outcomes);
        return m;
    }

    private Map<String, Object> status() {
        try {
            Map<String, Object> result = await(loop.query(s -> status.build(s, clock.monotonicNanos(),
                    clock.wallTime().toString())), QUERY_TIMEOUT_MS, "the event loop");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", true);
            m.put("result", result);
            return m;
        } catch (Unanswered e) {
            return ControlServer.error(e.getMessage());
        }
    }

    private Map<String, Object> failover(Map<String, Object> request) {
        Object group = request.get("group");
        Object to = request.get("to");
        if (group != null && !(group instanceof String)) {
            return ControlServer.error("'group' must be a string");
        }
        if (to != null && !(to instanceof String && NodeId.isValid((String) to))) {
            return ControlServer.error("'to' must be a node name, got " + to);
        }
        NodeId target = to == null ? null : new NodeId((String) to);
        try {
            Action.Reply r = ask(id -> at -> new Event.Failover(at, id, (String) group, target), commandTimeoutMs, "failover");
            return answer(r.ok(), r.message());
        } catch (Unanswered e) {
            return ControlServer.error(e.getMessage());
        }
    }
}
