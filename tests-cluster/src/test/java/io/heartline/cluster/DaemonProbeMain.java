package io.heartline.cluster;

import io.heartline.core.Clock;
import io.heartline.takeover.DaemonProbeResult;
import io.heartline.takeover.RecvErrDaemonProbe;
import io.heartline.takeover.TakeoverException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Runs {@link RecvErrDaemonProbe} inside a lab host for {@link DaemonPortProbeIT}:
 * {@code DaemonProbeMain PEER PORT TIMEOUT_MS COUNT}. Opens the sockets first, then probes COUNT
 * times on the same sockets, 10 ms apart, and prints one line per probe:
 * {@code probe outcome=O answer_us=N waited_us=N ignored=N} ({@code answer_us=-1} without error).
 */
public final class DaemonProbeMain {
    private DaemonProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        Duration timeout = Duration.ofMillis(Long.parseLong(args[2]));
        int count = Integer.parseInt(args[3]);
        try (RecvErrDaemonProbe probe = new RecvErrDaemonProbe(Clock.system())) {
            probe.warmUp();
            for (int i = 0; i < count; i++) {
                DaemonProbeResult r = probe.probe(peer, timeout);
                System.out.println("probe outcome=" + r.outcome()
                        + " answer_us=" + r.answer().map(d -> d.toNanos() / 1000).orElse(-1L)
                        + " waited_us=" + r.waited().toNanos() / 1000 + " ignored=" + r.ignored() + " # " + r);
                Thread.sleep(10);
            }
        } catch (TakeoverException e) {
            System.out.println("error " + e.getMessage());
            System.exit(1);
        }
    }
}
