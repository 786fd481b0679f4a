package io.heartline.daemon.control;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control socket: a Unix domain socket for root and, when the system has a group named
 * {@value #GROUP} (the .deb creates it), for that group's members: mode 0660 and group
 * {@value #GROUP} (in a directory made 0750 with that group when the daemon creates it); without
 * such a group, root only (0600 in 0700). One JSON request line per connection, one JSON answer line back:
 * {@code {"cmd":"status"}} → {@code {"ok":true,"result":{...}}} or {@code {"ok":false,"error":"..."}}.
 * A bad request gets an error naming what was wrong; it never reaches the cluster state.
 */
public final class ControlServer implements AutoCloseable {
    static final int MAX_REQUEST = 64 * 1024;
    static final String GROUP = "heartline";
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private final Path path;
    private final ControlHandler handler;
    private final ExecutorService clients = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "heartline-control");
        t.setDaemon(true);
        return t;
    });
    private ServerSocketChannel server;
    private Thread acceptor;

    public ControlServer(Path path, ControlHandler handler) {
        this.path = path;
        this.handler = handler;
    }

    public void start() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        java.nio.file.attribute.GroupPrincipal group = operatorGroup();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (group != null) {
                Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            }
        }
        if (Files.exists(path)) {
            if (answers(path)) {
                throw new IOException("another daemon answers on control socket " + path);
            }
            Files.delete(path); // left by a daemon that died
        }
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        if (group != null) {
            Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
        acceptor = new Thread(this::acceptLoop, "heartline-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("control socket {}", path);
    }

    /** The {@value #GROUP} group, or null when this system has none. */
    private static java.nio.file.attribute.GroupPrincipal operatorGroup() {
        try {
            return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(GROUP);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean answers(Path path) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                clients.execute(() -> serve(ch));
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("control socket accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            String line = readLine(ch);
            Map<String, Object> answer = handle(line);
            ch.write(ByteBuffer.wrap((JSON.std.asString(answer) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            log.debug("control client went away: {}", e.toString());
        }
    }

    private Map<String, Object> handle(String line) {
        if (line == null) {
            return error("request too long or not terminated by a newline (at most " + MAX_REQUEST + " bytes)");
        }
        Map<String, Object> request;
        try {
            request = JSON.std.mapFrom(line);
        } catch (IOException | RuntimeException e) {
            return error("request is not a JSON object: " + firstLine(e.getMessage()));
        }
        if (request == null) {
            return error("request is not a JSON object");
        }
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            log.error("control request {} failed", request, e);
            return error("internal error: " + e);
        }
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", message);
        return m;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String readLine(SocketChannel ch) throws IOException {
        var in = Channels.newInputStream(ch);
        byte[] buf = new byte[MAX_REQUEST];
        int n = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return new String(buf, 0, n, StandardCharsets.UTF_8);
            }
            if (n == buf.length) {
                drain(in); // read what is left of the line, so that the client gets the error, not a reset
                return null;
            }
            buf[n++] = (byte) b;
        }
        return n == 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** Discards the rest of an over-long request, at most 1 MiB, up to its newline. */
    private static void drain(java.io.InputStream in) throws IOException {
        for (int i = 0, b; i < (1 << 20) && (b = in.read()) >= 0 && b != '\n'; i++) {
            // discard
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("closing control socket: {}", e.toString());
        }
        clients.shutdownNow();
    }
}
