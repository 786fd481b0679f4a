package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The neighbour probe (ha-takeover's RawSocketNeighbourProbe) against real kernels: node-a
 * probes node-b, a pulled cable, a VIP held twice and an unused address, over ARP and over
 * IPv6 neighbour discovery. The lab has no IPv6 of its own: this test adds ULA addresses
 * ({@code fd00:77::HOST/64}, {@code nodad}) to the LAN of each host. Each call runs
 * {@value #COUNT} probes on the same sockets in one JVM and prints their times.
 */
@Tag("cluster")
class ArpProbeIT extends LabTest {
    private static final int COUNT = 20;
    private static final int NODE_TIMEOUT_MS = 5;
    private static final int VIP_TIMEOUT_MS = 20;
    private static final String VIP4 = "10.77.0.10";
    private static final String VIP6 = "fd00:77::10";
    private static final Pattern LINE = Pattern.compile("probe macs=(\\S*) first_us=(-?\\d+) waited_us=(\\d+) ignored=(\\d+)");

    private Lab lab;

    @BeforeEach
    void buildLab() {
        lab = lab(b -> b.nodes("node-a", "node-b").client("client"));
        for (String host : List.of("node-a", "node-b", "client")) {
            lab.exec(host, "ip", "addr", "add", v6(host) + "/64", "dev", "eth0", "nodad");
        }
    }

    @Test
    void nodeCheckGetsThePeersMacAndNothingOnceItsCableIsPulled() {
        for (boolean ipv6 : new boolean[] {false, true}) {
            String peer = ipv6 ? v6("node-b") : lab.ip("node-b");
            String self = ipv6 ? v6("node-a") : lab.ip("node-a");
            List<Probe> up = probe("node", peer, self, NODE_TIMEOUT_MS);
            report("node check " + peer + ", link up", up);
            for (Probe p : up) {
                assertEquals(List.of(lab.mac("node-b", "eth0")), p.macs(), up.toString());
            }
            assertTrue(Stats.median(up, Probe::firstMicros) < NODE_TIMEOUT_MS * 1000L, up.toString());

            lab.linkDown("node-b", "eth0");
            List<Probe> down = probe("node", peer, self, NODE_TIMEOUT_MS);
            report("node check " + peer + ", node-b's cable pulled", down);
            for (Probe p : down) {
                assertEquals(List.of(), p.macs(), down.toString());
                assertTrue(p.waitedMicros() >= NODE_TIMEOUT_MS * 1000L, "returned before its timeout: " + p);
            }
            assertTrue(Stats.median(down, Probe::waitedMicros) < 2 * NODE_TIMEOUT_MS * 1000L, down.toString());
            lab.linkUp("node-b", "eth0");
        }
    }

    @Test
    void vipHeldTwiceGivesTwoMacsAndAnUnusedAddressNone() {
        lab.exec("node-b", "ip", "addr", "add", VIP4 + "/24", "dev", "eth0");
        lab.exec("client", "ip", "addr", "add", VIP4 + "/24", "dev", "eth0");
        lab.exec("node-b", "ip", "addr", "add", VIP6 + "/64", "dev", "eth0", "nodad");
        lab.exec("client", "ip", "addr", "add", VIP6 + "/64", "dev", "eth0", "nodad");
        Set<String> both = Set.of(lab.mac("node-b", "eth0"), lab.mac("client", "eth0"));
        for (String vip : List.of(VIP4, VIP6)) {
            List<Probe> dup = probe("vip", vip, "-", VIP_TIMEOUT_MS);
            report("VIP probe " + vip + ", held by node-b and client", dup);
            for (Probe p : dup) {
                assertEquals(both, Set.copyOf(p.macs()), dup.toString());
                assertTrue(p.waitedMicros() >= VIP_TIMEOUT_MS * 1000L, "a VIP probe waits its whole timeout: " + p);
            }
        }
        for (String unused : List.of("10.77.0.77", "fd00:77::77")) {
            List<Probe> none = probe("vip", unused, "-", VIP_TIMEOUT_MS);
            report("VIP probe " + unused + ", unused", none);
            for (Probe p : none) {
                assertEquals(List.of(), p.macs(), none.toString());
            }
        }
        // The RFC 5227 probe and DAD teach no neighbour our address: node-b has no entry for node-a.
        assertTrue(lab.neighbourMac("node-b", lab.ip("node-a")).isEmpty(), lab.describe());
    }

    private List<Probe> probe(String mode, String target, String self, int timeoutMs) {
        String out = lab.exec("node-a", JavaCommand.ofTool(NeighbourProbeMain.class, mode, "eth0", target, self,
                Integer.toString(timeoutMs), Integer.toString(COUNT)).toArray(String[]::new)).stdout();
        List<Probe> probes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                probes.add(new Probe(m.group(1).isEmpty() ? List.of() : Arrays.asList(m.group(1).split(",")),
                        Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Integer.parseInt(m.group(4))));
            }
        }
        assertEquals(COUNT, probes.size(), out);
        return probes;
    }

    private static void report(String what, List<Probe> probes) {
        List<Probe> warm = probes.subList(1, probes.size());
        System.out.printf("%s: first probe %s; then first answer p50 %d us max %d us, waited p50 %d us max %d us%n",
                what, probes.get(0), Stats.median(warm, Probe::firstMicros), Stats.max(warm, Probe::firstMicros),
                Stats.median(warm, Probe::waitedMicros), Stats.max(warm, Probe::waitedMicros));
    }



    private static String v6(String host) {
        return switch (host) {
            case "node-a" -> "fd00:77::1";
            case "node-b" -> "fd00:77::2";
            default -> "fd00:77::100";
        };
    }

    private record Probe(List<String> macs, long firstMicros, long waitedMicros, int ignored) {
        @Override
        public String toString() {
            return (macs.isEmpty() ? "none" : macs.stream().collect(Collectors.joining(","))) + " first " + firstMicros
                    + " us waited " + waitedMicros + " us ignored " + ignored;
        }
    }
}
