package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hactl config check} as a new user meets it: several mistakes in one file are reported
 * together, a syntax error on its own line with its key, a directory as a directory, an interface
 * the machine lacks as a warning, and a missing auth key with the command that makes one.
 */
class ConfigCheckTest {
    @TempDir
    Path dir;

    /** The shipped example, with its auth key file in the test directory (made or not). */
    private String shipped(boolean withKey) throws Exception {
        Path key = dir.resolve("authkey");
        if (withKey) {
            Files.writeString(key, "0123456789abcdef0123456789abcdef\n");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(Path.of("../etc/heartline.conf")).replace("/etc/heartline/authkey", key.toString());
    }

    private Cli.Run check(String text, String... more) throws Exception {
        Path conf = dir.resolve("heartline.conf");
        Files.writeString(conf, text);
        List<String> args = new java.util.ArrayList<>(List.of("config", "check", conf.toString()));
        args.addAll(List.of(more));
        return Cli.hactl(args.toArray(String[]::new));
    }

    private static List<String> problemLines(Cli.Run r) {
        return r.err().lines().filter(l -> l.contains("heartline.conf:") && !l.startsWith("warning:") && !l.endsWith("problem(s)")).toList();
    }

    @Test
    void aTypoANonNumericPriorityAndAMissingAuthKeyAreReportedTogether() throws Exception {
        Cli.Run r = check(shipped(false).replace("deadtime = 1s", "deadtme = 1s").replace("priority = 50", "priority = high"));
        assertEquals(78, r.code(), r.err());
        List<String> problems = problemLines(r);
        assertEquals(3, problems.size(), r.err());
        assertTrue(problems.get(0).contains(":13: heartline.nodes[1].priority: must be a whole number"), r.err());
        assertTrue(problems.get(1).contains(":18: heartline.timing.deadtme: unknown key"), r.err());
        assertTrue(problems.get(2).contains(": heartline.auth-key-file: "), r.err());
        assertTrue(r.err().endsWith("heartline.conf: 3 problem(s)\n"), r.err());
    }

    @Test
    void aTypoAndAMissingAuthKeyAreBothReported() throws Exception {
        Cli.Run r = check(shipped(false).replace("deadtime = 1s", "deadtme = 1s"));
        assertEquals(List.of("heartline.timing.deadtme", "heartline.auth-key-file"),
                problemLines(r).stream().map(l -> l.split(": ")[1]).toList(), r.err());
    }

    @Test
    void theShippedExampleSaysHowToMakeItsAuthKey() throws Exception {
        Cli.Run r = check(shipped(false));
        assertEquals(78, r.code());
        String command = "(umask 077 && openssl rand -hex 32 > " + dir.resolve("authkey") + ")";
        assertTrue(r.err().contains(command), r.err());
        assertTrue(Files.readString(Path.of("../etc/heartline.conf")).contains("(umask 077 && openssl rand -hex 32 > /etc/heartline/authkey)"),
                "the file says it too");
    }

    @Test
    void aSyntaxErrorNamesTheLineOfTheMistakeAndItsKey() throws Exception {
        Cli.Run r = check(shipped(true).replace("deadtime = 1s      # silence", "deadtime =        # silence"));
        assertEquals(78, r.code());
        assertTrue(r.err().contains("heartline.conf:18: heartline.timing.deadtime: no value after '='"), r.err());
        assertTrue(r.err().contains("the parser noticed it on line 19"), r.err());
    }

    @Test
    void aDirectoryIsCalledADirectory() throws Exception {
        Cli.Run r = Cli.hactl("config", "check", dir.toString());
        assertEquals(78, r.code());
        assertTrue(r.err().contains(dir + ": is a directory"), r.err());
        assertFalse(r.err().contains("no such file"), r.err());
    }

    @Test
    void anInterfaceTheMachineLacksIsAWarningAndTheCheckStillPasses() throws Exception {
        Cli.Run r = check(shipped(true).replace("interface = eth1", "interface = eth9"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("warning: "), r.err());
        assertTrue(r.err().contains("heartline.media[0].interface: no interface 'eth9' on this machine"), r.err());
        Cli.Run json = check(shipped(true).replace("interface = eth1", "interface = eth9"), "--output", "json");
        assertTrue(json.out().contains("\"warnings\""), json.out());
        assertTrue(json.out().contains("eth9"), json.out());
    }
}
