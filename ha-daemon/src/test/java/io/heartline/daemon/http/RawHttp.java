package io.heartline.daemon.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** HTTP at the byte level over a real socket: what a hostile or broken client would send. */
public final class RawHttp {
    /** How long a test client waits for an answer or a close before the server is deemed hung. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /**
     * What came back before the server closed: the status (-1 when no status line came), the head
     * as text, the body bytes, and whether the connection ended in a reset rather than a clean close.
     */
    public record Answer(int status, String head, byte[] body, boolean reset) {
        /** A header field's value, or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public static Socket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, READ_TIMEOUT_MILLIS);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        return s;
    }

    /** Sends {@code request} on a new connection and reads until the server closes it. */
    public static Answer exchange(InetSocketAddress server, String request) throws IOException {
        return exchange(server, request.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /**
     * Sends {@code request} (half-closing afterwards when {@code shutdownOutput}) and reads until the
     * server closes. A server that closes while the request is still being sent is fine: what it
     * answered is read all the same.
     */
    public static Answer exchange(InetSocketAddress server, byte[] request, boolean shutdownOutput) throws IOException {
        try (Socket s = connect(server)) {
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                if (shutdownOutput) {
                    s.shutdownOutput();
                }
            } catch (SocketException e) {
                // the server answered and closed before taking it all: read what it said
            }
            return read(s);
        }
    }

    /** Reads until end of stream or a reset; a read timeout propagates (the server neither answered nor closed). */
    public static Answer read(Socket s) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean reset = false;
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketException e) {
            if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
                throw e;
            }
            reset = true;
        }
        return parse(got.toByteArray(), reset);
    }

    static Answer parse(byte[] bytes, boolean reset) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        byte[] body = end < 0 ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
        int status = -1;
        if (head.startsWith("HTTP/1.1 ") && head.length() >= 12) {
            try {
                status = Integer.parseInt(head.substring(9, 12));
            } catch (NumberFormatException e) {
                status = -1;
            }
        }
        return new Answer(status, head, body, reset);
    }
}
