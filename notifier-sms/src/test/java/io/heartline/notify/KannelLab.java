package io.heartline.notify;

import io.heartline.testkit.Kannel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real Kannel on 127.0.0.1 with free ports ({@link Kannel}: bearerbox with a {@code fake} SMSC,
 * {@code fakesmsc} as the "phone network", smsbox with the sendsms interface), its processes
 * started here and stopped by PID in {@link #close()}. The cluster tests run the same gateway on
 * a lab host.
 */
final class KannelLab implements AutoCloseable {
    static final String USER = "heartline";
    static final String PASSWORD = "s3cret-pw";

    private final Path dir;
    private final Kannel.Config config;
    private final Path conf;
    private final List<ServerProcess> started = new ArrayList<>();
    private ServerProcess smsboxProcess;
    private ServerProcess fakesmscProcess;

    KannelLab(Path dir) throws IOException {
        this.dir = dir;
        ServerProcess.requireTool(Kannel.BEARERBOX.toString(), "kannel");
        ServerProcess.requireTool(Kannel.SMSBOX.toString(), "kannel");
        ServerProcess.requireTool(Kannel.FAKESMSC.toString(), "kannel-extras");
        this.config = new Kannel.Config(ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort(),
                ServerProcess.freePort(), "127.0.0.1", dir, 0, USER, PASSWORD);
        this.conf = dir.resolve("kannel.conf");
        Files.writeString(conf, conf());
    }

    /** The configuration the lab runs with. */
    String conf() {
        return config.text();
    }

    /** Starts bearerbox and connects fakesmsc to its fake SMSC. */
    void startBearerboxAndSmsc() throws IOException {
        ServerProcess bb = ServerProcess.start("bearerbox", dir, Kannel.bearerbox(conf));
        started.add(bb);
        bb.awaitListening(config.boxPort(), Timing.seconds(20));
        bb.awaitListening(config.smscPort(), Timing.seconds(20));
        fakesmscProcess = ServerProcess.start("fakesmsc", dir, Kannel.fakesmsc(config.smscPort()));
        started.add(fakesmscProcess);
        Awaitility.await("fakesmsc connected to bearerbox").atMost(Timing.seconds(20))
                .until(() -> log("bearerbox.log").contains(Kannel.SMSC_CONNECTED));
    }

    /** Starts smsbox and waits until its sendsms port answers. */
    void startSmsbox() throws IOException {
        smsboxProcess = ServerProcess.start("smsbox", dir, Kannel.smsbox(conf));
        started.add(smsboxProcess);
        smsboxProcess.awaitListening(config.sendsmsPort(), Timing.seconds(20));
    }

    URI sendsmsUrl() {
        return URI.create(config.sendsmsUrl("127.0.0.1"));
    }

    /** The messages fakesmsc has received so far. */
    List<Kannel.Sms> received() {
        return fakesmscProcess == null ? List.of() : Kannel.received(List.of(fakesmscProcess.output().split("\n")));
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
