package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.config.ConfigLoader;
import io.heartline.core.config.ConfigProblem;
import io.heartline.core.config.HeartlineConfig;
import io.heartline.core.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert channels from the config file: built into specs, and every mistake reported with file, line and key. */
class ChannelSectionsTest {
    @TempDir
    Path dir;

    Path write(String channels) throws Exception {
        Files.writeString(dir.resolve("key"), "0123456789abcdef0123456789abcdef");
        Path f = dir.resolve("heartline.conf");
        Files.writeString(f, """
                heartline {
                  node = a
                  nodes = [ { name = a, address = "10.0.0.1" } ]
                  auth-key-file = "DIR/key"
                  media = [ { type = multicast, interface = eth0, group = "239.1.1.1", port = 7000 } ]
                  groups = [ { name = web, vips = [ { address = "10.0.0.10/24", interface = eth0 } ] } ]
                  control-socket = "DIR/s"
                  state-dir = "DIR/st"
                  fencing = off
                  alerts {
                    channels = [
                CHANNELS
                    ]
                  }
                }
                """.replace("DIR", dir.toString()).replace("CHANNELS", channels));
        return f;
    }

    @Test
    void everyChannelTypeIsBuilt() throws Exception {
        HeartlineConfig c = ConfigLoader.load(write("""
                      { type = kannel, name = sms, url = "http://10.0.0.5:13013/cgi-bin/sendsms", username = hl, password = pw,
                        to = ["+4915112345678"], kinds = [takeover, peer-dead], min-severity = warning }
                      { type = smtp, name = mail, host = "10.0.0.6", from = "hl@example.org", to = ["ops@example.org"], starttls = required }
                      { type = webhook, url = "https://sms.example.org/send", headers { Authorization = "Bearer x" } }
                      { type = script, path = "/etc/heartline/notify.sh", timeout = 5s }
                """));
        List<ChannelSpec> specs = ChannelSections.specs(c);
        assertEquals(List.of("sms", "mail", "webhook", "script"), specs.stream().map(ChannelSpec::name).toList());
        SmsConfig sms = (SmsConfig) specs.get(0);
        assertEquals(Severity.WARNING, sms.filter().minSeverity());
        assertEquals(5, sms.policy().maxPerWindow(), "SMS are rate limited by default");
        assertEquals(StartTls.REQUIRED, ((SmtpConfig) specs.get(1)).startTls());
    }

    @Test
    void mistakesNameFileLineAndKey() throws Exception {
        Path f = write("""
                      { type = kannel, url = "http://10.0.0.5:13013/cgi-bin/sendsms", username = hl, password = pw, to = ["+49151"] }
                      { type = smtp, host = "10.0.0.6", from = "hl@example.org", to = ["ops@example.org"],
                        kinds = [takover] }
                      { type = pager, number = 5 }
                """);
        List<ConfigProblem> p = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f)).problems();
        assertEquals(2, p.size(), p.toString());
        assertEquals("heartline.alerts.channels[1].kinds", p.get(0).key());
        assertEquals(14, p.get(0).line(), p.toString());
        assertTrue(p.get(0).message().contains("'takover' is not an alert kind"), p.get(0).message());
        assertEquals("heartline.alerts.channels[2].type", p.get(1).key());
        assertTrue(p.get(1).message().contains("not an alert channel type"), p.get(1).message());
    }
}
