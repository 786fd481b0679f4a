package io.heartline.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The watchdog in virtual time: a period of 2 s, so ticks every second. */
class LoopWatchdogTest {
    private static final Duration PERIOD = Duration.ofSeconds(2);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final RecordingSender sender = new RecordingSender(scheduler.clock());
    private final FakeLoop loop = new FakeLoop();
    private final LoopWatchdog watchdog = new LoopWatchdog(new SystemdNotifier(sender), loop, PERIOD,
            scheduler.clock(), scheduler);

    /** Stands for the event loop: answers each probe at once, or holds them while wedged. */
    private final class FakeLoop implements Supplier<CompletableFuture<?>> {
        final List<CompletableFuture<Boolean>> probes = new ArrayList<>();
        boolean wedged;

        @Override
        public CompletableFuture<?> get() {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            probes.add(f);
            if (!wedged) {
                f.complete(Boolean.TRUE);
            }
            return f;
        }

        void unwedge() {
            wedged = false;
            probes.forEach(p -> p.complete(Boolean.TRUE));
        }
    }

    @Test
    void pingsEveryHalfPeriodWhileTheLoopAnswers() {
        watchdog.start();
        scheduler.advance(Duration.ofSeconds(10));

        assertEquals(LongStream.rangeClosed(0, 10).map(s -> s * 1000).boxed().toList(), sender.pingMillis());
        assertEquals(11, loop.probes.size());
    }

    @Test
    void aWedgedLoopStopsThePingsWithinOnePeriodAndSaysWhy() {
        watchdog.start();
        scheduler.advance(Duration.ofMillis(2500));
        loop.wedged = true;                                 // the probe posted at 3 s is never answered
        scheduler.advance(Duration.ofSeconds(10));

        assertEquals(List.of(0L, 1000L, 2000L, 3000L, 4000L), sender.pingMillis(),
                "last answer at 2 s: pings while the silence is at most the 2 s period, i.e. up to 4 s");
        assertEquals(4, loop.probes.size(), "one probe outstanding at a time: none after the hanging one");
        assertTrue(sender.messages().stream().anyMatch(m -> m.startsWith("STATUS=event loop has not answered for 3000 ms")),
                sender.messages().toString());
        assertEquals(1, sender.messages().stream().filter(m -> m.startsWith("STATUS=")).count(), "said once");
    }

    @Test
    void aLoopThatNeverAnsweredAfterStartIsCaughtToo() {
        loop.wedged = true;
        watchdog.start();
        scheduler.advance(Duration.ofSeconds(10));

        assertEquals(List.of(0L, 1000L, 2000L), sender.pingMillis());
        assertEquals(1, loop.probes.size());
    }

    @Test
    void pingsResumeWhenTheLoopAnswersAgain() {
        loop.wedged = true;
        watchdog.start();
        scheduler.advance(Duration.ofMillis(4500));
        loop.unwedge();                                     // the late answer at 4.5 s counts from then
        scheduler.advance(Duration.ofMillis(2000));

        assertEquals(List.of(0L, 1000L, 2000L, 5000L, 6000L), sender.pingMillis());
    }

    @Test
    void aSlowButAnsweringLoopKeepsThePingsGoing() {
        loop.wedged = true;
        watchdog.start();
        for (int i = 0; i < 10; i++) {
            scheduler.advance(Duration.ofMillis(1500));     // the loop answers what is pending every 1.5 s
            loop.unwedge();
            loop.wedged = true;
        }

        assertEquals(LongStream.rangeClosed(0, 15).map(s -> s * 1000).boxed().toList(), sender.pingMillis());
    }

    @Test
    void closeStopsThePings() {
        watchdog.start();
        scheduler.advance(Duration.ofSeconds(2));
        watchdog.close();
        scheduler.advance(Duration.ofSeconds(10));

        assertEquals(List.of(0L, 1000L, 2000L), sender.pingMillis());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aFailingSenderDoesNotStopTheTicks() {
        watchdog.start();
        scheduler.runDue();
        sender.failing(true);
        scheduler.advance(Duration.ofSeconds(3));
        sender.failing(false);
        scheduler.advance(Duration.ofSeconds(1));

        assertEquals(List.of(0L, 4000L), sender.pingMillis());
    }
}
