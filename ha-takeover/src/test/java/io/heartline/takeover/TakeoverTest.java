package io.heartline.takeover;

import io.heartline.core.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.GarpConfig;
import io.heartline.core.config.VipConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Claim, release and the announcement schedule, in virtual time. */
class TakeoverTest {
    private static final GarpConfig BURST_AND_REPEAT = new GarpConfig(3, Duration.ofMillis(100), Duration.ofSeconds(2));

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeAddressManager addresses = new FakeAddressManager();
    private final RecordingGarpSender garp = new RecordingGarpSender(scheduler);
    private final VipConfig a = vip("10.199.1.10", "eth0");
    private final VipConfig b = vip("10.199.2.10", "eth1");

    private Takeover takeover(GarpConfig config) {
        return new Takeover(addresses, garp, config, scheduler);
    }

    @Test
    void claimAddsAndSendsFirstFrameAtOnceThenBurstAndRepeat() throws Exception {
        Takeover t = takeover(BURST_AND_REPEAT);
        t.claim(List.of(a, b));

        assertEquals(Set.of(a, b), addresses.present);
        assertEquals(List.of(0L), garp.timesOf(a), "first frame on the caller's thread, before any tick");
        assertEquals(List.of(0L), garp.timesOf(b));

        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(List.of(0L, 100L, 200L, 2000L, 2100L, 2200L), garp.timesOf(a));
        assertEquals(List.of(0L, 100L, 200L, 2000L, 2100L, 2200L), garp.timesOf(b));
        assertEquals(0, scheduler.pending());
        assertEquals(new TakeoverStats(12, 0, 2, 0), t.stats());
    }

    @Test
    void firstFramesOfAllVipsGoBeforeAnythingElse() throws Exception {
        takeover(BURST_AND_REPEAT).claim(List.of(a, b));
        assertEquals(List.of(a, b), garp.sent.stream().map(RecordingGarpSender.Sent::vip).toList());
    }

    @Test
    void zeroRepeatAfterMeansOneBurstOnly() throws Exception {
        takeover(new GarpConfig(3, Duration.ofMillis(50), Duration.ZERO)).claim(List.of(a));
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), scheduler.pendingDelays());
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(List.of(0L, 50L, 100L), garp.timesOf(a));
    }

    @Test
    void countOfOneSchedulesNothing() throws Exception {
        takeover(new GarpConfig(1, Duration.ofMillis(50), Duration.ZERO)).claim(List.of(a));
        assertEquals(1, garp.sent.size());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void countOfZeroSendsNothing() throws Exception {
        takeover(new GarpConfig(0, Duration.ofMillis(50), Duration.ofSeconds(1))).claim(List.of(a));
        scheduler.advance(Duration.ofMinutes(1));
        assertTrue(garp.sent.isEmpty());
        assertTrue(addresses.present.contains(a));
    }

    @Test
    void failedAddDoesNotStopTheOthersAndIsNamed() {
        VipConfig bad = vip("10.199.3.10", "nosuch0");
        addresses.failing.add(bad);
        Takeover t = takeover(BURST_AND_REPEAT);

        TakeoverException e = assertThrows(TakeoverException.class, () -> t.claim(List.of(bad, a)));

        assertTrue(e.getMessage().contains("10.199.3.10/24 dev nosuch0"), e.getMessage());
        assertTrue(e.getMessage().contains("no such interface 'nosuch0'"), e.getMessage());
        assertTrue(e.getMessage().contains("1 of 2"), e.getMessage());
        assertEquals(Set.of(a), addresses.present);
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(6, garp.timesOf(a).size(), "the VIP that is up is announced");
        assertTrue(garp.timesOf(bad).isEmpty(), "the VIP that is not up is not");
        assertEquals(1, t.stats().addressesAdded());
    }

    @Test
    void garpFailureIsCountedButNeverFailsTheClaim() throws Exception {
        garp.failNext = 2;
        Takeover t = takeover(BURST_AND_REPEAT);
        t.claim(List.of(a)); // frame at 0 fails, does not throw
        scheduler.advance(Duration.ofSeconds(10)); // frame at 100 fails, 4 more go out
        assertEquals(List.of(200L, 2000L, 2100L, 2200L), garp.timesOf(a));
        assertEquals(new TakeoverStats(4, 2, 1, 0), t.stats());
    }

    @Test
    void releaseCancelsPendingFramesThenRemoves() throws Exception {
        Takeover t = takeover(BURST_AND_REPEAT);
        t.claim(List.of(a, b));
        scheduler.advance(Duration.ofMillis(150));

        assertEquals(1, t.release(List.of(a)));

        assertFalse(addresses.present.contains(a));
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(List.of(0L, 100L), garp.timesOf(a), "nothing sent for a after its release");
        assertEquals(6, garp.timesOf(b).size(), "b keeps its schedule");
        assertEquals(1, t.stats().addressesRemoved());
    }

    @Test
    void releaseOfAnAbsentAddressCountsZero() throws Exception {
        assertEquals(0, takeover(BURST_AND_REPEAT).release(List.of(a)));
    }

    @Test
    void releaseTriesAllAndNamesTheFailures() throws Exception {
        Takeover t = takeover(BURST_AND_REPEAT);
        t.claim(List.of(a, b));
        addresses.failing.add(a);

        TakeoverException e = assertThrows(TakeoverException.class, () -> t.release(List.of(a, b)));

        assertTrue(e.getMessage().contains("10.199.1.10/24 dev eth0"), e.getMessage());
        assertFalse(addresses.present.contains(b), "b removed although a failed");
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(1, garp.timesOf(a).size(), "a's frames were cancelled before the failed removal");
    }

    @Test
    void reclaimRestartsTheBurst() throws Exception {
        Takeover t = takeover(BURST_AND_REPEAT);
        t.claim(List.of(a));
        scheduler.advance(Duration.ofMillis(150));
        t.claim(List.of(a));
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(List.of(0L, 100L, 150L, 250L, 350L, 2150L, 2250L, 2350L), garp.timesOf(a));
    }

    @Test
    void removeStaleRemovesOnlyWhatIsThere() throws Exception {
        addresses.present.add(a);
        Takeover t = takeover(BURST_AND_REPEAT);
        assertEquals(List.of(a), t.removeStale(List.of(a, b)));
        assertTrue(addresses.present.isEmpty());
        assertEquals(1, t.stats().addressesRemoved());
    }

    @Test
    void removeStaleTriesAllThenThrows() {
        addresses.present.add(b);
        addresses.failing.add(a);
        TakeoverException e = assertThrows(TakeoverException.class,
                () -> takeover(BURST_AND_REPEAT).removeStale(List.of(a, b)));
        assertTrue(e.getMessage().contains("eth0"), e.getMessage());
        assertTrue(addresses.present.isEmpty(), "b removed although a failed");
    }

    @Test
    void rejectedSchedulingDoesNotFailTheClaim() throws Exception {
        scheduler.shutdown();
        Takeover t = takeover(BURST_AND_REPEAT);
        t.claim(List.of(a));
        assertEquals(1, t.stats().garpSent());
        assertEquals(5, t.stats().garpFailures());
    }

    @Test
    void invalidConfigIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> takeover(new GarpConfig(-1, Duration.ofMillis(1), Duration.ZERO)));
        assertThrows(IllegalArgumentException.class,
                () -> takeover(new GarpConfig(1, Duration.ofMillis(-1), Duration.ZERO)));
    }

    static VipConfig vip(String address, String iface) {
        try {
            return new VipConfig(InetAddress.getByName(address), 24, iface);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
