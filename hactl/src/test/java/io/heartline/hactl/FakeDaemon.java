package io.heartline.hactl;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A daemon's control socket that answers each JSON-line request with what the test says, and keeps
 * the requests (as sent, compact JSON) so tests can check what hactl asked.
 */
final class FakeDaemon implements AutoCloseable {
    final Path socket;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final Thread thread;
    private final Function<Map<String, Object>, Map<String, Object>> answers;

    FakeDaemon(Path socket, Function<Map<String, Object>, Map<String, Object>> answers) throws IOException {
        this.socket = socket;
        this.answers = answers;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "fake-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers every request with the same answer. */
    static FakeDaemon answering(Path socket, Map<String, Object> answer) throws IOException {
        return new FakeDaemon(socket, request -> answer);
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                String line = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8))
                        .readLine();
                requests.add(line);
                Map<String, Object> answer = answers.apply(JSON.std.mapFrom(line));
                ch.write(ByteBuffer.wrap((JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(answer) + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (server.isOpen()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }
}
