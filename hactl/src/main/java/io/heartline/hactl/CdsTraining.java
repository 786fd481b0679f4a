package io.heartline.hactl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code hactl __cds-training}: what the launcher runs once to write hactl's class-data archive.
 * It runs {@code status} (text and JSON) and {@code --help} against a canned answer on a socket of
 * its own, so the archive holds the classes of the path an operator takes, not of whatever the
 * first real run happened to do (a first run against a stopped daemon would leave out the
 * JSON parsing and rendering).
 */
final class CdsTraining {
    static final String COMMAND = "__cds-training";

    private CdsTraining() {
    }

    static int run() throws IOException, InterruptedException {
        byte[] answer;
        try (InputStream in = CdsTraining.class.getResourceAsStream("cds-training-status.json")) {
            answer = in.readAllBytes();
        }
        Path dir = Files.createTempDirectory("hactl-cds");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread daemon = new Thread(() -> serve(server, answer), "cds-training");
            daemon.setDaemon(true);
            daemon.start();
            for (String[] args : new String[][]{{"status", "--socket", socket.toString()},
                    {"status", "--output", "json", "--socket", socket.toString()}, {"--help"}}) {
                picocli.CommandLine cl = Hactl.commandLine(Env.system(), args[0]);
                cl.setOut(new PrintWriter(new StringWriter()));
                cl.setErr(new PrintWriter(new StringWriter()));
                cl.execute(args);
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private static void serve(ServerSocketChannel server, byte[] answer) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                ch.read(ByteBuffer.allocate(64 * 1024));
                ch.write(ByteBuffer.wrap(answer));
            } catch (IOException e) {
                return;
            }
        }
    }
}
