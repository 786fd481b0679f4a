package io.heartline.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} on 127.0.0.1 and a free port, dumping each message it accepts to
 * a file ({@code -d DIR/%Y%m%d%H/%M.}) that the test reads back as a MIME message with the
 * envelope in smtp-sink's {@code X-Mail-Args} and {@code X-Rcpt-Args} headers.
 */
final class SmtpSink implements AutoCloseable {
    private final Path dumps;
    private final int port;
    private final ServerProcess process;

    /** Starts smtp-sink; {@code options} are extra smtp-sink flags, e.g. {@code -f RCPT}. */
    SmtpSink(Path dir, String... options) throws IOException {
        Path tool = ServerProcess.requireTool("/usr/sbin/smtp-sink", "postfix");
        this.dumps = dir.resolve("mail");
        Files.createDirectories(dumps);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // smtp-sink must drop root (-u nobody), and nobody must be able to write the dumps.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        this.port = ServerProcess.freePort();
        List<String> cmd = new ArrayList<>(List.of(tool.toString()));
        if (root) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-d", dumps + "/%Y%m%d%H/%M.", "127.0.0.1:" + port, "10"));
        this.process = ServerProcess.start("smtp-sink", dir, cmd);
        try {
            process.awaitListening(port, Timing.seconds(10));
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** The messages received so far. */
    List<MimeMessage> messages() throws IOException, MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        Session session = Session.getInstance(new Properties());
        try (Stream<Path> files = Files.walk(dumps)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(new MimeMessage(session, in));
                }
            }
        }
        return out;
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
