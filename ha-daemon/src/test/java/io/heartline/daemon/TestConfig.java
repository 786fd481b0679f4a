package io.heartline.daemon;

import io.heartline.testkit.SecretFiles;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.HeartlineConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** A two-node config (node-a is this node; media lan and serial; group web) for the daemon's unit tests. */
public final class TestConfig {
    private TestConfig() {
    }

    public static HeartlineConfig load(Path dir, String extra) throws Exception {
        Path key = dir.resolve("authkey");
        SecretFiles.write(key, "0123456789abcdef0123456789abcdef\n");
        Path file = dir.resolve("heartline.conf");
        Files.writeString(file, """
                heartline {
                  cluster = lvs
                  node = node-a
                  nodes = [ { name = node-a, address = "10.77.0.1", priority = 100 }, { name = node-b, address = "10.77.0.2" } ]
                  auth-key-file = "KEY"
                  media = [
                    { type = multicast, name = lan, interface = eth0, group = "239.192.76.1", port = 7640 }
                    { type = serial, name = serial, device = "/dev/ttyS0" }
                  ]
                  groups = [ { name = web, vips = [ { address = "10.77.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/control.sock"
                  state-dir = "DIR/state"
                  fencing = off
                  EXTRA
                }
                """.replace("KEY", key.toString()).replace("DIR", dir.toString()).replace("EXTRA", extra));
        return ConfigLoader.load(file);
    }
}
