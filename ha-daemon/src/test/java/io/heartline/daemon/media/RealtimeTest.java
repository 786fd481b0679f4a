package io.heartline.daemon.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.heartline.core.HeartbeatThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The policy a heartbeat thread ends up with, read back from /proc (field 41 of stat: 2 = SCHED_RR). */
class RealtimeTest {
    @AfterEach
    void reset() {
        Realtime.install(0);
    }

    static int[] policyAndPriority(long tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new int[]{Integer.parseInt(f[38]), Integer.parseInt(f[37])}; // policy (41), rt_priority (40)
    }

    static long tidOf(Runnable onThread) throws Exception {
        long[] tid = new long[1];
        Thread t = new Thread(() -> {
            onThread.run();
            try {
                // /proc/thread-self resolves to this thread's own directory
                tid[0] = Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
                int[] pp = policyAndPriority(tid[0]);
                tid[0] = pp[0] * 1000L + pp[1];
            } catch (Exception e) {
                tid[0] = -1;
            }
        });
        t.start();
        t.join();
        return tid[0];
    }

    @Test
    void aHeartbeatThreadGoesRoundRobinAtThePriorityAskedFor() throws Exception {
        Realtime.install(7);
        assertEquals(2 * 1000L + 7, tidOf(() -> HeartbeatThreads.started("test")), "SCHED_RR, priority 7");
    }

    @Test
    void priorityZeroLeavesThreadsAlone() throws Exception {
        Realtime.install(0);
        assertEquals(0, tidOf(() -> HeartbeatThreads.started("test")), "SCHED_OTHER, priority 0");
    }
}
