package io.heartline.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code witness { zookeeper = "zk1:2181,zk2:2181", path = "/heartline/CLUSTER",
 * session-timeout = 2s, connect-timeout = 1s }}: optional ({@link WitnessConfig#NONE}). The
 * ensemble is ZooKeeper's connect string without a chroot (the path says where the locks go).
 */
final class WitnessSection {
    /** A host name, an IPv4 literal, or an IPv6 literal in brackets, then the port. */
    private static final Pattern SERVER = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*):(\\d{1,5})");
    /** Absolute, no empty step and none starting with '.' (so no "." or ".."). */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_][A-Za-z0-9._-]{0,127})+");

    private WitnessSection() {
    }

    static WitnessConfig parse(ConfigReader r, String cluster) {
        if (!r.has("witness")) {
            return WitnessConfig.NONE;
        }
        ConfigReader w = r.object("witness");
        if (w == null) {
            return null;
        }
        w.onlyKeys(Set.of("zookeeper", "path", "session-timeout", "connect-timeout"));
        List<String> servers = servers(w);
        String path = w.has("path") ? path(w) : cluster == null ? null : WitnessConfig.defaultPath(cluster);
        Duration session = w.has("session-timeout")
                ? w.duration("session-timeout", WitnessConfig.MIN_TIMEOUT, WitnessConfig.MAX_SESSION_TIMEOUT)
                : WitnessConfig.DEFAULT_SESSION_TIMEOUT;
        Duration connect = w.has("connect-timeout")
                ? w.duration("connect-timeout", WitnessConfig.MIN_TIMEOUT, WitnessConfig.MAX_CONNECT_TIMEOUT)
                : WitnessConfig.DEFAULT_CONNECT_TIMEOUT;
        if (session != null && connect != null && connect.compareTo(session) > 0) {
            w.problem("connect-timeout", ConfigReader.format(connect) + " is longer than session-timeout ("
                    + ConfigReader.format(session) + "): the session would expire before a connection is given up");
            connect = null;
        }
        if (servers == null || path == null || session == null || connect == null) {
            return null;
        }
        return new WitnessConfig(servers, path, session, connect);
    }

    private static List<String> servers(ConfigReader w) {
        String s = w.string("zookeeper");
        if (s == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String server : s.split(",", -1)) {
            String one = server.strip();
            java.util.regex.Matcher m = SERVER.matcher(one);
            if (one.contains("/")) {
                w.problem("zookeeper", "'" + s + "' has a chroot ('/...'): write the znode in witness.path instead");
                return null;
            }
            if (!m.matches()) {
                w.problem("zookeeper", "'" + one + "' is not HOST:PORT (e.g. zk1:2181, 10.0.0.5:2181, [2001:db8::5]:2181); "
                        + "separate servers with commas");
                return null;
            }
            int port = Integer.parseInt(m.group(5));
            if (port < 1 || port > 65535) {
                w.problem("zookeeper", "'" + one + "' has a bad port " + port + " (1..65535)");
                return null;
            }
            if (out.contains(one)) {
                w.problem("zookeeper", "'" + one + "' is listed twice");
                return null;
            }
            out.add(one);
        }
        return out;
    }

    private static String path(ConfigReader w) {
        String p = w.string("path");
        if (p == null) {
            return null;
        }
        if (!PATH.matcher(p).matches()) {
            w.problem("path", "'" + p + "' is not a znode path such as /heartline/lvs (absolute, no trailing '/', "
                    + "letters, digits, '.', '_', '-' in each step)");
            return null;
        }
        if (p.equals("/zookeeper") || p.startsWith("/zookeeper/")) {
            w.problem("path", "'" + p + "' is inside /zookeeper, ZooKeeper's own tree");
            return null;
        }
        return p;
    }
}
