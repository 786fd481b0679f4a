package io.heartline.hactl;

import io.heartline.core.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * It runs {@code status} (text, JSON, the socket read from a config: {@link QuickStatus}'s path),
 * {@code status --watch} once and {@code --help} (picocli's path) against a canned answer on a
 * socket of its own, and returns the worst exit code, so the archive holds the classes of the path
 * an operator takes, not of whatever the first real run happened to do (a first run against a stopped daemon would leave out the
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
        Path config = dir.resolve("heartline.conf");
        Files.writeString(config, "heartline { control-socket = \"" + socket + "\" }\n");
        int worst = 0;
        PrintStream out = System.out;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread daemon = new Thread(() -> serve(server, answer), "cds-training");
            daemon.setDaemon(true);
            daemon.start();
            // QuickStatus's path, as `hactl status` takes it: the socket given, or read from the config
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            for (String[] args : new String[][]{{"status", "--socket", socket.toString()},
                    {"status", "--output", "json", "--socket", socket.toString()}, {"status", "--config", config.toString()}}) {
                worst = Math.max(worst, QuickStatus.run(args).orElse(ExitCode.SOFTWARE.code()));
            }
            // picocli's path, for every other command
            for (String[] args : new String[][]{{"status", "--watch", "1", "--socket", socket.toString()}, {"--help"}}) {
                picocli.CommandLine cl = Hactl.commandLine(new Env(Env.system().clock(), interval -> false,
                        Env.system().interfaces()), args[0]);
                cl.setOut(new PrintWriter(new StringWriter()));
                cl.setErr(new PrintWriter(new StringWriter()));
                worst = Math.max(worst, cl.execute(args));
            }
        } finally {
            System.setOut(out);
            Files.deleteIfExists(socket);
            Files.deleteIfExists(config);
            Files.deleteIfExists(dir);
        }
        return worst;
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
