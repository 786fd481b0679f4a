package io.heartline.notify;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A real Kannel on 127.0.0.1 with free ports: bearerbox with a {@code fake} SMSC, Kannel's
 * {@code fakesmsc} test client connected to it as the "phone network", and smsbox with the
 * sendsms interface. Every process is started here and stopped by PID in {@link #close()}.
 * What reached the SMSC is read from fakesmsc's output: {@code Got message N: <from to text ...>}.
 */
final class KannelLab implements AutoCloseable {
    static final String USER = "heartline";
    static final String PASSWORD = "s3cret-pw";

    /** One message the fake SMSC received. */
    record Received(String from, String to, String text) {
    }

    private static final Pattern GOT = Pattern.compile("Got message \\d+: <(.*)>\\s*$");

    private final Path dir;
    private final Path bearerbox;
    private final Path smsbox;
    private final Path fakesmsc;
    private final int adminPort;
    private final int boxPort;
    private final int sendsmsPort;
    private final int smscPort;
    private final Path conf;
    private final List<ServerProcess> started = new ArrayList<>();
    private ServerProcess smsboxProcess;
    private ServerProcess fakesmscProcess;

    KannelLab(Path dir) throws IOException {
        this.dir = dir;
        this.bearerbox = ServerProcess.requireTool("/usr/sbin/bearerbox", "kannel");
        this.smsbox = ServerProcess.requireTool("/usr/sbin/smsbox", "kannel");
        this.fakesmsc = ServerProcess.requireTool("/usr/lib/kannel/test/fakesmsc", "kannel-extras");
        this.adminPort = ServerProcess.freePort();
        this.boxPort = ServerProcess.freePort();
        this.sendsmsPort = ServerProcess.freePort();
        this.smscPort = ServerProcess.freePort();
        this.conf = dir.resolve("kannel.conf");
        Files.writeString(conf, conf());
    }

    /** The configuration the lab runs with. */
    String conf() {
        return """
                group = core
                admin-port = %d
                admin-interface = 127.0.0.1
                admin-password = lab-admin
                smsbox-port = %d
                smsbox-interface = 127.0.0.1
                box-allow-ip = 127.0.0.1
                log-level = 0
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
                sendsms-interface = 127.0.0.1
                log-level = 0
                log-file = "%s/smsbox.log"

                group = sendsms-user
                username = %s
                password = %s
                """.formatted(adminPort, boxPort, dir, smscPort, boxPort, sendsmsPort, dir, USER, PASSWORD);
    }

    /** Starts bearerbox and connects fakesmsc to its fake SMSC. */
    void startBearerboxAndSmsc() throws IOException {
        ServerProcess bb = ServerProcess.start("bearerbox", dir, List.of(bearerbox.toString(), "-v", "1", conf.toString()));
        started.add(bb);
        bb.awaitListening(boxPort, Timing.seconds(20));
        bb.awaitListening(smscPort, Timing.seconds(20));
        fakesmscProcess = ServerProcess.start("fakesmsc", dir, List.of(fakesmsc.toString(), "-H", "127.0.0.1",
                "-r", String.valueOf(smscPort), "-m", "0", "0 0 text unused"));
        started.add(fakesmscProcess);
        Awaitility.await("fakesmsc connected to bearerbox").atMost(Timing.seconds(20))
                .until(() -> log("bearerbox.log").contains("Fakesmsc client connected"));
    }

    /** Starts smsbox and waits until its sendsms port answers. */
    void startSmsbox() throws IOException {
        smsboxProcess = ServerProcess.start("smsbox", dir, List.of(smsbox.toString(), "-v", "1", conf.toString()));
        started.add(smsboxProcess);
        smsboxProcess.awaitListening(sendsmsPort, Timing.seconds(20));
    }

    URI sendsmsUrl() {
        return URI.create("http://127.0.0.1:" + sendsmsPort + "/cgi-bin/sendsms");
    }

    /** The messages fakesmsc has received so far. */
    List<Received> received() {
        List<Received> out = new ArrayList<>();
        if (fakesmscProcess == null) {
            return out;
        }
        for (String line : fakesmscProcess.output().split("\n")) {
            Matcher m = GOT.matcher(line);
            if (m.find()) {
                out.add(parse(m.group(1), line));
            }
        }
        return out;
    }

    /** {@code from to text TEXT} or {@code from to data URLENCODED} (the fake SMSC's line format). */
    private static Received parse(String msg, String line) {
        String[] f = msg.split(" ", 4);
        if (f.length < 4) {
            fail("unexpected fakesmsc line: " + line);
        }
        String text = switch (f[2]) {
            case "text" -> f[3];
            case "data" -> URLDecoder.decode(f[3], StandardCharsets.UTF_8);
            default -> fail("unexpected message type '" + f[2] + "' in fakesmsc line: " + line);
        };
        return new Received(f[0], f[1], text);
    }

    String log(String name) {
        try {
            Path p = dir.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + name + ": " + e + ")";
        }
    }

    /** What went on, for failure messages. */
    String diagnostics() {
        StringBuilder s = new StringBuilder();
        for (ServerProcess p : started) {
            s.append("--- ").append(p.pid()).append(p.alive() ? " running" : " exited").append('\n').append(tail(p.output()));
        }
        s.append("--- smsbox.log\n").append(tail(log("smsbox.log")));
        s.append("--- bearerbox.log\n").append(tail(log("bearerbox.log")));
        return s.toString();
    }

    private static String tail(String s) {
        return s.length() <= 3000 ? s : "..." + s.substring(s.length() - 3000);
    }

    /** Stops smsbox, fakesmsc and bearerbox by PID, whatever happened before. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
