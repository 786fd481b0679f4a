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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert channels from the config file: built into specs, and every mistake reported with file, line and key. */
class ChannelSectionsTest {
    @TempDir
    Path dir;

    static Path secret(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private ConfigProblem onlyProblem(String channels) throws Exception {
        Path f = write(channels);
        List<ConfigProblem> p = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(f)).problems();
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    Path write(String channels) throws Exception {
        secret(dir.resolve("key"), "0123456789abcdef0123456789abcdef");
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

    @Test
    void passwordsComeFromFilesOfMode600() throws Exception {
        Path sms = secret(dir.resolve("sms.password"), "sms-pw\n");
        Path mail = secret(dir.resolve("smtp.password"), "mail-pw\n");
        HeartlineConfig c = ConfigLoader.load(write("""
                      { type = kannel, url = "http://10.0.0.5:13013/cgi-bin/sendsms", username = hl, password-file = "SMS", to = ["+4915112345678"] }
                      { type = smtp, host = "10.0.0.6", username = hl, password-file = "MAIL", starttls = required,
                        from = "hl@example.org", to = ["ops@example.org"] }
                """.replace("SMS", sms.toString()).replace("MAIL", mail.toString())));
        List<ChannelSpec> specs = ChannelSections.specs(c);
        assertEquals("sms-pw", ((SmsConfig) specs.get(0)).password());
        assertEquals("mail-pw", ((SmtpConfig) specs.get(1)).password());
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path open = dir.resolve("sms.password");
        Files.writeString(open, "sms-pw");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigProblem p = onlyProblem("""
                      { type = kannel, url = "http://10.0.0.5:13013/cgi-bin/sendsms", username = hl, password-file = "FILE", to = ["+49151"] }
                """.replace("FILE", open.toString()));
        assertEquals("heartline.alerts.channels[0].password-file", p.key());
        assertEquals(12, p.line());
        assertTrue(p.message().contains("mode 0644") && p.message().contains("chmod 600 " + open), p.message());
    }

    @Test
    void passwordAndPasswordFileTogetherOrNeitherAreRefused() throws Exception {
        Path f = secret(dir.resolve("sms.password"), "sms-pw");
        ConfigProblem both = onlyProblem("""
                      { type = kannel, url = "http://10.0.0.5:13013/cgi-bin/sendsms", username = hl, password = pw,
                        password-file = "FILE", to = ["+49151"] }
                """.replace("FILE", f.toString()));
        assertEquals("heartline.alerts.channels[0].password-file", both.key());
        assertEquals("give either password or password-file, not both", both.message());
        ConfigProblem neither = onlyProblem("""
                      { type = kannel, url = "http://10.0.0.5:13013/cgi-bin/sendsms", username = hl, to = ["+49151"] }
                """);
        assertEquals("heartline.alerts.channels[0].password", neither.key());
        assertTrue(neither.message().startsWith("missing"), neither.message());
    }

    @Test
    void theExamplePlaceholderIsNoPassword() throws Exception {
        ConfigProblem sms = onlyProblem("""
                      { type = kannel, url = "http://10.0.0.5:13013/cgi-bin/sendsms", username = hl, password = "CHANGE-ME", to = ["+49151"] }
                """);
        assertEquals("heartline.alerts.channels[0].password", sms.key());
        assertTrue(sms.message().contains("set a real password"), sms.message());
        ConfigProblem mail = onlyProblem("""
                      { type = smtp, host = "10.0.0.6", username = hl, password = change-me, starttls = required,
                        from = "hl@example.org", to = ["ops@example.org"] }
                """);
        assertEquals("heartline.alerts.channels[0].password", mail.key());
    }

    @Test
    void smtpCredentialsNeedStarttlsRequiredOrAnExplicitOff() throws Exception {
        String channel = """
                      { type = smtp, host = "10.0.0.6", username = hl, password = pw, TLS
                        from = "hl@example.org", to = ["ops@example.org"] }
                """;
        ConfigProblem implicit = onlyProblem(channel.replace("TLS", ""));
        assertEquals("heartline.alerts.channels[0].starttls", implicit.key());
        assertTrue(implicit.message().startsWith("the default 'optional' would send the password in clear"), implicit.message());
        assertTrue(implicit.message().contains("write starttls = required, or starttls = off"), implicit.message());
        ConfigProblem explicit = onlyProblem(channel.replace("TLS", "starttls = optional,"));
        assertEquals("heartline.alerts.channels[0].starttls", explicit.key());
        assertEquals(12, explicit.line());
        SmtpConfig clear = (SmtpConfig) ChannelSections.specs(ConfigLoader.load(write(channel.replace("TLS", "starttls = off,")))).get(0);
        assertEquals(StartTls.OFF, clear.startTls(), "an operator may send in clear, but only by writing it");
        SmtpConfig tls = (SmtpConfig) ChannelSections.specs(ConfigLoader.load(write(channel.replace("TLS", "starttls = required,")))).get(0);
        assertEquals(StartTls.REQUIRED, tls.startTls());
        SmtpConfig anonymous = (SmtpConfig) ChannelSections.specs(ConfigLoader.load(write("""
                      { type = smtp, host = "10.0.0.6", from = "hl@example.org", to = ["ops@example.org"] }
                """))).get(0);
        assertEquals(StartTls.OPTIONAL, anonymous.startTls(), "without credentials optional stays the default");
    }
}
