package io.heartline.resources;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.process.AgentProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/resources/rsync-sync with real rsync between two local directories, pulling every second. */
class RsyncSyncScriptTest {
    @TempDir
    Path dir;
    Path owner;
    Path standby;
    Path state;
    ShippedScript sync = new ShippedScript("rsync-sync", Map.of());

    @BeforeEach
    void setUp() throws Exception {
        owner = Files.createDirectories(dir.resolve("owner"));
        standby = dir.resolve("standby");
        state = dir.resolve("state");
        Files.writeString(owner.resolve("index.html"), "v1");
        Files.createDirectories(owner.resolve("sub"));
        Files.writeString(owner.resolve("sub/data"), "d1");
    }

    @AfterEach
    void halt() throws Exception {
        run("halt");
    }

    AgentProcess.Result run(String action) throws Exception {
        return sync.run(owner + "/", standby.toString(), "1", state.toString(), action);
    }

    @Test
    void theStandbyPullsEveryIntervalAndMirrorsDeletions() throws Exception {
        var stop = run("stop");
        assertEquals(0, stop.exitCode(), stop.combined());
        assertTrue(stop.stdout().contains("standby: pulling " + owner + "/ into " + standby + " every 1 s; never synced"),
                stop.stdout());
        assertFalse(Files.exists(standby.resolve("index.html")), "no pull at once: the new owner must take over first");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(standby.resolve("sub/data")));
        assertEquals("v1", Files.readString(standby.resolve("index.html")));

        Files.writeString(owner.resolve("index.html"), "v2");
        Files.delete(owner.resolve("sub/data"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(standby.resolve("sub/data"))
                && "v2".equals(Files.readString(standby.resolve("index.html"))));
        var status = run("status");
        assertEquals(3, status.exitCode());
        assertTrue(status.stdout().matches("rsync-sync is stopped \\(standby, puller pid \\d+, every 1 s; last successful sync .*, \\d+ s ago\\)\\n"),
                status.stdout());
        assertEquals(OcfStatus.NOT_RUNNING, ScriptAgent.statusFrom(status.exitCode(), status.stdout()));
    }

    @Test
    void takeoverStopsPullingAndReportsHowStaleTheCopyIs() throws Exception {
        run("stop");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(state.resolve("last-sync")));
        long pid = Long.parseLong(Files.readString(state.resolve("puller.pid")).strip());

        var start = run("start");
        assertEquals(0, start.exitCode(), start.combined());
        assertTrue(start.stdout().matches("rsync-sync: taking over " + standby
                + "; last successful sync \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, \\d+ s ago\\n"), start.stdout());
        assertTrue(Procs.gone(pid), "the puller is gone");
        assertFalse(Files.exists(state.resolve("puller.pid")));

        var status = run("status");
        assertEquals(0, status.exitCode());
        assertTrue(status.stdout().startsWith("rsync-sync is running (owner of " + standby), status.stdout());

        Files.writeString(owner.resolve("index.html"), "from the old owner");
        var pull = run("pull");
        assertEquals(1, pull.exitCode());
        assertTrue(pull.stderr().contains("refusing to pull: this node owns " + standby));
        assertEquals("v1", Files.readString(standby.resolve("index.html")), "the owner's copy is never overwritten");
    }

    @Test
    void takeoverWithoutAnySyncSaysSo() throws Exception {
        var start = run("start");
        assertEquals(0, start.exitCode());
        assertEquals("rsync-sync: taking over " + standby + "; never synced\n", start.stdout());
    }

    @Test
    void aManualPullOnTheStandby() throws Exception {
        var pull = run("pull");
        assertEquals(0, pull.exitCode(), pull.combined());
        assertEquals("d1", Files.readString(standby.resolve("sub/data")));
        assertTrue(Files.exists(state.resolve("last-sync")));
    }

    @Test
    void aFailedPullKeepsTheOldStamp() throws Exception {
        run("pull");
        String stamp = Files.readString(state.resolve("last-sync"));
        var bad = sync.run(dir.resolve("gone") + "/", standby.toString(), "1", state.toString(), "pull");
        assertEquals(1, bad.exitCode());
        assertEquals(stamp, Files.readString(state.resolve("last-sync")));
    }

    @Test
    void badUsage() throws Exception {
        assertEquals(2, sync.run("only-one", "start").exitCode());
        assertEquals(2, sync.run(owner + "/", standby.toString(), "often", "start").exitCode());
        assertEquals(2, sync.run(owner + "/", standby.toString(), "0", "start").exitCode());
        var o = sync.run(owner + "/", standby.toString(), "1", state.toString(), "sync");
        assertEquals(2, o.exitCode());
        assertTrue(o.stderr().startsWith("usage: rsync-sync SOURCE DEST"));
    }
}
