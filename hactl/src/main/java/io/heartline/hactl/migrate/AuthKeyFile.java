package io.heartline.hactl.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The auth key file the imported config names. keepalived's {@code auth_pass} (at most 8
 * characters) and heartbeat's sha1/md5/crc keys cannot sign heartline's beacons (HMAC-SHA256 with a
 * key of at least 16 characters), so the key is heartline's own: an existing file, or a new one
 * made here, readable by its owner only, to be copied to every node.
 */
final class AuthKeyFile {
    private AuthKeyFile() {
    }

    /**
     * The key file to name: {@code given} (made when it does not exist), or {@code usual} when it
     * exists and nothing is given.
     *
     * @param oldKey what the source used, for the report (e.g. "keepalived.conf:14 auth_pass")
     */
    static Path prepare(Path given, Path usual, String oldKey, ImportReport report) throws ImportRefused {
        if (given == null) {
            if (Files.exists(usual)) {
                report.note("auth-key-file = " + usual + ": the key already there (" + oldKey + " cannot sign heartline's beacons)");
                return usual;
            }
            throw ImportRefused.usage("pass --auth-key-file PATH: where heartline's key is, or is to be made if the file does not"
                    + " exist (" + usual + " does not exist; " + oldKey + " cannot sign heartline's beacons)");
        }
        if (Files.exists(given)) {
            report.note("auth-key-file = " + given + ": the existing key (" + oldKey + " cannot sign heartline's beacons)");
            return given;
        }
        Path parent = given.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw ImportRefused.usage("--auth-key-file " + given + ": its directory does not exist");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(given, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(given, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException e) {
            throw ImportRefused.usage("--auth-key-file " + given + ": cannot make it (" + e.getMessage() + ")");
        }
        report.note("made a new auth key in " + given + " (mode 0600; " + oldKey + " cannot sign heartline's beacons):"
                + " copy this same file to every node, e.g. scp -p " + given + " OTHER-NODE:" + given);
        return given;
    }
}
