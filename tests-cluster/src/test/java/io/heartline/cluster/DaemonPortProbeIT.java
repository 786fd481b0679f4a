package io.heartline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The daemon check (ha-takeover's RecvErrDaemonProbe and DaemonProbeListener) against real
 * kernels: node-a probes node-b's probe port while a listener holds it, after the listener is
 * killed with SIGKILL, with node-b's cable pulled, and against a hostile node-b that forges port
 * unreachables. IPv4, and IPv6 on ULA addresses this test adds ({@code fd00:78::HOST/64}).
 * The kernel rate-limits its ICMP errors per destination (a burst of 6, then one a second), so a
 * run probes {@value #CLOSED_COUNT} times when the port is closed.
 */
@Tag("cluster")
class DaemonPortProbeIT extends LabTest {
    private static final int PORT = 7701;
    private static final int TIMEOUT_MS = 5;
    private static final int COUNT = 10;
    private static final int CLOSED_COUNT = 5;
    private static final Pattern LINE = Pattern.compile("probe outcome=(\\S+) answer_us=(-?\\d+) waited_us=(\\d+) ignored=(\\d+) # .*");

    private Lab lab;

    @BeforeEach
    void buildLab() {
        lab = lab(b -> b.nodes("node-a", "node-b"));
        lab.exec("node-a", "ip", "addr", "add", "fd00:78::1/64", "dev", "eth0", "nodad");
        lab.exec("node-b", "ip", "addr", "add", "fd00:78::2/64", "dev", "eth0", "nodad");
    }

    @Test
    void openWhileTheListenerLivesClosedOnceKilledSilentWithTheCablePulled() {
        for (String peer : List.of(lab.ip("node-b"), "fd00:78::2")) {
            LabProcess listener = lab.start("node-b", ProcessSpec.of("listener-" + peer.length(),
                    JavaCommand.ofTool(ProbeListenerMain.class, peer, Integer.toString(PORT))));
            listener.awaitLine("listening", Timing.scaled(Duration.ofSeconds(30)));

            List<Probe> open = probe(peer, COUNT);
            report(peer + ", listener up", open);
            for (Probe p : open) {
                assertEquals("NO_ERROR", p.outcome(), open.toString());
                assertTrue(p.waitedMicros() >= TIMEOUT_MS * 1000L, "returned before its timeout: " + p);
            }

            long pid = listener.pid();
            listener.kill9();
            List<Probe> closed = probe(peer, CLOSED_COUNT);
            report(peer + ", listener (pid " + pid + ") killed with SIGKILL", closed);
            for (Probe p : closed) {
                assertEquals("PORT_CLOSED", p.outcome(), closed.toString());
                assertTrue(p.answerMicros() < TIMEOUT_MS * 1000L, closed.toString());
            }

            lab.linkDown("node-b", "eth0");
            List<Probe> cut = probe(peer, COUNT);
            report(peer + ", node-b's cable pulled", cut);
            for (Probe p : cut) {
                assertEquals("NO_ERROR", p.outcome(), cut.toString());
                assertTrue(p.waitedMicros() >= TIMEOUT_MS * 1000L, "returned before its timeout: " + p);
            }
            lab.linkUp("node-b", "eth0");
        }
    }

    @Test
    void aForgedPortUnreachableCountsOnlyIfItQuotesTheNonce() {
        String peer = lab.ip("node-b");
        LabProcess wrong = lab.start("node-b", ProcessSpec.of("forge-wrong",
                JavaCommand.ofTool(ForgeIcmpMain.class, peer, Integer.toString(PORT), "wrong")));
        wrong.awaitLine("forging", Timing.scaled(Duration.ofSeconds(30)));
        List<Probe> forged = probe(peer, COUNT);
        report(peer + ", node-b forges port unreachables quoting a wrong nonce", forged);
        for (Probe p : forged) {
            assertEquals("NO_ERROR", p.outcome(), forged.toString());
        }
        assertTrue(forged.stream().mapToInt(Probe::ignored).sum() >= COUNT - 1,
                "the forged errors did reach node-a's socket and were dropped: " + forged + "\n" + wrong.output());
        wrong.kill9();

        // The control: the same forgery with the nonce intact is taken, so the test above is not vacuous.
        LabProcess right = lab.start("node-b", ProcessSpec.of("forge-right",
                JavaCommand.ofTool(ForgeIcmpMain.class, peer, Integer.toString(PORT), "right")));
        right.awaitLine("forging", Timing.scaled(Duration.ofSeconds(30)));
        List<Probe> quoted = probe(peer, COUNT);
        report(peer + ", node-b forges port unreachables quoting the right nonce", quoted);
        for (Probe p : quoted) {
            assertEquals("PORT_CLOSED", p.outcome(), quoted.toString());
        }
        right.kill9();
    }

    private List<Probe> probe(String peer, int count) {
        String out = lab.exec("node-a", JavaCommand.ofTool(DaemonProbeMain.class, peer, Integer.toString(PORT),
                Integer.toString(TIMEOUT_MS), Integer.toString(count)).toArray(String[]::new)).stdout();
        List<Probe> probes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                probes.add(new Probe(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Integer.parseInt(m.group(4))));
            }
        }
        assertEquals(count, probes.size(), out);
        return probes;
    }

    private static void report(String what, List<Probe> probes) {
        List<Probe> warm = probes.subList(1, probes.size());
        System.out.printf("%s: first probe %s; then answer p50 %d us max %d us, waited p50 %d us max %d us%n",
                what, probes.get(0), Stats.median(warm, Probe::answerMicros), Stats.max(warm, Probe::answerMicros),
                Stats.median(warm, Probe::waitedMicros), Stats.max(warm, Probe::waitedMicros));
    }



    private record Probe(String outcome, long answerMicros, long waitedMicros, int ignored) {
        @Override
        public String toString() {
            return outcome + " answer " + answerMicros + " us waited " + waitedMicros + " us ignored " + ignored;
        }
    }
}
