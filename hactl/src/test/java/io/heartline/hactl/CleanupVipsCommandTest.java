package io.heartline.hactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import io.heartline.core.VipRemoval;
import io.heartline.core.config.VipConfig;
import io.heartline.core.state.ModeStore;
import io.heartline.core.state.Ownership;
import io.heartline.core.state.OwnershipStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hactl cleanup-vips} against a fake address manager: what it removes, what it journals,
 * when it does nothing, how it fails, and that it never waits longer than its timeout.
 */
class CleanupVipsCommandTest {
    @TempDir
    Path dir;

    /** Addresses "configured" on this fake machine; remove() takes them away. */
    static final class FakeAddresses implements VipRemoval {
        final Set<String> up = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final List<String> asked = new CopyOnWriteArrayList<>();
        String refuse;
        CountDownLatch hang;

        @Override
        public Remover open() {
            return new Remover() {
                @Override
                public boolean remove(VipConfig vip) throws IOException {
                    asked.add(vip.cidr());
                    if (vip.cidr().equals(refuse)) {
                        throw new IOException("RTM_DELADDR " + vip + ": Operation not permitted (EPERM)");
                    }
                    if (hang != null) {
                        try {
                            hang.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return up.remove(vip.cidr());
                }

                @Override
                public void close() {
                }
            };
        }
    }

    record Run(int code, String out, String err) {
    }

    Path config() throws IOException {
        Path key = dir.resolve("authkey");
        Files.writeString(key, "0123456789abcdef0123456789abcdef");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path conf = dir.resolve("heartline.conf");
        Files.writeString(conf, """
                heartline {
                  cluster = lab
                  node = node-a
                  nodes = [ { name = node-a, address = "10.9.0.1", priority = 100 }, { name = node-b, address = "10.9.0.2", priority = 50 } ]
                  auth-key-file = "%s"
                  media = [ { type = multicast, interface = eth0, group = "239.192.76.1", port = 7640 } ]
                  groups = [ { name = web, vips = [ { address = "10.9.0.10/24", interface = eth0 }, { address = "10.9.1.10/24", interface = eth1 } ] }
                             { name = db, vips = [ { address = "10.9.0.20/24", interface = eth0 } ] } ]
                  control-socket = "%s"
                  state-dir = "%s"
                  fencing = off
                }
                """.formatted(key, socket(), state()));
        return conf;
    }

    Path socket() {
        return dir.resolve("control.sock");
    }

    Path state() {
        return dir.resolve("state");
    }

    Run run(FakeAddresses addresses, String... extra) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--config", config().toString()));
        args.addAll(List.of(extra));
        int code = new CommandLine(new CleanupVipsCommand(addresses, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<Map<String, Object>> journal() throws IOException {
        Path file = state().resolve("events.jsonl");
        List<Map<String, Object>> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                out.add(JSON.std.mapFrom(line));
            }
        }
        return out;
    }

    @Test
    void afterAKillEveryVipLeftUpIsRemovedAndJournaledEvenOneOwnedHereOnDisk() throws IOException {
        Files.createDirectories(state());
        new OwnershipStore(state()).save(Map.of("web", new Ownership(4, "node-a"), "db", new Ownership(2, "node-b")));
        Files.writeString(socket(), ""); // a killed daemon's socket file stays behind: connecting is refused
        FakeAddresses a = new FakeAddresses();
        a.up.addAll(List.of("10.9.0.10/24", "10.9.1.10/24"));
        Run r = run(a);
        assertEquals(0, r.code(), r.err());
        assertEquals(Set.of(), a.up);
        assertEquals(List.of("10.9.0.10/24", "10.9.1.10/24", "10.9.0.20/24"), a.asked);
        assertTrue(r.out().contains("removed 10.9.0.10/24 from eth0 (group web, owned here on disk): no daemon runs on node-a"), r.out());
        assertTrue(r.out().contains("2 VIP(s) removed, 0 failed, of 3 checked"), r.out());
        List<Map<String, Object>> j = journal();
        assertEquals(2, j.size(), j.toString());
        assertEquals("stale-vip-removed", j.get(0).get("kind"));
        assertEquals("web", j.get(0).get("group"));
        assertEquals("node-a", j.get(0).get("node"));
        assertEquals("cleanup-vips", j.get(0).get("by"));
        assertEquals(true, j.get(0).get("owned_here_on_disk"));
    }

    @Test
    void afterACleanStopNothingIsUpNothingIsJournaled() throws IOException {
        FakeAddresses a = new FakeAddresses();
        Run r = run(a);
        assertEquals(0, r.code(), r.err());
        assertEquals(3, a.asked.size(), "each one looked at");
        assertTrue(r.out().contains("0 VIP(s) removed, 0 failed, of 3 checked"), r.out());
        assertEquals(List.of(), journal());
    }

    @Test
    void whileADaemonAnswersNothingIsTouched() throws IOException {
        FakeAddresses a = new FakeAddresses();
        a.up.add("10.9.0.10/24");
        try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listening.bind(UnixDomainSocketAddress.of(socket()));
            Run r = run(a);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("the daemon is running"), r.out());
        }
        assertEquals(List.of(), a.asked);
        assertEquals(Set.of("10.9.0.10/24"), a.up);
    }

    @Test
    void inMaintenanceEveryVipIsLeftAsItIs() throws IOException {
        new ModeStore(state()).saveMaintenance(true);
        FakeAddresses a = new FakeAddresses();
        a.up.add("10.9.0.10/24");
        Run r = run(a);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("node-a was in maintenance when its daemon stopped"), r.out());
        assertEquals(List.of(), a.asked);
    }

    @Test
    void anAddressThatCannotBeRemovedIsNamedWithItsInterfaceAndExits1() throws IOException {
        FakeAddresses a = new FakeAddresses();
        a.up.addAll(List.of("10.9.0.10/24", "10.9.1.10/24", "10.9.0.20/24"));
        a.refuse = "10.9.1.10/24";
        Run r = run(a);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("could not remove 10.9.1.10/24 from eth1 (group web): RTM_DELADDR"), r.err());
        assertEquals(Set.of("10.9.1.10/24"), a.up, "the others still went");
        assertEquals(List.of("stale-vip-removed", "stale-vip-removed", "stale-vip-left"),
                journal().stream().map(e -> e.get("kind")).toList());
    }

    @Test
    void aHangingAddressManagerIsGivenUpAtTheTimeout() throws IOException {
        FakeAddresses a = new FakeAddresses();
        a.up.add("10.9.0.10/24");
        a.hang = new CountDownLatch(1);
        try {
            Run r = run(a, "--timeout", "200");
            assertEquals(1, r.code());
            assertTrue(r.err().contains("could not remove 10.9.0.10/24 from eth0 (group web): not finished within 200 ms"), r.err());
        } finally {
            a.hang.countDown();
        }
    }

    @Test
    void aBadConfigSaysSoAndExits78() throws IOException {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "heartline { cluster = lab }\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new CleanupVipsCommand(new FakeAddresses(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--config", bad.toString());
        assertEquals(78, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot tell which VIPs to remove"), err.toString());
    }
}
