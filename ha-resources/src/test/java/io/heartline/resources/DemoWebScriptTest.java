package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.process.AgentProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/resources/demo-web: the demo's web service (socat), on a free port of the test's. */
class DemoWebScriptTest {
    @TempDir
    Path dir;
    int port;
    Path pidfile;
    ShippedScript web = new ShippedScript("demo-web", Map.of());

    @BeforeEach
    void pickPort() throws IOException {
        port = freePort();
        pidfile = dir.resolve("demo-web.pid");
    }

    @AfterEach
    void stop() throws IOException {
        run("stop");
    }

    AgentProcess.Result run(String action) throws IOException {
        return web.run(Integer.toString(port), "node a", pidfile.toString(), action);
    }

    @Test
    void answersEveryRequestWithTheNodeName() throws Exception {
        var start = run("start");
        assertEquals(0, start.exitCode(), start.combined());
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("node a\n", r.body());
        }
        var status = run("status");
        assertEquals(0, status.exitCode());
        assertTrue(status.stdout().startsWith("demo-web is running (pid "), status.stdout());
    }

    @Test
    void theProbeAgentSeesItComeAndGo() throws Exception {
        ProbeAgent probe = ProbeAgent.fromParams("web", Map.of("port", Integer.toString(port),
                "url", "http://127.0.0.1:" + port + "/", "expect-body", "node a"), Clock.system());
        assertEquals(OcfStatus.ERR_GENERIC, probe.run(Operation.MONITOR, Duration.ofSeconds(3)).status());
        run("start");
        assertEquals(OcfStatus.SUCCESS, probe.run(Operation.MONITOR, Duration.ofSeconds(3)).status());
        run("stop");
        assertEquals(OcfStatus.ERR_GENERIC, probe.run(Operation.MONITOR, Duration.ofSeconds(3)).status());
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesNoPidFile() throws Exception {
        try (ServerSocket squatter = new ServerSocket(port)) {
            var start = run("start");
            assertEquals(1, start.exitCode(), start.combined());
            assertTrue(start.stderr().contains("did not listen on port " + port), start.stderr());
            assertFalse(Files.exists(pidfile));
            assertEquals(3, run("status").exitCode(), "someone else's listener is not ours");
            assertFalse(squatter.isClosed());
        }
    }

    @Test
    void aStalePidFileIsNotRunningAndDoesNotBlockStart() throws Exception {
        Files.writeString(pidfile, "999999\n");
        var status = run("status");
        assertEquals(1, status.exitCode());
        assertEquals(OcfStatus.NOT_RUNNING, ScriptAgent.statusFrom(status.exitCode(), status.stdout()));
        assertEquals(0, run("start").exitCode());
        assertEquals(0, run("status").exitCode());
    }

    @Test
    void aKilledServerIsNotRunning() throws Exception {
        run("start");
        long pid = Long.parseLong(Files.readString(pidfile).strip());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get();
        var status = run("status");
        assertTrue(status.exitCode() != 0, status.combined());
        assertEquals(OcfStatus.NOT_RUNNING, ScriptAgent.statusFrom(status.exitCode(), status.stdout()));
    }

    @Test
    void badUsage() throws Exception {
        assertEquals(2, web.run().exitCode());
        assertEquals(2, web.run("http", "start").exitCode());
        assertEquals(2, web.run("70000", "start").exitCode());
        assertEquals(2, web.run("8080", "reload").exitCode());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
