package io.heartline.daemon;

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
final class ControlHandler {
    private static final long QUERY_TIMEOUT_MS = 5_000;
    private final EventLoop loop;
    private final ActionRunner actions;
    private final StatusBuilder status;
    private final Clock clock;
    private final long commandTimeoutMs;
    private final AtomicLong ids = new AtomicLong();
    private final Alerts alerts;
    private final Fencer fencer;
    private final GroupRunner groups;

    ControlHandler(EventLoop loop, ActionRunner actions, StatusBuilder status, Clock clock, long commandTimeoutMs,
                   Alerts alerts, Fencer fencer, GroupRunner groups) {
        this.groups = groups;
        this.alerts = alerts;
        this.fencer = fencer;
        this.loop = loop;
        this.actions = actions;
        this.status = status;
        this.clock = clock;
        this.commandTimeoutMs = commandTimeoutMs;
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
            default -> ControlServer.error("unknown cmd '" + c + "' (one of: " + COMMANDS + ")");
        };
    }

    static final String COMMANDS = "status, failover, notify-test, fence, fence-ack, resource-cleanup";

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
        String cleaned = "";
        if (resource != null) {
            try {
                io.heartline.resources.ResourceStatus r = groups.cleanup(group, (String) resource)
                        .get(commandTimeoutMs, TimeUnit.MILLISECONDS);
                cleaned = "resource " + resource + ": " + r.state() + ", fail count " + r.failCount() + "; ";
            } catch (TimeoutException e) {
                return ControlServer.error("cleanup of " + group + "/" + resource + " did not finish in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ControlServer.error("interrupted");
            } catch (ExecutionException e) {
                return ControlServer.error("cleanup of " + group + "/" + resource + " failed: " + e.getCause().getMessage());
            }
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Action.Reply> reply = actions.expectReply(id);
        loop.post(at -> new Event.Cleanup(at, id, group));
        try {
            Action.Reply r = reply.get(QUERY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", r.ok());
            m.put(r.ok() ? "message" : "error", cleaned + r.message());
            return m;
        } catch (TimeoutException | ExecutionException e) {
            return ControlServer.error("the event loop did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlServer.error("interrupted");
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
            io.heartline.stonith.FenceResult r = fencer.fenceNow(node).get(commandTimeoutMs, TimeUnit.MILLISECONDS);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", r.isOk());
            m.put(r.isOk() ? "message" : "error", "fence " + node + ": " + r.outcome() + " (" + r.power() + "): "
                    + r.detail() + " in " + r.took().toMillis() + " ms");
            return m;
        } catch (TimeoutException e) {
            return ControlServer.error("fencing " + node + " did not finish within " + commandTimeoutMs / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlServer.error("interrupted");
        } catch (ExecutionException e) {
            return ControlServer.error("fencing " + node + " failed: " + e.getCause());
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("message", "acknowledged: " + node + " is off");
        return m;
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
                io.heartline.notify.DeliveryOutcome o = alerts.test(name).get(commandTimeoutMs, TimeUnit.MILLISECONDS);
                outcomes.put(name, o.name());
                all &= o == io.heartline.notify.DeliveryOutcome.DELIVERED;
            } catch (TimeoutException e) {
                outcomes.put(name, "no outcome within " + commandTimeoutMs / 1000 + " s (still retrying)");
                all = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ControlServer.error("interrupted");
            } catch (ExecutionException e) {
                outcomes.put(name, "failed: " + e.getCause());
                all = false;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", all);
        m.put(all ? "message" : "error", "test alert: " + outcomes);
        m.put("outcomes", outcomes);
        return m;
    }

    private Map<String, Object> status() {
        CompletableFuture<Map<String, Object>> f = loop.query(s -> status.build(s, clock.monotonicNanos(),
                clock.wallTime().toString()));
        try {
            return ok(f.get(QUERY_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return ControlServer.error("the event loop did not answer within " + QUERY_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlServer.error("interrupted");
        } catch (ExecutionException e) {
            return ControlServer.error("status failed: " + e.getCause());
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
        long id = ids.incrementAndGet();
        CompletableFuture<Action.Reply> reply = actions.expectReply(id);
        NodeId target = to == null ? null : new NodeId((String) to);
        loop.post(at -> new Event.Failover(at, id, (String) group, target));
        try {
            Action.Reply r = reply.get(commandTimeoutMs, TimeUnit.MILLISECONDS);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", r.ok());
            m.put(r.ok() ? "message" : "error", r.message());
            return m;
        } catch (TimeoutException e) {
            return ControlServer.error("no answer from the daemon within " + commandTimeoutMs / 1000 + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlServer.error("interrupted");
        } catch (ExecutionException e) {
            return ControlServer.error("failover failed: " + e.getCause());
        }
    }

    private static Map<String, Object> ok(Map<String, Object> result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("result", result);
        return m;
    }
}
