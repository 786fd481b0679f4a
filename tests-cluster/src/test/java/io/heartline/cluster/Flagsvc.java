package io.heartline.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The test resource script {@code agents/flagsvc} (a service whose faults are flag files), installed where a node looks for it. */
final class Flagsvc {
    private Flagsvc() {
    }

    /** Writes {@code agents/flagsvc} to {@code script}, executable. */
    static void install(Path script) {
        try (InputStream in = Flagsvc.class.getResourceAsStream("/agents/flagsvc")) {
            Files.createDirectories(script.getParent());
            Files.write(script, in.readAllBytes());
            executable(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
