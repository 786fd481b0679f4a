package io.heartline.hactl;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the daemon's control socket is: {@code --socket}, else {@code $HEARTLINE_SOCKET}, else the
 * {@code control-socket} of the config file ({@code --config}, default /etc/heartline/heartline.conf),
 * else /run/heartline/control.sock.
 */
final class SocketOptions {
    static final Path DEFAULT_CONFIG = Path.of("/etc/heartline/heartline.conf");
    static final Path DEFAULT_SOCKET = Path.of("/run/heartline/control.sock");

    @Option(names = "--socket", paramLabel = "PATH", description = "control socket of the daemon")
    Path socket;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "config file to take the socket path from")
    Path config;

    Path resolve() {
        if (socket != null) {
            return socket;
        }
        String env = System.getenv("HEARTLINE_SOCKET");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path file = config != null ? config : DEFAULT_CONFIG;
        if (Files.isReadable(file)) {
            try {
                Config c = ConfigFactory.parseFile(file.toFile()).resolve();
                if (c.hasPath("heartline.control-socket")) {
                    return Path.of(c.getString("heartline.control-socket"));
                }
            } catch (ConfigException e) {
                // An unreadable config is reported by `hactl config check`; fall back to the default here.
            }
        }
        return DEFAULT_SOCKET;
    }
}
