package io.heartline.daemon.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A complete answer: status, content type, extra header fields, body. The server adds
 * {@code Content-Length} and {@code Connection: close}, and leaves the body out for HEAD.
 */
public final class Response {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(413, "Content Too Large"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"),
            Map.entry(505, "HTTP Version Not Supported"));
    private static final String TEXT = "text/plain; charset=utf-8";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final List<String> fields;

    private Response(int status, String contentType, byte[] body, List<String> fields) {
        if (!REASONS.containsKey(status)) {
            throw new IllegalArgumentException("status " + status + " has no reason phrase here");
        }
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.fields = List.copyOf(fields);
    }

    /** 200 with {@code body} of {@code contentType}. */
    public static Response ok(String contentType, byte[] body) {
        return new Response(200, contentType, body, List.of());
    }

    /** {@code status} with a one-line plain text body (a newline is added). */
    public static Response text(int status, String message) {
        return new Response(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** This response with one more header field. */
    public Response withHeader(String name, String value) {
        if ((name + value).indexOf('\r') >= 0 || (name + value).indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a header field may not hold CR, LF or a colon in its name: " + name);
        }
        List<String> more = new ArrayList<>(fields);
        more.add(name + ": " + value);
        return new Response(status, contentType, body, more);
    }

    public int status() {
        return status;
    }

    /** The bytes to send: status line and fields, then the body unless {@code head}. */
    ByteBuffer[] encode(boolean head) {
        StringBuilder s = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ')
                .append(REASONS.get(status)).append("\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(body.length).append("\r\nConnection: close\r\n");
        for (String f : fields) {
            s.append(f).append("\r\n");
        }
        ByteBuffer start = ByteBuffer.wrap(s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return head || body.length == 0 ? new ByteBuffer[] {start} : new ByteBuffer[] {start, ByteBuffer.wrap(body)};
    }
}
