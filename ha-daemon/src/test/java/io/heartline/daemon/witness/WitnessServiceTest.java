package io.heartline.daemon.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.core.NodeId;
import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import io.heartline.membership.Event.Witness;
import io.heartline.testkit.SecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' witness services against a real ZooKeeper server (its own process on loopback,
 * tickTime 200 ms, so a 1 s session is allowed): the lock's table as the ensemble carries it out,
 * a closed session freeing its locks, and a server that dies under a held lock. Real time, each
 * wait bounded.
 */
class WitnessServiceTest {
    static final Duration ANSWER = Duration.ofSeconds(10);

    @TempDir
    static Path shared;
    static ZooKeeperProcess zk;

    @TempDir
    Path dir;
    final List<WitnessService> services = new CopyOnWriteArrayList<>();

    /** A node's witness and what it posted to its loop. */
    record Node(WitnessService witness, List<Event> posted) {
        Event.WitnessAnswer ask(String group, long epoch, String evict) {
            int before = answers().size();
            witness.ask(new Action.AskWitness(group, epoch, evict == null ? null : new NodeId(evict)));
            Awaitility.await("an answer to " + group + " epoch " + epoch).atMost(ANSWER).pollInterval(Duration.ofMillis(10))
                    .until(() -> answers().size() > before);
            return answers().get(answers().size() - 1);
        }

        List<Event.WitnessAnswer> answers() {
            return posted.stream().filter(e -> e instanceof Event.WitnessAnswer).map(e -> (Event.WitnessAnswer) e).toList();
        }
    }

    @BeforeAll
    static void server() throws Exception {
        zk = ZooKeeperProcess.start(Files.createDirectories(shared.resolve("zk")), 200);
    }

    @AfterAll
    static void stopServer() throws Exception {
        zk.close();
    }

    @AfterEach
    void closeAll() {
        services.forEach(WitnessService::close);
    }

    Node node(String name, String path) throws Exception {
        SecretFiles.write(dir.resolve("authkey"), "0123456789abcdef0123456789abcdef");
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, """
                heartline {
                  cluster = lvs
                  node = NAME
                  nodes = [ { name = node-a, address = "10.0.0.1" }, { name = node-b, address = "10.0.0.2" } ]
                  auth-key-file = "DIR/authkey"
                  media = [ { type = multicast, interface = eth0, group = "239.1.1.1", port = 7000 } ]
                  groups = [ { name = web, vips = [ { address = "10.0.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/control.sock"
                  state-dir = "DIR/state"
                  fencing = off
                  witness { zookeeper = "ZK", path = "PATH", session-timeout = 1s, connect-timeout = 500ms }
                }
                """.replace("NAME", name).replace("DIR", dir.toString()).replace("ZK", zk.connectString())
                .replace("PATH", path));
        HeartlineConfig config = ConfigLoader.load(conf);
        List<Event> posted = new CopyOnWriteArrayList<>();
        Clock clock = Clock.system();
        WitnessService w = WitnessService.open(config, clock, e -> posted.add(e.apply(clock.monotonicNanos())));
        services.add(w);
        w.start();
        // connected first: on a loaded machine the first connection can take longer than connect-timeout
        Awaitility.await("connected").atMost(ANSWER).until(() -> w.state() == WitnessService.State.CONNECTED);
        return new Node(w, posted);
    }

    @Test
    void theLockGoesToOneNodeAndTheHolderKeepsItWithEachEpoch() throws Exception {
        Node a = node("node-a", "/heartline/t1");
        Node b = node("node-b", "/heartline/t1");
        Event.WitnessAnswer granted = a.ask("web", 1, null);
        assertEquals(Witness.GRANTED, granted.verdict());
        assertEquals("node-a", granted.holder());
        assertEquals(1, granted.epoch());
        Event.WitnessAnswer denied = b.ask("web", 2, null);
        assertEquals(Witness.DENIED, denied.verdict());
        assertEquals("node-a", denied.holder());
        assertEquals("lock held by node-a (epoch 1)", denied.detail());
        assertEquals(Witness.GRANTED, a.ask("web", 3, null).verdict());
        assertEquals("node-a (epoch 3)", b.ask("web", 4, null).detail().replace("lock held by ", ""));

        Map<String, Object> s = a.witness().status();
        assertEquals("connected", s.get("state"));
        assertEquals("/heartline/t1", s.get("path"));
        assertEquals(zk.connectString(), s.get("zookeeper"));
        assertEquals(Map.of("web", 3L), s.get("held"));
        assertTrue(String.valueOf(s.get("session")).startsWith("0x"), s.toString());
        assertEquals(Map.of(), b.witness().status().get("held"));
        assertEquals(2, a.witness().answers(Witness.GRANTED));
        assertEquals(2, b.witness().answers(Witness.DENIED));
    }

    @Test
    void aDeadDaemonsLockIsTakenOverAndAClosedSessionTakesItsLocksAlong() throws Exception {
        Node a = node("node-a", "/heartline/t2");
        Node b = node("node-b", "/heartline/t2");
        assertEquals(Witness.GRANTED, a.ask("web", 1, null).verdict());
        Event.WitnessAnswer takeover = b.ask("web", 2, "node-a");
        assertEquals(Witness.GRANTED, takeover.verdict());
        assertTrue(takeover.detail().contains("whose daemon is dead"), takeover.detail());
        assertEquals("node-b", a.ask("web", 3, null).holder());
        b.witness().close(); // a daemon that stops closes its session: the ensemble drops its locks at once
        assertEquals(Witness.GRANTED, a.ask("web", 4, null).verdict());
    }

    @Test
    void aLeftLockIsFreeForThePeer() throws Exception {
        Node a = node("node-a", "/heartline/t3");
        Node b = node("node-b", "/heartline/t3");
        assertEquals(Witness.GRANTED, a.ask("web", 1, null).verdict());
        b.witness().leave(new Action.LeaveWitness("web")); // not b's: nothing happens
        assertEquals(Witness.DENIED, b.ask("web", 2, null).verdict());
        a.witness().leave(new Action.LeaveWitness("web")); // on a's thread: b asks until it has gone
        long[] epoch = {3};
        Awaitility.await("the lock left").atMost(ANSWER).until(() -> b.ask("web", epoch[0]++, null).verdict() == Witness.GRANTED);
        assertEquals(Map.of(), a.witness().status().get("held"));
    }

    @Test
    void noWitnessConfiguredAnswersUnreachableAtOnce() {
        List<Event> posted = new CopyOnWriteArrayList<>();
        HeartlineConfig none;
        try {
            SecretFiles.write(dir.resolve("authkey"), "0123456789abcdef0123456789abcdef");
            Path conf = dir.resolve("none.conf");
            Files.writeString(conf, """
                    heartline {
                      node = node-a
                      nodes = [ { name = node-a, address = "10.0.0.1" } ]
                      auth-key-file = "DIR/authkey"
                      media = [ { type = multicast, interface = eth0, group = "239.1.1.1", port = 7000 } ]
                      groups = [ { name = web, vips = [ { address = "10.0.0.10/24", interface = eth0 } ] } ]
                      control-socket = "DIR/control.sock"
                      state-dir = "DIR/state"
                      fencing = off
                    }
                    """.replace("DIR", dir.toString()));
            none = ConfigLoader.load(conf);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WitnessService w = WitnessService.open(none, Clock.system(), e -> posted.add(e.apply(0)));
        w.start();
        w.ask(new Action.AskWitness("web", 1, null));
        Event.WitnessAnswer a = (Event.WitnessAnswer) posted.get(0);
        assertEquals(Witness.UNREACHABLE, a.verdict());
        assertNull(a.holder());
        assertEquals(Map.of("enabled", false), w.status());
        w.close();
    }

    /** Last: it kills the server (and starts it again, so the order of the tests does not matter). */
    @Test
    void aDeadServerIsUnreachableWithinTheConnectTimeoutAndTheSessionIsLostBeforeTheEnsembleCouldExpireIt()
            throws Exception {
        Node a = node("node-a", "/heartline/t4");
        assertEquals(Witness.GRANTED, a.ask("web", 1, null).verdict());
        zk.kill();
        long t0 = System.nanoTime();
        Awaitility.await("the session lost").atMost(ANSWER).pollInterval(Duration.ofMillis(10))
                .until(() -> a.posted().stream().anyMatch(e -> e instanceof Event.WitnessLost));
        long lostMs = (System.nanoTime() - t0) / 1_000_000L;
        assertTrue(lostMs < 1_000, "lost after " + lostMs + " ms: before a 1 s session could expire at the ensemble");
        assertEquals("lost", a.witness().status().get("state"));
        assertEquals(Map.of(), a.witness().status().get("held"), "every lock went with the session");

        long asked = System.nanoTime();
        Event.WitnessAnswer unreachable = a.ask("web", 2, null);
        long tookMs = (System.nanoTime() - asked) / 1_000_000L;
        assertEquals(Witness.UNREACHABLE, unreachable.verdict());
        assertTrue(unreachable.detail().startsWith("no connection to " + zk.connectString() + " within 500 ms"),
                unreachable.detail());
        assertTrue(tookMs < 2_000, "answered in " + tookMs + " ms");
        System.out.printf("witness down: session lost after %d ms, a question answered unreachable in %d ms%n", lostMs, tookMs);

        zk.start();
        Awaitility.await("reconnected").atMost(ANSWER).until(() -> a.witness().state() == WitnessService.State.CONNECTED);
        assertEquals(Witness.GRANTED, a.ask("web", 3, null).verdict(), "the lock of our own earlier session is ours again");
        assertEquals(1L, a.witness().status().get("sessions_lost"));
    }
}
