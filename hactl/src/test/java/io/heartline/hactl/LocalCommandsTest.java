package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that need no daemon: {@code config check} and {@code resources}, in text and JSON. */
class LocalCommandsTest {
    @TempDir
    Path dir;

    private String run(List<String> args, int exit) throws Exception {
        Cli.Run r = Cli.hactl(args.toArray(String[]::new));
        assertEquals(exit, r.code(), r.err());
        return Transcript.of(args, List.of(), r, dir);
    }

    /** The shipped example with two mistakes whose messages do not depend on the machine. */
    private Path badConfig() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, Files.readString(goodConfig()).replace("deadtime = 1s", "deadtime = soon")
                .replace("priority = 50", "priority = high"));
        return conf;
    }

    @Test
    void configCheckNamesAnUnknownKey() throws Exception {
        Path conf = dir.resolve("typo.conf");
        Files.writeString(conf, Files.readString(goodConfig()).replace("deadtime = 1s", "deadtme = 1s"));
        Cli.Run r = Cli.hactl("config", "check", conf.toString());
        assertEquals(78, r.code());
        assertTrue(r.err().contains("typo.conf:18: heartline.timing.deadtme: unknown key"), r.err());
    }

    /** The shipped example, pointed at a key file of our own. */
    private Path goodConfig() throws Exception {
        Path key = dir.resolve("authkey");
        Files.writeString(key, "0123456789abcdef0123456789abcdef");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String example = Files.readString(Path.of("../etc/heartline.conf")).replace("/etc/heartline/authkey", key.toString());
        Path conf = dir.resolve("heartline.conf");
        Files.writeString(conf, example);
        return conf;
    }

    @Test
    void configCheckReportsFileLineAndKeyAndExits78() throws Exception {
        String bad = badConfig().toString();
        Golden.assertMatches("commands/config-check-bad.text", run(List.of("config", "check", bad), 78));
        Golden.assertMatches("commands/config-check-bad.json", run(List.of("config", "check", bad, "--output", "json"), 78));
    }

    @Test
    void configCheckAcceptsTheShippedExampleApartFromItsKeyFile() throws Exception {
        String good = goodConfig().toString();
        Golden.assertMatches("commands/config-check.text", run(List.of("config", "check", good), 0));
        Golden.assertMatches("commands/config-check.json", run(List.of("config", "check", good, "--output", "json"), 0));
    }

    @Test
    void resourcesListsOcfLsbScriptAndTheBuiltInProbe() throws Exception {
        Path ocf = dir.resolve("ocf");
        executable(ocf.resolve("resource.d/heartbeat/Dummy"));
        executable(ocf.resolve("resource.d/heartbeat/IPaddr2"));
        executable(dir.resolve("init.d/nginx"));
        executable(dir.resolve("resource.d/lvs-director"));
        List<String> args = List.of("resources", "--ocf-root", ocf.toString(), "--init-dir", dir.resolve("init.d").toString(),
                "--resource-dir", dir.resolve("resource.d").toString());
        Golden.assertMatches("commands/resources.text", run(args, 0));
        List<String> json = new java.util.ArrayList<>(args);
        json.addAll(List.of("--output", "json"));
        Golden.assertMatches("commands/resources.json", run(json, 0));
    }

    private static void executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
