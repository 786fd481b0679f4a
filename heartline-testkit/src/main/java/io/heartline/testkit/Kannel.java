package io.heartline.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Kannel SMS gateway as tests run it: bearerbox with a {@code fake} SMSC, kannel-extras'
 * {@code fakesmsc} connected to it as the phone network, and smsbox with the sendsms interface.
 * This class knows Kannel: the configuration, the command lines and what fakesmsc prints for each
 * message it gets. Starting and stopping the processes is the caller's (on localhost for
 * notifier-sms' tests, on a lab host for the cluster tests).
 */
public final class Kannel {
    public static final Path BEARERBOX = Path.of("/usr/sbin/bearerbox");
    public static final Path SMSBOX = Path.of("/usr/sbin/smsbox");
    public static final Path FAKESMSC = Path.of("/usr/lib/kannel/test/fakesmsc");
    /** What bearerbox logs once fakesmsc is connected. */
    public static final String SMSC_CONNECTED = "Fakesmsc client connected";

    private static final Pattern GOT = Pattern.compile("Got message \\d+: <(.*)>\\s*$");

    private Kannel() {
    }

    /** One message the fake SMSC received. */
    public record Sms(String from, String to, String text) {
    }

    /**
     * The gateway's configuration.
     *
     * @param sendsmsInterface the address sendsms listens on; null for every address (a lab host's LAN)
     * @param logDir           where bearerbox.log and smsbox.log go
     * @param logLevel         Kannel's log-level (0 = debug)
     */
    public record Config(int adminPort, int boxPort, int sendsmsPort, int smscPort, String sendsmsInterface,
                         Path logDir, int logLevel, String user, String password) {
        public Config {
            Objects.requireNonNull(logDir, "logDir");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** The text of kannel.conf. */
        public String text() {
            return """
                    group = core
                    admin-port = %d
                    admin-interface = 127.0.0.1
                    admin-password = lab-admin
                    smsbox-port = %d
                    smsbox-interface = 127.0.0.1
                    box-allow-ip = 127.0.0.1
                    log-level = %d
                    log-file = "%s/bearerbox.log"

                    group = smsc
                    smsc = fake
                    smsc-id = fake
                    port = %d
                    our-host = 127.0.0.1
                    connect-allow-ip = 127.0.0.1

                    group = smsbox
                    bearerbox-host = 127.0.0.1
                    bearerbox-port = %d
                    sendsms-port = %d
                    %slog-level = %d
                    log-file = "%s/smsbox.log"

                    group = sendsms-user
                    username = %s
                    password = %s
                    """.formatted(adminPort, boxPort, logLevel, logDir, smscPort, boxPort, sendsmsPort,
                    sendsmsInterface == null ? "" : "sendsms-interface = " + sendsmsInterface + "\n",
                    logLevel, logDir, user, password);
        }

        /** {@code http://HOST:PORT/cgi-bin/sendsms}. */
        public String sendsmsUrl(String host) {
            return "http://" + host + ":" + sendsmsPort + "/cgi-bin/sendsms";
        }
    }

    public static List<String> bearerbox(Path conf) {
        return List.of(BEARERBOX.toString(), "-v", "1", conf.toString());
    }

    public static List<String> smsbox(Path conf) {
        return List.of(SMSBOX.toString(), "-v", "1", conf.toString());
    }

    /** fakesmsc connected to the fake SMSC on {@code smscPort}, sending nothing, printing what it gets. */
    public static List<String> fakesmsc(int smscPort) {
        return List.of(FAKESMSC.toString(), "-H", "127.0.0.1", "-r", String.valueOf(smscPort), "-m", "0",
                "0 0 text unused");
    }

    /**
     * The messages in fakesmsc's output: {@code Got message N: <from to text TEXT>} or
     * {@code <from to data URLENCODED>}; other lines are skipped.
     *
     * @throws IllegalStateException for a message line of a form fakesmsc does not print
     */
    public static List<Sms> received(Iterable<String> fakesmscOutput) {
        List<Sms> out = new ArrayList<>();
        for (String line : fakesmscOutput) {
            Matcher m = GOT.matcher(line);
            if (m.find()) {
                out.add(parse(m.group(1), line));
            }
        }
        return out;
    }

    private static Sms parse(String msg, String line) {
        String[] f = msg.split(" ", 4);
        if (f.length < 4) {
            throw new IllegalStateException("unexpected fakesmsc line: " + line);
        }
        String text = switch (f[2]) {
            case "text" -> f[3];
            case "data" -> URLDecoder.decode(f[3], StandardCharsets.UTF_8);
            default -> throw new IllegalStateException("unexpected message type '" + f[2] + "' in fakesmsc line: " + line);
        };
        return new Sms(f[0], f[1], text);
    }
}
