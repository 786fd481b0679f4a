package io.heartline.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A witness on an existing ZooKeeper ensemble, asked who may hold a group when a peer falls
 * silent (a possible partition): the node holding the group's lock, an ephemeral znode under
 * {@code path}, may claim or keep it. None configured: {@link #NONE}.
 *
 * @param servers        the ensemble, {@code host:port} each (a host name is resolved by the
 *                       ZooKeeper client on its own thread, never on the daemon's start-up path)
 * @param path           the cluster's znode, e.g. {@code /heartline/lvs}; the locks are {@code path/groups/GROUP}
 * @param sessionTimeout the ZooKeeper session timeout: how long after this node's death its locks go
 *                       (the server bounds it to 2..20 of its tickTime)
 * @param connectTimeout how long a question waits for a connection before it is answered UNREACHABLE
 */
public record WitnessConfig(List<String> servers, String path, Duration sessionTimeout, Duration connectTimeout) {
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(1);
    public static final WitnessConfig NONE = new WitnessConfig(List.of(), "", DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);

    public WitnessConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (!servers.isEmpty() && !path.startsWith("/")) {
            throw new IllegalArgumentException("witness path '" + path + "' must start with /");
        }
        if (connectTimeout.compareTo(sessionTimeout) > 0) {
            throw new IllegalArgumentException("witness connect-timeout " + connectTimeout
                    + " is longer than its session-timeout " + sessionTimeout);
        }
    }

    /** The default path of a cluster's znode: {@code /heartline/CLUSTER}. */
    public static String defaultPath(String cluster) {
        return "/heartline/" + cluster;
    }

    /** Whether a witness is configured. */
    public boolean enabled() {
        return !servers.isEmpty();
    }

    /** The ZooKeeper connect string: {@code host:port,host:port}. */
    public String connectString() {
        return String.join(",", servers);
    }

    /** The znode of {@code group}'s lock. */
    public String lockPath(String group) {
        return path + "/groups/" + group;
    }
}
