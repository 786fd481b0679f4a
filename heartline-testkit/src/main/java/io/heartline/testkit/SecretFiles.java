package io.heartline.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a secret (auth key, password) the way the daemon insists on: mode 0600, owned by us. */
public final class SecretFiles {
    private SecretFiles() {
    }

    public static Path write(Path file, String secret) throws IOException {
        Files.writeString(file, secret);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
