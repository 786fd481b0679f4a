package io.heartline.daemon.loop;

import io.heartline.daemon.TestConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.ManualClock;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.membership.Action;
import io.heartline.membership.Decider;
import io.heartline.membership.DeciderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop thread: anything thrown by a rule or an action goes to the fatal handler (never "state
 * kept as it was"), a full command lane answers "busy" at once, and beacons and commands reach
 * the decider. Real thread, manual clock; waits are latches with generous bounds, never sleeps.
 */
class EventLoopTest {
    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    final AtomicReference<Throwable> died = new AtomicReference<>();
    final CountDownLatch dead = new CountDownLatch(1);
    final List<List<Action>> ran = new CopyOnWriteArrayList<>();
    final CountDownLatch shutdownDone = new CountDownLatch(1);
    Inbox inbox;
    EventLoop loop;

    @BeforeEach
    void start() throws Exception {
        HeartlineConfig config = TestConfig.load(dir, "");
        Decider decider = new Decider(DeciderSettings.from(config));
        inbox = new Inbox(16, 4, (where, cause) -> { throw new AssertionError("fatal: " + where, cause); });
        loop = new EventLoop(decider, new StateView(decider.initial(Map.of(), 0)), clock, inbox, actions -> {
                    ran.add(actions);
                    if (actions.stream().anyMatch(a -> a instanceof Action.ShutdownComplete)) {
                        shutdownDone.countDown();
                    }
                },
                (where, cause) -> {
                    died.set(cause);
                    dead.countDown();
                });
    }

    @AfterEach
    void stop() {
        loop.stop();
    }

    @Test
    void anErrorOnTheLoopGoesToTheFatalHandler() throws Exception {
        loop.start();
        loop.injectFault(new OutOfMemoryError("test"));
        assertTrue(dead.await(10, TimeUnit.SECONDS), "the fatal handler is called");
        assertInstanceOf(OutOfMemoryError.class, died.get());
    }

    @Test
    void aRuntimeExceptionInAnActionIsFatalToo() throws Exception {
        Inbox in = new Inbox((where, cause) -> { throw new AssertionError("fatal: " + where, cause); });
        EventLoop failing = new EventLoop(new Decider(DeciderSettings.from(TestConfig.load(dir, ""))),
                new StateView(loop.state()), clock, in, actions -> {
                    throw new IllegalStateException("a bug in an action");
                }, (where, cause) -> {
                    died.set(cause);
                    dead.countDown();
                });
        failing.start();
        try {
            in.post(at -> new io.heartline.membership.Event.Shutdown(at));
            assertTrue(dead.await(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, died.get());
        } finally {
            failing.stop();
        }
    }

    @Test
    void aFullCommandLaneAnswersBusyAtOnce() throws Exception {
        // not started: nothing drains, so the lane fills
        for (int i = 0; i < 4; i++) {
            loop.query(s -> s);
        }
        CompletableFuture<Object> refused = loop.query(s -> s);
        assertTrue(refused.isCompletedExceptionally());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, refused::get);
        assertTrue(e.getCause().getMessage().startsWith("busy"), e.getCause().getMessage());
    }

    @Test
    void queriesAreAnsweredOnTheLoopAndAFailingQueryIsNotFatal() throws Exception {
        loop.start();
        assertEquals("node-a", loop.query(s -> s.self().name()).get(10, TimeUnit.SECONDS));
        CompletableFuture<Object> bad = loop.query(s -> {
            throw new IllegalArgumentException("bad query");
        });
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> bad.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("node-a", loop.query(s -> s.self().name()).get(10, TimeUnit.SECONDS), "the loop goes on");
        assertEquals(1, dead.getCount(), "a failed query is the asker's problem, not the loop's");
    }

    @Test
    void theShutdownEventReachesTheDeciderAndItsActionsRun() throws Exception {
        loop.start();
        loop.post(at -> new io.heartline.membership.Event.Shutdown(at));
        clock.advance(Duration.ofMillis(1));
        assertTrue(shutdownDone.await(10, TimeUnit.SECONDS), "ShutdownComplete among the actions: " + ran);
    }
}
