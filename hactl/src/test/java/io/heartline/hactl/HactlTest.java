package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HactlTest {
    @TempDir
    Path dir;

    static String resource(String name) throws Exception {
        return new String(HactlTest.class.getResourceAsStream("/golden/" + name).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void statusTextMatchesTheGoldenFile() throws Exception {
        Map<String, Object> status = JSON.std.mapFrom(resource("status.json"));
        assertEquals(resource("status.txt"), StatusText.render(status));
    }

    /** Runs hactl in-process and returns exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
    }

    static Run hactl(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Hactl.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void configCheckReportsFileLineAndKeyAndExits78() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "heartline {\n  node = a\n  timing { deadtme = 1s }\n}\n");
        Run r = hactl("config", "check", conf.toString());
        assertEquals(ExitCode.CONFIG.code(), r.code());
        assertTrue(r.err().contains("bad.conf:3: heartline.timing.deadtme: unknown key"), r.err());
        assertTrue(r.err().contains("problem(s)"), r.err());
    }

    @Test
    void configCheckAcceptsTheShippedExampleApartFromItsKeyFile() throws Exception {
        Path key = dir.resolve("authkey");
        Files.writeString(key, "0123456789abcdef0123456789abcdef");
        String example = Files.readString(Path.of("../etc/heartline.conf")).replace("/etc/heartline/authkey", key.toString());
        Path conf = dir.resolve("heartline.conf");
        Files.writeString(conf, example);
        Run r = hactl("config", "check", conf.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("OK (cluster lvs-directors, node director1, 2 nodes, 1 groups, 1 media)"), r.out());
    }

    @Test
    void noDaemonIsExit69() {
        Run r = hactl("status", "--socket", dir.resolve("none.sock").toString());
        assertEquals(ExitCode.UNAVAILABLE.code(), r.code());
        assertTrue(r.err().contains("no daemon"), r.err());
    }

    @Test
    void wrongUsageIsExit64() {
        assertEquals(ExitCode.USAGE.code(), hactl("status", "--no-such-flag").code());
        assertEquals(ExitCode.USAGE.code(), hactl().code());
    }
}
