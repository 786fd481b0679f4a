package io.heartline.daemon.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.NodeId;
import io.heartline.core.journal.Journal;
import io.heartline.core.state.ModeStore;
import io.heartline.core.state.Ownership;
import io.heartline.core.state.OwnershipStore;
import io.heartline.membership.Action;
import io.heartline.membership.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state change and its actions are one unit: when an action throws, the journal names what ran,
 * what failed and what was skipped, no group is started past the failure, releases still run, and
 * the decider hears of it through the events a failed start, stop or fence sends.
 */
class ActionRunnerTest {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    final List<String> done = new ArrayList<>();
    final Inbox inbox = new Inbox((where, cause) -> { throw new AssertionError("fatal: " + where, cause); });

    Journal journal;

    @org.junit.jupiter.api.AfterEach
    void closeJournal() throws Exception {
        if (journal != null) {
            journal.close(); // its writer thread is done before the temp directory goes
        }
    }

    ActionRunner runner(Path stateDir) throws Exception {
        journal = new Journal(dir.resolve("events.jsonl"));
        return new ActionRunner("node-a", clock, new OwnershipStore(stateDir), new ModeStore(stateDir), journal,
                new ActionRunner.Targets() {
                    public void startGroup(String group, long epoch) {
                        done.add("start " + group);
                    }

                    public void stopGroup(String group) {
                        if (group.equals("broken")) {
                            throw new IllegalStateException("executor gone");
                        }
                        done.add("stop " + group);
                    }

                    public void pauseMonitors(boolean paused) {
                    }

                    public void fence(NodeId node) {
                        done.add("fence " + node);
                    }

                    public void sendBeacon() {
                        done.add("beacon");
                    }

                    public void reannounce(String group) {
                        done.add("reannounce " + group);
                    }

                    @Override
                    public void probePeer(Action.ProbePeer probe) {
                        if (probe.peer().name().equals("broken")) {
                            throw new IllegalStateException("prober gone");
                        }
                        done.add("probe " + probe.peer());
                    }

                    public void recorded(Action.Record record) {
                    }

                    public void askWitness(Action.AskWitness ask) {
                        done.add(ask.describe());
                    }

                    public void leaveWitness(Action.LeaveWitness leave) {
                        done.add(leave.describe());
                    }
                }, inbox);
    }

    @SuppressWarnings("unchecked")
    List<Event> posted() {
        ArrayDeque<Object> out = new ArrayDeque<>();
        inbox.drainTo(out, 64);
        return out.stream().map(o -> ((LongFunction<Event>) o).apply(0)).toList();
    }

    @Test
    void aClaimWhoseEpochCannotBeWrittenIsNotStartedAndTheDeciderIsTold() throws Exception {
        Path stateDir = dir.resolve("state");
        Files.createDirectories(stateDir);
        Files.createDirectories(stateDir.resolve("ownership.json.tmp")); // the atomic write's temp file cannot be made
        ActionRunner r = runner(stateDir);
        r.accept(List.of(new Action.PersistOwnership(Map.of("web", new Ownership(5, "node-a"))),
                new Action.StartGroup("web", 5), new Action.SendBeaconNow()));
        assertFalse(done.contains("start web"), "no group starts past a failed step: " + done);
        assertTrue(done.contains("beacon"), "other actions still run");
        List<Event> events = posted();
        assertEquals(1, events.size(), events.toString());
        Event.GroupStarted failed = (Event.GroupStarted) events.get(0);
        assertFalse(failed.ok());
        assertTrue(failed.detail().contains("earlier step"), failed.detail());
        assertTrue(journal.sync(java.time.Duration.ofSeconds(10)), "the journal writer caught up");
        Map<String, Object> line = Journal.read(dir.resolve("events.jsonl")).stream()
                .filter(m -> "actions-failed".equals(m.get("kind"))).findFirst().orElseThrow();
        assertEquals(List.of("start web epoch=5"), line.get("skipped"), line.toString());
        assertTrue(String.valueOf(line.get("ran")).contains("beacon"), line.toString());
    }

    @Test
    void aStopThatThrowsIsReportedAsAFailedStopAndOtherStopsStillRun() throws Exception {
        ActionRunner r = runner(dir.resolve("state"));
        r.accept(List.of(new Action.StopGroup("broken", "test"), new Action.StopGroup("web", "test"), new Action.StartGroup("db", 3)));
        assertEquals(List.of("stop web"), done, "releases go on; the start after a failure does not");
        List<Event> events = posted();
        assertTrue(events.stream().anyMatch(e -> e instanceof Event.GroupStopped s && s.group().equals("broken") && !s.ok()),
                events.toString());
        assertTrue(events.stream().anyMatch(e -> e instanceof Event.GroupStarted s && s.group().equals("db") && !s.ok()),
                events.toString());
    }

    @Test
    void aProbeGoesToTheProberAndOneThatCannotBeQueuedIsAnsweredUnknown() throws Exception {
        ActionRunner r = runner(dir.resolve("state"));
        r.accept(List.of(new Action.ProbePeer(new NodeId("node-b"), 7, 5_000_000),
                new Action.ProbePeer(new NodeId("broken"), 8, 5_000_000)));
        assertEquals(List.of("probe node-b"), done);
        List<Event> events = posted();
        assertEquals(1, events.size(), events.toString());
        Event.ProbeAnswer a = (Event.ProbeAnswer) events.get(0);
        assertEquals(new Event.ProbeAnswer(0, new NodeId("broken"), 8, Event.Kernel.UNKNOWN, Event.Port.UNKNOWN, a.detail()), a);
        assertTrue(a.detail().contains("prober gone"), a.detail());
    }

    @Test
    void aCleanBatchRunsInOrderAndJournalsNoFailure() throws Exception {
        ActionRunner r = runner(dir.resolve("state"));
        r.accept(List.of(new Action.StopGroup("web", "test"), new Action.FencePeer(new NodeId("node-b"), "test"), new Action.SendBeaconNow()));
        assertEquals(List.of("stop web", "fence node-b", "beacon"), done);
        assertTrue(posted().isEmpty());
    }

    @Test
    void theWitnessQuestionsGoToTheirServiceInOrder() throws Exception {
        ActionRunner r = runner(dir.resolve("state"));
        r.accept(List.of(new Action.AskWitness("web", 4, new NodeId("node-b")), new Action.StopGroup("db", "test"),
                new Action.LeaveWitness("db")));
        assertEquals(List.of("ask-witness web epoch=4 evict=node-b", "stop db", "leave-witness db"), done);
        assertTrue(posted().isEmpty(), "the answer comes from the witness service, not from the runner");
    }
}
