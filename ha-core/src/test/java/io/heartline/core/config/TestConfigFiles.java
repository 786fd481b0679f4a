package io.heartline.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A small valid config in a test directory, with an auth key the loader accepts, and {@code EXTRA} lines added. */
final class TestConfigFiles {
    static final String KEY = "0123456789abcdef0123456789abcdef";

    private TestConfigFiles() {
    }

    /** A file only its owner may read and write, as every secret file must be. */
    static Path secret(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The config text; {@code extra} goes on line 11, inside the {@code heartline} block. */
    static String text(Path dir, String extra) {
        return """
                heartline {
                  cluster = lvs
                  node = node-a
                  nodes = [ { name = node-a, address = "10.77.0.1" }, { name = node-b, address = "10.77.0.2" } ]
                  auth-key-file = "DIR/authkey"
                  media = [ { type = multicast, interface = eth0, group = "239.192.76.1", port = 7640 } ]
                  groups = [ { name = web, vips = [ { address = "10.77.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/control.sock"
                  state-dir = "DIR/state"
                  fencing = off
                EXTRA
                }
                """.replace("DIR", dir.toString()).replace("EXTRA", extra);
    }

    static HeartlineConfig load(Path dir, String extra) throws Exception {
        return ConfigLoader.load(write(dir, extra));
    }

    static List<ConfigProblem> problems(Path dir, String extra) throws IOException {
        Path f = write(dir, extra);
        return assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f)).problems();
    }

    private static Path write(Path dir, String extra) throws IOException {
        secret(dir.resolve("authkey"), KEY + "\n");
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, text(dir, extra));
        return f;
    }
}
