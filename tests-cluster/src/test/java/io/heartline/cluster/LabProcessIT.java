package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Ip;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What scenarios rely on when they stop, kill and freeze daemons. */
@Tag("cluster")
class LabProcessIT extends LabTest {
    private static final String LOOP = "echo ready; while :; do sleep 0.05; done";

    @Test
    void stopSendsTermAndKeepsWhatTheProcessSaysWhileStopping() throws IOException {
        Lab lab = lab(b -> b.nodes("node-a"));
        LabProcess process = lab.start("node-a", ProcessSpec.of("graceful", "sh", "-c",
                "trap 'echo got TERM; exit 0' TERM; " + LOOP));
        process.awaitLine("ready", Duration.ofSeconds(5));

        assertEquals(0, process.stop());
        assertFalse(process.isAlive());
        await().atMost(Timing.scaled(Duration.ofSeconds(2))).until(() -> process.output().contains("got TERM"));
        assertTrue(Files.readString(process.logFile()).contains("got TERM"), process.logFile().toString());
    }

    @Test
    void stopEscalatesToKillWhenTermIsIgnored() {
        Lab lab = lab(b -> b.nodes("node-a"));
        LabProcess process = lab.start("node-a", ProcessSpec.of("stubborn", "sh", "-c", "trap '' TERM; " + LOOP)
                .stopTimeout(Duration.ofMillis(300)));
        process.awaitLine("ready", Duration.ofSeconds(5));

        assertEquals(128 + 9, process.stop());
    }

    @Test
    void kill9AndPauseActOnThePidOnly() throws IOException {
        Lab lab = lab(b -> b.nodes("node-a", "node-b"));
        LabProcess a = lab.start("node-a", ProcessSpec.of("loop", "sh", "-c", LOOP));
        LabProcess b = lab.start("node-b", ProcessSpec.of("loop", "sh", "-c", LOOP));
        a.awaitLine("ready", Duration.ofSeconds(5));
        b.awaitLine("ready", Duration.ofSeconds(5));
        assertEquals(lab.ns("node-a"), netnsOf(a.pid(), lab), "ip netns exec replaced itself with the command");

        b.pause();
        await().atMost(Timing.scaled(Duration.ofSeconds(2))).until(() -> state(b.pid()) == 'T');
        b.resume();
        await().atMost(Timing.scaled(Duration.ofSeconds(2))).until(() -> state(b.pid()) != 'T');

        a.kill9();
        assertFalse(a.isAlive());
        assertEquals(128 + 9, a.exitCode().orElseThrow());
        assertTrue(b.isAlive(), "killing node-a's process touched node-b's");
    }

    private static String netnsOf(long pid, Lab lab) {
        return Ip.netnsList().stream()
                .filter(ns -> ns.startsWith(lab.prefix()))
                .filter(ns -> Shell.check("ip", "netns", "pids", ns).lines().contains(Long.toString(pid)))
                .findFirst().orElse("none");
    }

    private static char state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
