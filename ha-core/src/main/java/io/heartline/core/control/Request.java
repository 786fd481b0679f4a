package io.heartline.core.control;

import io.heartline.core.NodeId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One control request, one record per command. Each record names its command on the wire
 * ({@code "cmd"}), says who may send it ({@link Access}), reads itself from a request's fields
 * ({@code parse}, every field checked, an error naming the field) and writes itself back
 * ({@link #toMap()}, the fields in a fixed order, absent ones left out). To add a command: its constant in
 * {@link Command}, a record here, its line in {@link Requests#PARSERS}, its handler in the daemon's command table, its hactl command.
 */
public sealed interface Request {
    /** Which command this is: its name on the wire and who may send it. */
    Command kind();

    /** The command's name on the wire and in the journal: {@code failover}, {@code fence-ack}, ... */
    default String command() {
        return kind().wireName();
    }

    /** Whether the request only reads the daemon's state or changes the cluster. */
    default Access access() {
        return kind().access();
    }

    /** The request's fields after {@code cmd}, as on the wire. */
    default void fields(Map<String, Object> into) {
    }

    /** The request as it goes on the wire: {@code cmd} first, then the fields that are set. */
    default Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", command());
        fields(m);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    /** One JSON line, without the newline. */
    default String toJson() {
        return Requests.json(toMap());
    }

    /**
     * {@code hactl status}: the whole state from one snapshot. With {@code "format": "text"} the
     * answer is not JSON but the status as {@code hactl status} prints it ({@link StatusText}), then
     * the end of the stream: for a client that cannot parse JSON, such as the launcher's fast path.
     * An error is still one JSON line, which starts with '{' as no text answer does.
     */
    record Status(boolean text) implements Request {
        public Status() {
            this(false);
        }

        static Status parse(Fields f) {
            String format = f.string("format", "'format' must be \"json\" or \"text\"");
            if (format != null && !format.equals("json") && !format.equals("text")) {
                throw new Fields.Bad("'format' must be \"json\" or \"text\"");
            }
            return new Status("text".equals(format));
        }

        @Override
        public Command kind() {
            return Command.STATUS;
        }

        @Override
        public void fields(Map<String, Object> into) {
            if (text) {
                into.put("format", "text");
            }
        }
    }

    /**
     * {@code hactl events}: the journal from the cursor {@code after} (entries already seen) or from
     * {@code since}, at most {@code limit} entries.
     */
    record Events(Long after, Instant since, int limit) implements Request {
        public static final int DEFAULT_LIMIT = 1000;
        public static final int MAX_LIMIT = 10_000;

        public Events {
            if (after != null && after < 0 || limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("after " + after + ", limit " + limit);
            }
        }

        static Events parse(Fields f) {
            Long after = f.cursor("after", "'after' must be a cursor (a number >= 0 from 'next')");
            Instant since = f.instant("since", "'since' must be an ISO-8601 instant such as 2026-11-21T22:00:00Z, got ");
            Long limit = f.whole("limit", 1, MAX_LIMIT, "'limit' must be a number from 1 to " + MAX_LIMIT);
            return new Events(after, since, limit == null ? DEFAULT_LIMIT : limit.intValue());
        }

        @Override
        public Command kind() {
            return Command.EVENTS;
        }

        @Override
        public void fields(Map<String, Object> into) {
            into.put("after", after);
            into.put("since", since == null ? null : since.toString());
            into.put("limit", limit);
        }
    }

    /** {@code hactl version}: the daemon's version, node, pid and start time. */
    record Version() implements Request {
        @Override
        public Command kind() {
            return Command.VERSION;
        }
    }

    /** {@code hactl failover [GROUP] [--to NODE]}: a planned handoff; null picks the only group, the best node. */
    record Failover(String group, NodeId to) implements Request {
        static Failover parse(Fields f) {
            String group = f.string("group", "'group' must be a string");
            NodeId to = f.node("to", "'to' must be a node name, got ");
            return new Failover(group, to);
        }

        @Override
        public Command kind() {
            return Command.FAILOVER;
        }

        @Override
        public void fields(Map<String, Object> into) {
            into.put("group", group);
            into.put("to", to == null ? null : to.name());
        }
    }

    /** {@code hactl standby}: hand this node's groups over and take none until online. */
    record Standby() implements Request {
        @Override
        public Command kind() {
            return Command.STANDBY;
        }
    }

    /** {@code hactl online}: end standby. */
    record Online() implements Request {
        @Override
        public Command kind() {
            return Command.ONLINE;
        }
    }

    /** {@code hactl maintenance on|off}: leave the resources alone, or manage them again. */
    record Maintenance(boolean on) implements Request {
        static Maintenance parse(Fields f) {
            return new Maintenance(f.bool("on", "'on' must be true or false"));
        }

        @Override
        public Command kind() {
            return Command.MAINTENANCE;
        }

        @Override
        public void fields(Map<String, Object> into) {
            into.put("on", on);
        }
    }

    /** {@code hactl reload}: reread the config file and apply the difference. */
    record Reload() implements Request {
        @Override
        public Command kind() {
            return Command.RELOAD;
        }
    }

    /** {@code hactl fence NODE}: power a node off now with its fence device. */
    record Fence(NodeId node) implements Request {
        public Fence {
            java.util.Objects.requireNonNull(node, "node");
        }

        static Fence parse(Fields f) {
            return new Fence(f.requiredNode("node", "'node' must be a node name"));
        }

        @Override
        public Command kind() {
            return Command.FENCE;
        }

        @Override
        public void fields(Map<String, Object> into) {
            into.put("node", node.name());
        }
    }

    /**
     * {@code hactl fence-ack NODE --yes-i-checked NODE}: the operator confirms that a node waiting for
     * manual fencing is off. {@code confirmed} must name the node again: the acknowledgement lets this
     * node take the other's groups over beside it, so it is never sent by a slip of the keyboard.
     */
    record FenceAck(NodeId node, NodeId confirmed) implements Request {
        public FenceAck {
            java.util.Objects.requireNonNull(node, "node");
            if (!node.equals(confirmed)) {
                throw new IllegalArgumentException(unconfirmed(node, confirmed));
            }
        }

        /** A request for {@code node}, confirmed. */
        public FenceAck(NodeId node) {
            this(node, node);
        }

        static FenceAck parse(Fields f) {
            NodeId node = f.requiredNode("node", "'node' must be a node name");
            String confirmed = f.string("confirmed", "'confirmed' must be the node's name");
            if (!node.name().equals(confirmed)) {
                throw new Fields.Bad(unconfirmed(node, confirmed));
            }
            return new FenceAck(node, node);
        }

        static String unconfirmed(NodeId node, Object confirmed) {
            String why = confirmed == null ? "fence-ack " + node + " is not confirmed"
                    : "fence-ack " + node + " is confirmed for '" + Fields.shorten(confirmed) + "', not for " + node;
            return why + ": fence-ack lets this node take over " + node + "'s groups beside it, and if " + node
                    + " is still alive both run them. Check that " + node + " is off (or cut off from what the groups"
                    + " share), then run: hactl fence-ack " + node + " --yes-i-checked " + node
                    + " (the request field 'confirmed')";
        }

        @Override
        public Command kind() {
            return Command.FENCE_ACK;
        }

        @Override
        public void fields(Map<String, Object> into) {
            into.put("node", node.name());
            into.put("confirmed", confirmed.name());
        }
    }

    /** {@code hactl resource cleanup GROUP[/RESOURCE]}: clear a resource's failures and the group's FAULT here. */
    record ResourceCleanup(String group, String resource) implements Request {
        public ResourceCleanup {
            if (group == null || group.isEmpty() || resource != null && resource.isEmpty()) {
                throw new IllegalArgumentException("group '" + group + "', resource '" + resource + "'");
            }
        }

        static ResourceCleanup parse(Fields f) {
            String group = f.string("group", "'group' must be a group name");
            if (group == null || group.isEmpty()) {
                throw new Fields.Bad("'group' must be a group name");
            }
            String resource = f.string("resource", "'resource' must be a resource name");
            if (resource != null && resource.isEmpty()) {
                throw new Fields.Bad("'resource' must be a resource name");
            }
            return new ResourceCleanup(group, resource);
        }

        @Override
        public Command kind() {
            return Command.RESOURCE_CLEANUP;
        }

        @Override
        public void fields(Map<String, Object> into) {
            into.put("group", group);
            into.put("resource", resource);
        }
    }

    /** {@code hactl notify test [CHANNEL]}: a test alert on one channel, or on every one (null). */
    record NotifyTest(String channel) implements Request {
        static NotifyTest parse(Fields f) {
            return new NotifyTest(f.string("channel", "'channel' must be a string"));
        }

        @Override
        public Command kind() {
            return Command.NOTIFY_TEST;
        }

        @Override
        public void fields(Map<String, Object> into) {
            into.put("channel", channel);
        }
    }
}
