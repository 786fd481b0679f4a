package io.heartline.daemon.media;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import io.heartline.core.HeartbeatThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code timing.realtime-priority}: each heartbeat thread (beacon timer and senders, receivers,
 * event loop) puts itself in SCHED_RR at that priority through libc (JNA), as keepalived does with
 * {@code vrrp_rt_priority}, so CPU hogs at normal priority cannot delay beacons into a false
 * failover. A thread that cannot (no CAP_SYS_NICE, RLIMIT_RTPRIO) logs why and stays as it was.
 */
public final class Realtime {
    private static final Logger log = LoggerFactory.getLogger(Realtime.class);
    private static final int SCHED_RR = 2;

    /** The bits of libc this needs. */
    interface LibC extends Library {
        long syscall(long number);

        int sched_setscheduler(int pid, int policy, Param param);
    }

    /** {@code struct sched_param}. */
    @Structure.FieldOrder("sched_priority")
    public static final class Param extends Structure {
        public int sched_priority;
    }

    private Realtime() {
    }

    /** With {@code priority} 1-99, heartbeat threads go real-time as they start; with 0 nothing changes. */
    public static void install(int priority) {
        if (priority <= 0) {
            HeartbeatThreads.install(what -> { });
            return;
        }
        long gettid = gettidSyscall();
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            log.warn("timing.realtime-priority {}: cannot load libc ({}); heartbeat threads stay at normal priority",
                    priority, e.getMessage());
            return;
        }
        HeartbeatThreads.install(what -> promote(libc, gettid, priority, what));
    }

    private static void promote(LibC libc, long gettid, int priority, String what) {
        if (gettid < 0) {
            log.warn("{}: no gettid syscall number for {}; stays at normal priority", what, Platform.ARCH);
            return;
        }
        int tid = (int) libc.syscall(gettid);
        Param p = new Param();
        p.sched_priority = priority;
        if (libc.sched_setscheduler(tid, SCHED_RR, p) != 0) {
            log.warn("{}: cannot set SCHED_RR priority {} (errno {}); it stays at normal priority", what, priority,
                    Native.getLastError());
        } else {
            log.info("{} (thread {}) runs at SCHED_RR priority {}", what, tid, priority);
        }
    }

    private static long gettidSyscall() {
        return switch (Platform.ARCH) {
            case "x86-64" -> 186;
            case "aarch64" -> 178;
            default -> -1;
        };
    }
}
