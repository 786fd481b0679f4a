package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The .deb as an operator gets it: {@code dpkg -i} with the dependencies scripts/install-deps
 * installed (never apt-get install -f), the files where Debian wants them, then the installed
 * {@code /usr/bin/hactl daemon} run inside a lab namespace with systemd's notification socket
 * faked by socat, stopped with SIGTERM, and {@code dpkg --purge} at the end, passed or failed.
 */
class DebPackageIT extends LabTest {
    private static final Path HACTL = Path.of("/usr/bin/hactl");
    private static final Path STATE = Path.of("/var/lib/heartline");

    @Test
    void installRunStopPurge() throws IOException {
        Path target = Path.of(System.getProperty("heartline.home", "../dist/target/heartline")).toAbsolutePath().getParent();
        try (DebPackage deb = DebPackage.find(target)) {
            deb.install();
            assertInstalledFiles();
            assertTrue(DebPackage.group().ok(), "postinst made no heartline group");
            assertTrue(DebPackage.adminGroup().ok(), "postinst made no heartline-admin group");
            Shell.Result verify = Shell.run(List.of("systemd-analyze", "verify", "--man=no",
                    "/lib/systemd/system/heartline.service"), Timing.scaled(Duration.ofSeconds(30)));
            assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());

            runInstalledDaemon();

            deb.purge();
            assertFalse(DebPackage.installedVersion().isPresent());
            for (Path p : DebPackage.FOOTPRINT) {
                assertFalse(Files.exists(p), p + " left after dpkg --purge");
            }
        }
    }

    private static void assertInstalledFiles() throws IOException {
        assertTrue(Files.isExecutable(HACTL), HACTL + " not installed");
        try (var jars = Files.list(Path.of("/usr/share/heartline/lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("ha-daemon-")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("hactl-")), names.toString());
        }
        assertTrue(Files.isRegularFile(Path.of("/lib/systemd/system/heartline.service")));
        Path conf = Path.of("/etc/heartline/heartline.conf");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        assertTrue(DebPackage.field("${Conffiles}").contains("/etc/heartline/heartline.conf"),
                "heartline.conf is not a conffile: " + DebPackage.field("${Conffiles}"));
        for (String profile : List.of("fast.conf", "default.conf")) { // the timing profiles the benchmarks measured
            Path p = Path.of("/etc/heartline/profiles", profile);
            assertTrue(Files.isRegularFile(p), p + " not installed");
            assertTrue(Files.readString(p).contains("deadtime"), p + " holds no timing");
            assertTrue(DebPackage.field("${Conffiles}").contains(p.toString()), p + " is not a conffile");
        }
        assertTrue(Files.isDirectory(STATE));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(STATE)));
        assertTrue(Files.isDirectory(Path.of("/etc/heartline/resource.d")));
        assertTrue(Files.isRegularFile(Path.of("/usr/share/bash-completion/completions/hactl")), "bash completion");
        assertTrue(Files.isRegularFile(Path.of("/usr/share/man/man1/hactl.1")), "man page hactl(1)");
        for (String script : DistArchivesTest.resourceScripts()) {
            Path installed = Path.of("/usr/share/heartline/resources", script);
            assertTrue(Files.isExecutable(installed), installed + ": the shipped resource script is not installed");
        }
        String depends = DebPackage.field("${Depends}");
        assertTrue(depends.contains("iproute2") && depends.contains("openjdk-17-jre-headless"), depends);
        Shell.Result help = Shell.run(HACTL.toString(), "daemon", "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("--config"), help.stdout());
    }

    /**
     * {@code /usr/bin/hactl daemon} in a one-node lab, state in the package's /var/lib/heartline
     * (so the purge has state to remove), NOTIFY_SOCKET bound by socat in the node's namespace.
     */
    private void runInstalledDaemon() throws IOException {
        Lab lab = lab(b -> b.nodes("node-a"));
        HeartlinePair pair = new HeartlinePair(lab).with("state-dir = \"" + STATE + "\"");
        Path notify = pair.work().resolve("notify");
        Path received = pair.work().resolve("notify.received"); // datagrams end without newlines: read the file whole
        LabProcess systemd = lab.start("node-a", ProcessSpec.of("notify-socket", "socat", "-u",
                "UNIX-RECV:" + notify, "OPEN:" + received + ",creat,append"));
        await("socat binds " + notify).atMost(Timing.scaled(Duration.ofSeconds(5))).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(notify) || !systemd.isAlive());
        assertTrue(systemd.isAlive(), systemd.output());

        LabProcess daemon = lab.start("node-a", ProcessSpec.of("heartline", HACTL.toString(), "daemon", "--config",
                        pair.config("node-a").toString())
                .env("NOTIFY_SOCKET", notify.toString()).env("WATCHDOG_USEC", "1000000")
                .stopTimeout(Duration.ofSeconds(25)));
        await("the installed daemon answers hactl status").atMost(Timing.scaled(HeartlinePair.START))
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> !daemon.isAlive() || status(pair) != null);
        assertTrue(daemon.isAlive(), "daemon exited at start:\n" + daemon.output());
        assertEquals("node-a", status(pair).get("node"));
        // READY=1 once the control socket listens; then a ping every 500 ms while the event loop answers.
        await("READY=1 and three watchdog pings").atMost(Timing.scaled(Duration.ofSeconds(5)))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> read(received).contains("READY=1") && count(read(received), "WATCHDOG=1") >= 3);
        assertTrue(Files.exists(STATE.resolve("events.jsonl")), "no journal in " + STATE);

        int exit = daemon.stop(); // SIGTERM to this pid
        assertTrue(exit == 143 || exit == 0, "exit after SIGTERM: " + exit + "\n" + daemon.output());
        await("STOPPING=1").atMost(Timing.scaled(Duration.ofSeconds(5))).pollInterval(Duration.ofMillis(50))
                .until(() -> read(received).contains("STOPPING=1"));
        String said = read(received);
        System.out.println("the installed daemon told systemd: " + said.replace("\n", "\\n"));
        assertTrue(said.indexOf("READY=1") < said.indexOf("WATCHDOG=1") && said.indexOf("WATCHDOG=1") < said.indexOf("STOPPING=1"),
                "READY, then WATCHDOG pings, then STOPPING: " + said);
        assertFalse(said.contains("STATUS=event loop"), said);
        systemd.stop();
    }

    private static Map<String, Object> status(HeartlinePair pair) {
        Shell.Result r = Shell.run(List.of(HACTL.toString(), "status", "--json", "--socket", pair.socket("node-a").toString()),
                Timing.scaled(Duration.ofSeconds(60)));
        if (r.exitCode() != 0) {
            return null;
        }
        try {
            return com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("hactl status --json printed no JSON: " + r.stdout(), e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
