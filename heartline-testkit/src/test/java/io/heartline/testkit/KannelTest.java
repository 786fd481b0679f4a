package io.heartline.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's configuration and fakesmsc's output, as both the notifier's and the cluster tests read them. */
class KannelTest {
    @Test
    void readsTextAndUrlEncodedDataMessagesAndSkipsTheRest() {
        List<String> out = List.of(
                "2026-01-01 12:00:00 [1] INFO: fakesmsc starting",
                "Got message 1: <Heartline +4917011111 text HL node-b: takeover of web>",
                "Got message 2: <Heartline +4917022222 data HL%20node-b%3A%20%C3%BCber>");
        assertEquals(List.of(new Kannel.Sms("Heartline", "+4917011111", "HL node-b: takeover of web"),
                new Kannel.Sms("Heartline", "+4917022222", "HL node-b: über")), Kannel.received(out));
        assertThrows(IllegalStateException.class, () -> Kannel.received(List.of("Got message 3: <a b udh x>")));
        assertThrows(IllegalStateException.class, () -> Kannel.received(List.of("Got message 4: <a b>")));
    }

    @Test
    void theConfigurationNamesThePortsAndBindsSendsmsOnlyWhereAsked() {
        Kannel.Config local = new Kannel.Config(13000, 13001, 13013, 13002, "127.0.0.1", Path.of("/tmp/k"), 0, "u", "p");
        String text = local.text();
        assertTrue(text.contains("admin-port = 13000\n"), text);
        assertTrue(text.contains("smsbox-port = 13001\n"), text);
        assertTrue(text.contains("sendsms-port = 13013\nsendsms-interface = 127.0.0.1\nlog-level = 0\n"), text);
        assertTrue(text.contains("smsc = fake\nsmsc-id = fake\nport = 13002\n"), text);
        assertTrue(text.contains("log-file = \"/tmp/k/smsbox.log\""), text);
        assertTrue(text.contains("username = u\npassword = p\n"), text);
        assertEquals("http://10.0.0.9:13013/cgi-bin/sendsms", local.sendsmsUrl("10.0.0.9"));

        String lan = new Kannel.Config(13000, 13001, 13013, 13002, null, Path.of("/tmp/k"), 1, "u", "p").text();
        assertFalse(lan.contains("sendsms-interface"), lan);
        assertTrue(lan.contains("sendsms-port = 13013\nlog-level = 1\n"), lan);
    }

    @Test
    void fakesmscConnectsToTheFakeSmscPort() {
        assertEquals(List.of("/usr/lib/kannel/test/fakesmsc", "-H", "127.0.0.1", "-r", "13002", "-m", "0", "0 0 text unused"),
                Kannel.fakesmsc(13002));
        assertEquals(List.of("/usr/sbin/bearerbox", "-v", "1", "/tmp/k/kannel.conf"), Kannel.bearerbox(Path.of("/tmp/k/kannel.conf")));
    }
}
