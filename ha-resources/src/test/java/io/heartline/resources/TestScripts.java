package io.heartline.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes small executable scripts for agent tests. */
public final class TestScripts {
    private TestScripts() {
    }

    public static Path write(Path dir, String name, String body) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** The repository's scripts/resources directory (set by the pom; ../scripts/resources from the module). */
    public static Path shippedScripts() {
        String dir = System.getProperty("heartline.scripts.dir");
        Path p = dir != null ? Path.of(dir) : Path.of("..", "scripts", "resources");
        return p.toAbsolutePath().normalize();
    }
}
