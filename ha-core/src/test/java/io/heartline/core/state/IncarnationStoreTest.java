package io.heartline.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncarnationStoreTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    /** A wall clock set by the test (ha-core's tests cannot use the testkit: it depends on ha-core). */
    static final class SetClock implements Clock {
        private Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public long monotonicNanos() {
            return 0;
        }

        @Override
        public Instant wallTime() {
            return now;
        }
    }

    private final SetClock clock = new SetClock(START);

    @Test
    void theFirstStartTakesTheWallClockLikeTheIncarnationsBeforeThisStore() throws IOException {
        IncarnationStore store = new IncarnationStore(dir, clock);
        assertEquals(-1, store.last());
        assertEquals(START.toEpochMilli(), store.next());
        assertEquals(START.toEpochMilli(), new IncarnationStore(dir, clock).last());
        assertFalse(Files.exists(dir.resolve("incarnation.tmp")));
    }

    @Test
    void aRestartWithTheClockSetBackStillGrows() throws IOException {
        long first = new IncarnationStore(dir, clock).next();
        SetClock behind = new SetClock(START.minus(Duration.ofDays(3)));
        long second = new IncarnationStore(dir, behind).next();
        long third = new IncarnationStore(dir, behind).next();
        assertEquals(first + 1, second);
        assertEquals(first + 2, third);
    }

    @Test
    void aRestartWithTheClockAheadTakesTheClock() throws IOException {
        long first = new IncarnationStore(dir, clock).next();
        clock.advance(Duration.ofMinutes(5));
        long second = new IncarnationStore(dir, clock).next();
        assertEquals(first + Duration.ofMinutes(5).toMillis(), second);
    }

    @Test
    void twoStartsInTheSameMillisecondGetDifferentIncarnations() throws IOException {
        IncarnationStore store = new IncarnationStore(dir, clock);
        assertTrue(store.next() < store.next());
    }

    @Test
    void aSmallStoredCounterKeepsGrowingFromItself() throws IOException {
        Files.writeString(dir.resolve("incarnation"), "41\n");
        SetClock epoch = new SetClock(Instant.EPOCH);
        assertEquals(42, new IncarnationStore(dir, epoch).next());
    }

    @Test
    void aDamagedFileIsAnErrorNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("incarnation"), "twelve");
        IOException e = assertThrows(IOException.class, () -> new IncarnationStore(dir, clock).next());
        assertTrue(e.getMessage().contains("incarnation") && e.getMessage().contains("damaged"), e.getMessage());
        Files.writeString(dir.resolve("incarnation"), "-5");
        assertThrows(IOException.class, () -> new IncarnationStore(dir, clock).next());
        Files.writeString(dir.resolve("incarnation"), Long.toString(Long.MAX_VALUE));
        assertThrows(IOException.class, () -> new IncarnationStore(dir, clock).next());
        assertEquals(Long.MAX_VALUE, new IncarnationStore(dir, clock).last(), "a refused next() leaves the file alone");
    }
}
