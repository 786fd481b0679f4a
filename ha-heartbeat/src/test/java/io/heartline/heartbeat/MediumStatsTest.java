package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.heartline.heartbeat.BeaconRejectedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MediumStatsTest {
    @Test
    void countsAndSnapshots() {
        MediumStats stats = new MediumStats("serial");
        stats.countSent();
        stats.countSent();
        stats.countSendError();
        stats.countReceived();
        assertEquals(1, stats.countRejected(Reason.BAD_MAC));
        assertEquals(2, stats.countRejected(Reason.BAD_MAC));
        stats.countRejected(Reason.REPLAY);

        MediumStats.Snapshot s = stats.snapshot();
        assertEquals("serial", s.medium());
        assertEquals(2, s.sent());
        assertEquals(1, s.sendErrors());
        assertEquals(1, s.received());
        assertEquals(2, s.rejected(Reason.BAD_MAC));
        assertEquals(1, s.rejected(Reason.REPLAY));
        assertEquals(0, s.rejected(Reason.SELF));
        assertEquals(3, s.rejectedTotal());
        assertEquals(Reason.values().length, s.rejected().size(), "every reason is listed, zeros too");
        assertThrows(UnsupportedOperationException.class, () -> s.rejected().put(Reason.SELF, 9L));

        stats.countSent();
        assertEquals(2, s.sent(), "a snapshot does not move");
    }

    @Test
    void countsFromManyThreads() throws Exception {
        MediumStats stats = new MediumStats("multicast");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        stats.countSent();
                        stats.countReceived();
                        stats.countRejected(Reason.MALFORMED);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40_000, stats.sent());
        assertEquals(40_000, stats.received());
        assertEquals(40_000, stats.rejected(Reason.MALFORMED));
    }
}
