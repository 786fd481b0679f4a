package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Kannel;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operator's servers on an "ops" host of the lab: a real Kannel SMS gateway (bearerbox,
 * smsbox, and kannel-extras' fakesmsc as the phone network) and Postfix's smtp-sink as the mail
 * server. The daemons reach them over the LAN, as they would in production.
 */
final class OpsServers {
    static final int SENDSMS = 13013;
    static final int SMTP = 2525;
    static final String USER = "heartline";
    static final String PASSWORD = "lab-sms-pw";
    private static final int ADMIN = 13000;
    private static final int BOX = 13001;
    private static final int SMSC = 13002;

    private final Lab lab;
    private final String host;
    private final Path dir;
    private LabProcess smsbox;
    private LabProcess fakesmsc;

    OpsServers(Lab lab, String host) {
        this.lab = lab;
        this.host = host;
        this.dir = Path.of("/tmp", lab.prefix() + "ops");
        try {
            Files.createDirectories(dir.resolve("mail"));
            Shell.check("chmod", "-R", "a+rwx", dir.toString()); // smtp-sink writes as nobody
            Files.writeString(dir.resolve("kannel.conf"), kannelConf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lab.afterStop(() -> Shell.run("rm", "-rf", dir.toString()));
    }

    String ip() {
        return lab.ip(host);
    }

    String sendsmsUrl() {
        return kannelConfig().sendsmsUrl(ip());
    }

    /** The gateway's configuration: sendsms on every address, so the daemons reach it over the LAN. */
    private Kannel.Config kannelConfig() {
        return new Kannel.Config(ADMIN, BOX, SENDSMS, SMSC, null, dir, 1, USER, PASSWORD);
    }

    private String kannelConf() {
        return kannelConfig().text();
    }

    /** bearerbox and the fake SMSC; smsbox separately, so a test can leave the gateway down. */
    OpsServers startBearerbox() {
        lab.start(host, ProcessSpec.of("bearerbox", Kannel.bearerbox(dir.resolve("kannel.conf"))));
        awaitListening(BOX);
        awaitListening(SMSC);
        fakesmsc = lab.start(host, ProcessSpec.of("fakesmsc", Kannel.fakesmsc(SMSC)));
        await().atMost(Timing.scaled(Duration.ofSeconds(20))).until(() -> log("bearerbox.log").contains(Kannel.SMSC_CONNECTED));
        return this;
    }

    OpsServers startSmsbox() {
        smsbox = lab.start(host, ProcessSpec.of("smsbox", Kannel.smsbox(dir.resolve("kannel.conf"))));
        awaitListening(SENDSMS);
        return this;
    }

    OpsServers startSmtpSink() {
        lab.start(host, ProcessSpec.of("smtp-sink", "/usr/sbin/smtp-sink", "-u", "nobody", "-d",
                dir.resolve("mail") + "/%M.", ip() + ":" + SMTP, "10"));
        awaitListening(SMTP);
        return this;
    }

    private void awaitListening(int port) {
        await().atMost(Timing.scaled(Duration.ofSeconds(20))).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> !lab.tryExec(host, "ss", "-Hltn", "sport = :" + port).stdout().isBlank());
    }

    private String log(String name) {
        try {
            Path p = dir.resolve(name);
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** What the fake SMSC (the "phone network") received so far. */
    List<Kannel.Sms> sms() {
        return fakesmsc == null ? List.of() : Kannel.received(fakesmsc.outputLines());
    }

    /** Every mail smtp-sink received, as raw text (headers and body). */
    List<String> mails() {
        try (Stream<Path> files = Files.walk(dir.resolve("mail"))) {
            List<String> out = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.add(Files.readString(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
