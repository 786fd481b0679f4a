package io.heartline.core.config;

import java.time.Duration;
import java.util.Set;

/**
 * Parses {@code control { max-connections = 64, idle-timeout = 5s, max-request = 64KiB, admin-group =
 * "heartline-admin" }}; absent keys take {@link ControlConfig#DEFAULT}'s values. The socket's path
 * stays the top-level {@code control-socket}.
 */
final class ControlSection {
    private ControlSection() {
    }

    static ControlConfig parse(ConfigReader r) {
        if (!r.has("control")) {
            return ControlConfig.DEFAULT;
        }
        ConfigReader c = r.object("control");
        if (c == null) {
            return null;
        }
        ControlConfig d = ControlConfig.DEFAULT;
        c.onlyKeys(Set.of("max-connections", "idle-timeout", "max-request", "admin-group"));
        Integer connections = c.has("max-connections")
                ? c.integer("max-connections", ControlConfig.MIN_CONNECTIONS, ControlConfig.MAX_CONNECTIONS)
                : Integer.valueOf(d.maxConnections());
        Duration idle = c.has("idle-timeout") ? c.duration("idle-timeout", ControlConfig.MIN_IDLE, ControlConfig.MAX_IDLE)
                : d.idleTimeout();
        Long request = c.has("max-request")
                ? c.bytes("max-request", ControlConfig.MIN_REQUEST_BYTES, ControlConfig.MAX_REQUEST_BYTES)
                : Long.valueOf(d.maxRequestBytes());
        String group = c.has("admin-group")
                ? c.string("admin-group", ControlConfig.GROUP, "a Unix group name (letters, digits, '_', '.', '-'; at most 32)")
                : d.adminGroup();
        if (connections == null || idle == null || request == null || group == null) {
            return null;
        }
        return new ControlConfig(connections, idle, request.intValue(), group);
    }
}
