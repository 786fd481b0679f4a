package io.heartline.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.Kannel;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Alerts through real servers: Kannel (with its fake SMSC as the phone network) and an SMTP
 * server on an ops host of the lab. A takeover must reach the operator by SMS and email, a dead
 * gateway must not slow the takeover, and a flapping link must not send a flood.
 */
class AlertsIT extends LabTest {
    static final String PHONE = "+4915100000001";

    Lab lab;
    OpsServers ops;
    HeartlinePair pair;
    ClientPoller client;

    String alertsConfig() {
        return """
                  alerts {
                    channels = [
                      { type = kannel, name = sms, url = "%s", username = %s, password = %s, from = Heartline,
                        to = ["%s"], min-severity = warning }
                      { type = smtp, name = mail, host = "%s", port = %d, starttls = off, from = "heartline@lab.example",
                        to = ["ops@lab.example"], kinds = [takeover, peer-dead] }
                    ]
                  }""".formatted(ops.sendsmsUrl(), OpsServers.USER, OpsServers.PASSWORD, PHONE, ops.ip(), OpsServers.SMTP);
    }

    void start(boolean gatewayUp, boolean withAlerts) {
        lab = lab(b -> b.nodes("node-a", "node-b").client("client").client("ops"));
        ops = new OpsServers(lab, "ops").startBearerbox().startSmtpSink();
        if (gatewayUp) {
            ops.startSmsbox();
        }
        EchoService.start(lab, "node-a", EchoService.DEFAULT_PORT);
        EchoService.start(lab, "node-b", EchoService.DEFAULT_PORT);
        pair = new HeartlinePair(lab);
        if (withAlerts) {
            pair.with(alertsConfig());
        }
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        client = lab.onClose(ClientPoller.start(lab, "client", HeartlinePair.VIP, EchoService.DEFAULT_PORT));
        client.awaitAnswer("node-a", Timing.scaled(Duration.ofSeconds(10)));
    }

    ClientPoller.Outage killNodeA() {
        long fault = System.currentTimeMillis();
        lab.linkDown("node-a", "eth0");
        pair.daemon("node-a").kill9();
        client.awaitAnswer("node-b", Timing.scaled(Duration.ofSeconds(10)));
        return client.outageAround(fault, "node-b");
    }

    @Test
    void aTakeoverReachesTheOperatorBySmsAndEmail() {
        start(true, true);
        Shell.Result test = pair.hactl("notify", "test", "sms", "--socket", pair.socket("node-b").toString());
        assertEquals(0, test.exitCode(), test.stderr());
        killNodeA();
        await().atMost(Timing.scaled(Duration.ofSeconds(20))).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> ops.sms().stream().anyMatch(s -> s.text().startsWith("HL node-b: takeover of web")));
        Kannel.Sms sms = ops.sms().stream().filter(s -> s.text().startsWith("HL node-b: takeover of web")).findFirst()
                .orElseThrow();
        System.out.println("[alerts] SMS received by the phone network: " + sms);
        assertEquals(PHONE, sms.to());
        assertTrue(sms.text().startsWith("HL node-b:"), sms.text());
        assertTrue(sms.text().length() <= 160, "one SMS: " + sms.text().length());
        assertTrue(sms.text().contains("node-a is dead"), "the SMS says why: " + sms.text());

        java.util.function.Predicate<String> takeoverByB = m -> m.contains("X-Heartline-Node: node-b") && m.contains("takeover");
        await().atMost(Timing.scaled(Duration.ofSeconds(20))).until(() -> ops.mails().stream().anyMatch(takeoverByB));
        String mail = ops.mails().stream().filter(takeoverByB).findFirst().orElseThrow();
        assertTrue(mail.contains("ops@lab.example"), mail);
        assertTrue(mail.lines().anyMatch(l -> l.startsWith("Subject:") && l.contains("takeover")), mail);
        assertTrue(mail.contains("node-a is dead"), mail);
        assertTrue(pair.journalEntries("node-b").stream().anyMatch(e -> "alert-delivery".equals(e.get("kind"))
                && "DELIVERED".equals(e.get("outcome")) && "sms".equals(e.get("channel"))));
    }

    @Test
    void aDeadGatewayDoesNotSlowTheTakeoverAndTheSmsFollowsWhenItIsBack() {
        start(true, false);
        ClientPoller.Outage without = killNodeA();
        lab.close();

        start(false, true);
        ClientPoller.Outage withDeadGateway = killNodeA();
        System.out.println("[alerts] node-death outage without alerts: " + without.sinceFault().toMillis()
                + " ms; with alerts and the SMS gateway down: " + withDeadGateway.sinceFault().toMillis() + " ms");
        assertTrue(withDeadGateway.sinceFault().compareTo(Timing.scaled(SpineIT.NODE_DEATH_OUTAGE_BOUND)) < 0,
                withDeadGateway.toString());
        assertTrue(ops.sms().isEmpty());
        // The gateway comes back only once the SMS has failed and is being retried.
        await().atMost(Timing.scaled(Duration.ofSeconds(15))).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> pair.journalEntries("node-b").stream().anyMatch(e -> "alert-delivery".equals(e.get("kind"))
                        && "sms".equals(e.get("channel")) && "RETRY".equals(e.get("outcome"))));
        ops.startSmsbox();
        await().atMost(Timing.scaled(Duration.ofSeconds(40))).pollInterval(250, TimeUnit.MILLISECONDS)
                .until(() -> ops.sms().stream().anyMatch(s -> s.text().startsWith("HL node-b: takeover of web")));
    }

    @Test
    void aFlappingLinkSendsABoundedNumberOfMessages() {
        lab = lab(b -> b.network(Network.LAN).network(Network.HEARTBEAT).nodes("node-a", "node-b").client("client").client("ops"));
        ops = new OpsServers(lab, "ops").startBearerbox().startSmsbox().startSmtpSink();
        pair = new HeartlinePair(lab).withMedia(node -> """
                { type = multicast, interface = eth0, group = "239.192.76.1", port = 7640 }
                { type = multicast, name = hb, interface = eth1, group = "239.192.76.2", port = 7641 }""");
        pair.with(alertsConfig().replace("min-severity = warning", "min-severity = info"));
        pair.start("node-a");
        pair.start("node-b");
        pair.awaitActive("node-a", Duration.ofSeconds(15));
        int before = ops.sms().size();
        long started = System.currentTimeMillis();
        for (int flap = 0; flap < 20; flap++) {
            lab.linkDown("node-b", "eth1");
            awaitJournal("node-b", "medium-down", flap + 1);
            lab.linkUp("node-b", "eth1");
            awaitJournal("node-b", "medium-up", flap + 1);
        }
        long took = System.currentTimeMillis() - started;
        await().during(Timing.scaled(Duration.ofSeconds(3))).atMost(Timing.scaled(Duration.ofSeconds(10))).until(() -> true);
        int sent = ops.sms().size() - before;
        System.out.println("[alerts] 20 flaps of node-b's heartbeat link in " + took + " ms gave " + sent + " SMS: "
                + ops.sms().subList(before, ops.sms().size()));
        assertTrue(took < 60_000 * Timing.multiplier(), "20 flaps within a minute");
        assertTrue(sent >= 1 && sent <= 5 + 2, "bounded by the SMS rate limit (5 per 10 min, +2 critical): " + sent);
        assertEquals("ACTIVE", pair.state("node-a"), "flapping one of two media never fails over");
    }

    void awaitJournal(String node, String kind, int count) {
        await().atMost(Timing.scaled(Duration.ofSeconds(5))).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> pair.journalEntries(node).stream().filter(e -> kind.equals(e.get("kind"))).count() >= count);
    }
}
