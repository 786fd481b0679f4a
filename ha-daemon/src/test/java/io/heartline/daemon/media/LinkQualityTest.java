package io.heartline.daemon.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.heartline.core.NodeId;
import org.junit.jupiter.api.Test;

class LinkQualityTest {
    static final NodeId A = new NodeId("node-a");

    @Test
    void lossIsWhatOneMediumMissedOfThePeersLastBeacons() {
        LinkQuality q = new LinkQuality();
        assertNull(q.lossPercent(A, "mc"));
        for (long seq = 1; seq <= 100; seq++) {
            q.beacon(A, 7, "mc", seq);
            if (seq % 4 != 0) {
                q.beacon(A, 7, "serial", seq);
            }
        }
        assertEquals(0, q.lossPercent(A, "mc"));
        assertEquals(25, q.lossPercent(A, "serial"));
        assertEquals(100, q.lossPercent(A, "tcp"), "a medium that carried nothing");
    }

    @Test
    void aRestartedPeerStartsItsCountsAgain() {
        LinkQuality q = new LinkQuality();
        for (long seq = 1; seq <= 50; seq++) {
            q.beacon(A, 7, "mc", seq);
        }
        q.beacon(A, 8, "serial", 1);
        q.beacon(A, 8, "mc", 1);
        assertEquals(0, q.lossPercent(A, "mc"));
        assertEquals(0, q.lossPercent(A, "serial"));
    }
}
