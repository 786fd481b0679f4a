package io.heartline.daemon.control;

import io.heartline.testkit.SecretFiles;
import io.heartline.daemon.alerts.AlertService;
import io.heartline.daemon.fencing.FenceService;
import io.heartline.daemon.groups.GroupService;
import io.heartline.daemon.groups.TakeoverService;
import io.heartline.daemon.loop.ActionRunner;
import io.heartline.daemon.loop.EventLoop;
import io.heartline.daemon.media.BeaconSender;
import io.heartline.daemon.media.LinkQuality;
import io.heartline.daemon.reload.Reloader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.ManualClock;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.journal.Journal;
import io.heartline.core.state.OwnershipStore;
import io.heartline.core.config.VipConfig;
import io.heartline.membership.Decider;
import io.heartline.membership.DeciderSettings;
import io.heartline.takeover.AddressManager;
import io.heartline.takeover.Takeover;
import io.heartline.core.control.StatusText;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket against bad input: every bad request gets an error naming what was wrong, and the daemon keeps serving. */
class ControlServerTest {
    @TempDir
    Path dir;
    Path socket;
    ControlServer server;
    EventLoop loop;
    ManualClock clock;
    Journal journal;
    Path groupFile;
    final List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Journal> journals = new java.util.ArrayList<>();

    Journal journal(Path file) throws java.io.IOException {
        Journal j = new Journal(file);
        journals.add(j);
        return j;
    }

    @BeforeEach
    void start() throws Exception {
        SecretFiles.write(dir.resolve("authkey"), "0123456789abcdef0123456789abcdef");
        socket = dir.resolve("run/control.sock");
        groupFile = dir.resolve("group");
        Path conf = dir.resolve("heartline.conf");
        Files.writeString(conf, """
                heartline {
                  node = node-a
                  nodes = [ { name = node-a, address = "10.0.0.1", priority = 100 }, { name = node-b, address = "10.0.0.2" } ]
                  auth-key-file = "DIR/authkey"
                  media = [ { type = multicast, interface = eth0, group = "239.1.1.1", port = 7000 } ]
                  groups = [ { name = web, vips = [ { address = "10.0.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/run/control.sock"
                  state-dir = "DIR/state"
                  fencing = off
                }
                """.replace("DIR", dir.toString()));
        HeartlineConfig config = ConfigLoader.load(conf);
        clock = new ManualClock();
        Decider decider = new Decider(DeciderSettings.from(config));
        io.heartline.daemon.loop.Inbox inbox = new io.heartline.daemon.loop.Inbox((where, cause) -> {
            throw new AssertionError("fatal: " + where, cause);
        });
        io.heartline.daemon.loop.StateView view = new io.heartline.daemon.loop.StateView(decider.initial(Map.of(), 0));
        AddressManager noAddresses = new AddressManager() {
            @Override
            public void add(VipConfig vip) {
            }

            @Override
            public boolean remove(VipConfig vip) {
                return false;
            }

            @Override
            public boolean isPresent(VipConfig vip) {
                return false;
            }
        };
        Takeover takeover = new Takeover(noAddresses, vip -> { }, config.garp(), Executors.newSingleThreadScheduledExecutor());
        TakeoverService parts = new TakeoverService(takeover, noAddresses, null, Executors.newSingleThreadScheduledExecutor());
        journal = journal(config.journalFile());
        GroupService groups = new GroupService(config, parts, inbox, journal(dir.resolve("groups.jsonl")), clock,
                new io.heartline.resources.metrics.ResourceMetrics());
        AlertService alerts = AlertService.start(config, clock, journal(dir.resolve("alerts-journal.jsonl")));
        FenceService fencer = FenceService.start(config, clock, inbox);
        BeaconSender beacons = new BeaconSender(List.of(), view, 1, 1_000_000_000L);
        ActionRunner actions = new ActionRunner("node-a", clock, new OwnershipStore(config.stateDir()),
                new io.heartline.core.state.ModeStore(config.stateDir()), journal,
                new ActionRunner.Targets() {
                    public void startGroup(String group, long epoch) { groups.start(group, epoch); }
                    public void stopGroup(String group) { groups.stop(group); }
                    public void pauseMonitors(boolean paused) { groups.pauseMonitors(paused); }
                    public void fence(io.heartline.core.NodeId node) { fencer.fence(node); }
                    public void sendBeacon() { beacons.send(); }
                    public void reannounce(String group) { }
                    public void probePeer(io.heartline.membership.Action.ProbePeer p) {
                        inbox.post(at -> new io.heartline.membership.Event.ProbeAnswer(at, p.peer(), p.round(),
                                io.heartline.membership.Event.Kernel.UNKNOWN, io.heartline.membership.Event.Port.UNKNOWN,
                                "no prober in this test"));
                    }
                    public void recorded(io.heartline.membership.Action.Record record) { alerts.onRecord(record); }
                    public void askWitness(io.heartline.membership.Action.AskWitness ask) { }
                    public void leaveWitness(io.heartline.membership.Action.LeaveWitness leave) { }
                }, inbox);
        loop = new EventLoop(decider, view, clock, inbox, actions, (where, cause) -> {
            throw new AssertionError("the loop failed: " + where, cause);
        });
        loop.start();
        StatusBuilder status = new StatusBuilder(config, List.of(), takeover::stats, Map.of(), new LinkQuality(),
                alerts::status, fencer::status, groups::status);
        Reloader reloader = new Reloader(config, clock, journal(dir.resolve("reload.jsonl")), groups, (a, b) -> { });
        CommandTable commands = CommandTable.create(new CommandTable.Parts(loop, actions, status, alerts, fencer, groups,
                reloader, (after, since, limit) -> io.heartline.core.journal.JournalReader.read(journal.file(), after, since,
                limit)), clock, 5_000, clock.wallTime());
        Files.writeString(groupFile, "root:x:0:\nheartline-admin:x:990:alice,bob\n");
        server = new ControlServer(socket, ControlSettings.DEFAULTS, clock, Admission.withGroupFile(commands,
                "heartline-admin", groupFile, clock, (caller, request) -> audited.add(caller + " " + request.toJson())));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        loop.stop();
        for (Journal j : journals) {
            j.close(); // its writer thread is done before the temp directory goes
        }
    }

    String raw(String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Map<String, Object> call(String request) throws IOException {
        return JSON.std.mapFrom(raw(request));
    }

    @Test
    void statusAnswers() throws IOException {
        Map<String, Object> a = call("{\"cmd\":\"status\"}\n");
        assertEquals(true, a.get("ok"));
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) a.get("result");
        assertEquals("node-a", r.get("node"));
        assertEquals(1, ((List<?>) r.get("groups")).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusAsTextIsWhatHactlPrintsAndNotJson() throws IOException {
        String text = raw("{\"cmd\":\"status\",\"format\":\"text\"}\n");
        Map<String, Object> json = call("{\"cmd\":\"status\"}\n");
        assertEquals(StatusText.render((Map<String, Object>) json.get("result")), text);
        assertTrue(text.startsWith("Cluster "), text);
        assertError("{\"cmd\":\"status\",\"format\":\"yaml\"}\n", "'format' must be");
    }

    @Test
    void badRequestsAreAnsweredWithWhatWasWrongAndChangeNothing() throws IOException {
        assertError("not json at all\n", "not a JSON object");
        assertError("{}\n", "missing 'cmd'");
        assertError("{\"cmd\":\"frobnicate\"}\n", "unknown cmd 'frobnicate'");
        assertError("{\"cmd\":\"failover\",\"to\":5}\n", "'to' must be a node name");
        assertError("{\"cmd\":\"failover\",\"group\":[1]}\n", "'group' must be a string");
        assertError("x".repeat(ControlSettings.DEFAULTS.maxRequestBytes() + 10), "request too long");
        assertError("{\"cmd\":\"failover\"}\n", "has no running owner");
        assertError("{\"cmd\":\"notify-test\"}\n", "no alert channels are configured");
        assertError("{\"cmd\":\"fence-ack\",\"node\":\"node-b\",\"confirmed\":\"node-b\"}\n",
                "nothing waits for a manual fence of node-b");
        assertError("{\"cmd\":\"fence\",\"node\":\"../etc\"}\n", "'node' must be a node name");
        assertError("{\"cmd\":\"resource-cleanup\",\"group\":\"mail\"}\n", "no group 'mail'");
        assertError("{\"cmd\":\"resource-cleanup\",\"group\":\"web\",\"resource\":\"nope\"}\n", "failed");
        assertEquals(true, call("{\"cmd\":\"status\"}\n").get("ok"), "still serving after bad input");
    }

    private void assertError(String request, String expected) throws IOException {
        Map<String, Object> a = call(request);
        assertEquals(false, a.get("ok"), a.toString());
        assertTrue(String.valueOf(a.get("error")).contains(expected), a.toString());
    }

    @Test
    void socketIsForRootAndTheHeartlineGroupOnly() throws IOException {
        boolean group = hasHeartlineGroup();
        assertEquals(group ? "rw-rw----" : "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals(group ? "rwxr-x---" : "rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        if (group) {
            assertEquals(SocketFiles.GROUP, Files.readAttributes(socket, java.nio.file.attribute.PosixFileAttributes.class)
                    .group().getName());
        }
    }

    static boolean hasHeartlineGroup() {
        try {
            java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(SocketFiles.GROUP);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aSecondDaemonOnTheSameSocketIsRefused() {
        ControlServer second = new ControlServer(socket, ControlSettings.DEFAULTS, new ManualClock(), (line, peer) -> null);
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().contains("another daemon answers"), e.getMessage());
    }

    @Test
    void fenceAckMustNameTheNodeAgain() throws IOException {
        Map<String, Object> a = call("{\"cmd\":\"fence-ack\",\"node\":\"node-b\"}\n");
        assertEquals(false, a.get("ok"));
        String error = String.valueOf(a.get("error"));
        assertTrue(error.contains("not confirmed") && error.contains("still alive")
                && error.contains("--yes-i-checked node-b"), error);
        assertError("{\"cmd\":\"fence-ack\",\"node\":\"node-b\",\"confirmed\":\"node-a\"}\n", "not for node-b");
        assertTrue(audited.isEmpty(), "an invalid request is not carried out, so not recorded: " + audited);
    }

    @Test
    void changesAreRecordedWithTheirCaller() throws IOException {
        call("{\"cmd\":\"maintenance\",\"on\":true}\n");
        call("{\"cmd\":\"status\"}\n");
        assertEquals(List.of("root {\"cmd\":\"maintenance\",\"on\":true}"), audited);
    }

    @Test
    void versionAndEventsAnswer() throws IOException {
        Map<String, Object> v = call("{\"cmd\":\"version\"}\n");
        assertEquals("node-a", v.get("node"), v.toString());
        journal.append(new io.heartline.core.journal.JournalEntry(java.time.Instant.parse("2026-11-21T22:00:00Z"), "node-a",
                "claim", "web", "because", Map.of("epoch", 4)));
        Map<String, Object> e = call("{\"cmd\":\"events\",\"since\":\"2026-11-21T21:00:00Z\",\"limit\":10}\n");
        assertEquals(true, e.get("ok"), e.toString());
        assertEquals(1, ((List<?>) e.get("events")).size(), e.toString());
        assertEquals(1, e.get("next"));
    }

    /** Tests run as root: a process of {@code nobody} (setpriv, no groups) reads, but changes nothing. */
    @Test
    void aCallerOutsideTheAdminGroupMayReadButNotChange() throws Exception {
        assertTrue(ProcessHandle.current().info().user().orElse("").equals("root")
                && Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/socat")),
                "needs root, setpriv (util-linux) and socat: run scripts/test as root (it installs socat)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));

        Map<String, Object> status = JSON.std.mapFrom(asNobody("{\"cmd\":\"status\"}"));
        assertEquals(true, status.get("ok"), status.toString());
        Map<String, Object> failover = JSON.std.mapFrom(asNobody("{\"cmd\":\"failover\",\"group\":\"web\"}"));
        assertEquals(Map.of("ok", false, "error", "permission denied: failover changes the cluster; run as root or as a "
                + "member of heartline-admin"), failover);
        assertTrue(audited.isEmpty(), audited.toString());

        Files.writeString(groupFile, "heartline-admin:x:990:alice,nobody\n");
        clock.advance(AdminGroup.REFRESH);
        Map<String, Object> asMember = JSON.std.mapFrom(asNobody("{\"cmd\":\"maintenance\",\"on\":false}"));
        assertEquals(true, asMember.get("ok"), asMember.toString());
        assertEquals(1, audited.size(), audited.toString());
        assertTrue(audited.get(0).startsWith("nobody (group nogroup) "), audited.toString());
    }

    private String asNobody(String request) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "socat", "-",
                "UNIX-CONNECT:" + socket).redirectErrorStream(true).start();
        p.getOutputStream().write((request + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "socat did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
