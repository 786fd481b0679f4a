package io.heartline.daemon.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A client of an event stream over a real socket: sends its request, then reads what arrives. */
public final class SseClient implements AutoCloseable {
    private final Socket socket;
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();

    public SseClient(InetSocketAddress at, String request) throws IOException {
        socket = RawHttp.connect(at);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Socket socket() {
        return socket;
    }

    /** Reads until what arrived contains {@code text}; fails after {@link RawHttp#READ_TIMEOUT_MILLIS} without it. */
    public String until(String text) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (!text().contains(text)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed before " + text + " arrived; got: " + text());
            }
            got.write(buf, 0, n);
        }
        return text();
    }

    /** True when the server closed the connection (within the read timeout). */
    public boolean closedByServer() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Everything received so far. */
    public String text() {
        return got.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
