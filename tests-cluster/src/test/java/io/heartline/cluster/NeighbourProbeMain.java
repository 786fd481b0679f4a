package io.heartline.cluster;

import io.heartline.core.Clock;
import io.heartline.takeover.ProbeResult;
import io.heartline.takeover.RawSocketNeighbourProbe;
import io.heartline.takeover.TakeoverException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@link RawSocketNeighbourProbe} inside a lab host for {@link ArpProbeIT}:
 * {@code NeighbourProbeMain vip|node IFACE TARGET SELF|- TIMEOUT_MS COUNT}. Opens the sockets
 * first, then probes COUNT times on the same sockets, 10 ms apart, and prints one line per probe:
 * {@code probe macs=M1,M2 first_us=N waited_us=N ignored=N} ({@code first_us=-1} without answer).
 */
public final class NeighbourProbeMain {
    private NeighbourProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: NeighbourProbeMain vip|node IFACE TARGET SELF|- TIMEOUT_MS COUNT");
            System.exit(64);
        }
        String iface = args[1];
        InetAddress target = InetAddress.getByName(args[2]);
        InetAddress self = args[3].equals("-") ? null : InetAddress.getByName(args[3]);
        Duration timeout = Duration.ofMillis(Long.parseLong(args[4]));
        int count = Integer.parseInt(args[5]);
        try (RawSocketNeighbourProbe probe = new RawSocketNeighbourProbe(Clock.system())) {
            probe.warmUp(List.of(iface));
            for (int i = 0; i < count; i++) {
                ProbeResult r = args[0].equals("vip") ? probe.probeVip(iface, target, timeout)
                        : probe.probeNode(iface, target, self, timeout);
                System.out.println("probe macs=" + String.join(",", r.macs())
                        + " first_us=" + r.firstAnswer().map(d -> d.toNanos() / 1000).orElse(-1L)
                        + " waited_us=" + r.waited().toNanos() / 1000 + " ignored=" + r.ignored());
                Thread.sleep(10);
            }
        } catch (TakeoverException e) {
            System.out.println("error " + e.getMessage());
            System.exit(1);
        }
    }
}
