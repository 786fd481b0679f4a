package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A directory where {@code hactl import} runs as on a node: an auth key (mode 0600), a resource
 * directory with the shipped {@code lvs-director} script and stubs for other scripts, an init
 * directory with stub LSB scripts. The config check of the import (and of {@code config check})
 * then finds the agents the imported config names, as it would on a node that has them.
 */
final class ImportLab {
    final Path dir;
    final Path authKey;
    final Path resourceDir;
    final Path initDir;

    ImportLab(Path dir) throws IOException {
        this.dir = dir;
        this.authKey = dir.resolve("authkey");
        Files.writeString(authKey, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(authKey, PosixFilePermissions.fromString("rw-------"));
        this.resourceDir = Files.createDirectories(dir.resolve("resource.d"));
        this.initDir = Files.createDirectories(dir.resolve("init.d"));
        Path lvs = resourceDir.resolve("lvs-director");
        Files.copy(Path.of("../scripts/resources/lvs-director"), lvs, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(lvs, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** An executable stub named {@code name} in {@code where} (a script or init script the node would have). */
    ImportLab stub(Path where, String... names) throws IOException {
        for (String name : names) {
            Path f = where.resolve(name);
            Files.writeString(f, "#!/bin/sh\necho \"$0 $*\"\nexit 0\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return this;
    }

    /** {@code hactl import KIND SOURCE} with this lab's key and directories, and {@code more} options. */
    Cli.Run run(String kind, Path source, String... more) {
        return Cli.hactl(args(kind, source, more).toArray(String[]::new));
    }

    List<String> args(String kind, Path source, String... more) {
        List<String> args = new ArrayList<>(List.of("import", kind, source.toString(), "--auth-key-file", authKey.toString(),
                "--resource-dir", resourceDir.toString(), "--init-dir", initDir.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** {@code hactl config check FILE} on what an import wrote. */
    static Cli.Run check(Path config) {
        return Cli.hactl("config", "check", config.toString());
    }

    /** Runs one command object (for fields a test sets, such as where the usual auth key is). */
    static synchronized Cli.Run direct(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(command);
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Cli.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The directory of a Debian package's examples; failing, not skipping, when the package is missing. */
    static Path debianDocs(String pkg, String sub) {
        Path p = Path.of("/usr/share/doc", pkg, sub);
        assertTrue(Files.isDirectory(p), p + " is missing: install Debian's " + pkg + " package (scripts/install-deps does),"
                + " on a system whose dpkg does not leave out /usr/share/doc (path-exclude in /etc/dpkg/dpkg.cfg.d)");
        return p;
    }
}
