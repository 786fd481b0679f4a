package io.heartline.takeover;

import io.heartline.core.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GarpBurstTest {

    @Test
    void cancelledBurstNeverFiresAndCancelsWhatItTracks() {
        VirtualScheduler s = new VirtualScheduler();
        GarpBurst burst = new GarpBurst();
        AtomicInteger fired = new AtomicInteger();
        ScheduledFuture<?> f = s.schedule(() -> burst.fire(fired::incrementAndGet), 1, TimeUnit.SECONDS);
        burst.track(f);
        burst.fire(fired::incrementAndGet);

        burst.cancel();
        burst.fire(fired::incrementAndGet);
        s.advance(Duration.ofSeconds(2));

        assertEquals(1, fired.get());
        assertTrue(f.isCancelled());
    }

    @Test
    void trackingAfterCancelCancelsAtOnce() {
        VirtualScheduler s = new VirtualScheduler();
        GarpBurst burst = new GarpBurst();
        burst.cancel();
        ScheduledFuture<?> f = s.schedule(() -> { }, 1, TimeUnit.SECONDS);
        burst.track(f);
        assertTrue(f.isCancelled());
    }
}
