package io.heartline.daemon.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a complete request head (RFC 9112): a pure function of its bytes. Strict where leniency
 * costs safety: one space between the request line's three parts, token methods and field names,
 * no obsolete line folding, no control characters in values, exactly one {@code Host} in HTTP/1.1.
 * Lenient where it is harmless: a bare LF ends a line like CRLF does (RFC 9112 §2.2).
 *
 * <p>A request that announces a body ({@code Content-Length} above zero, or any
 * {@code Transfer-Encoding}) is a 413: the servers built on this never read a body.
 */
final class RequestParser {
    private RequestParser() {
    }

    /**
     * The request in {@code head[from, to)}: the request line, each field line, and the empty line
     * that ends them (leading empty lines already skipped).
     *
     * @throws Rejection 400 malformed, 505 an HTTP version other than 1.0 and 1.1, 413 a body announced
     */
    static Request parse(byte[] head, int from, int to) throws Rejection {
        int eol = lineEnd(head, from, to);
        String[] line = requestLine(head, from, trimCr(head, from, eol));
        Map<String, String> fields = new LinkedHashMap<>();
        int hosts = 0;
        String contentLength = null;
        for (int start = eol + 1; start < to; ) {
            int end = lineEnd(head, start, to);
            int stop = trimCr(head, start, end);
            if (stop == start) {
                break;
            }
            String name = fieldName(head, start, stop);
            String value = fieldValue(head, start + name.length() + 1, stop);
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("host")) {
                hosts++;
            } else if (key.equals("content-length")) {
                if (contentLength != null && !contentLength.equals(value)) {
                    throw new Rejection(400, "conflicting Content-Length fields");
                }
                contentLength = value;
            }
            fields.merge(key, value, (a, b) -> a + ", " + b);
            start = end + 1;
        }
        String version = line[2];
        if (hosts > 1 || (hosts == 0 && version.equals("HTTP/1.1"))) {
            throw new Rejection(400, "an HTTP/1.1 request needs exactly one Host field");
        }
        if (fields.containsKey("transfer-encoding")) {
            throw new Rejection(413, "a request body is not accepted here (Transfer-Encoding)");
        }
        if (contentLength != null && announcesBody(contentLength)) {
            throw new Rejection(413, "a request body is not accepted here (Content-Length " + contentLength + ")");
        }
        String target = line[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        return new Request(line[0], path, query, version, fields);
    }

    /**
     * Checks the request line alone, as soon as it has arrived, so garbage is refused before its
     * sender has used up the head's bytes or time.
     *
     * @throws Rejection 400 or 505, as {@link #parse} would
     */
    static void checkRequestLine(byte[] head, int from, int eol) throws Rejection {
        requestLine(head, from, trimCr(head, from, eol));
    }

    /** method, target (origin-form, an absolute-form target reduced to its path) and version. */
    private static String[] requestLine(byte[] b, int from, int to) throws Rejection {
        int sp1 = indexOf(b, from, to, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(b, sp1 + 1, to, (byte) ' ');
        if (sp1 <= from || sp2 <= sp1 + 1 || sp2 == to - 1 || indexOf(b, sp2 + 1, to, (byte) ' ') >= 0) {
            throw new Rejection(400, "bad request line: want METHOD SP target SP HTTP/1.1");
        }
        for (int i = from; i < sp1; i++) {
            if (!isTchar(b[i])) {
                throw new Rejection(400, "bad request line: the method is not a token");
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (b[i] < 0x21 || b[i] > 0x7e) {
                throw new Rejection(400, "bad request line: the target has a character it may not have");
            }
        }
        String version = ascii(b, sp2 + 1, to);
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            if (version.matches("HTTP/[0-9]\\.[0-9]")) {
                throw new Rejection(505, "only HTTP/1.0 and HTTP/1.1 are served here, not " + version);
            }
            throw new Rejection(400, "bad request line: the version is not HTTP/1.1");
        }
        return new String[] {ascii(b, from, sp1), originForm(ascii(b, sp1 + 1, sp2)), version};
    }

    private static String originForm(String target) throws Rejection {
        if (target.startsWith("/")) {
            return target;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"http://", "https://"}) {
            if (lower.startsWith(scheme)) {
                int slash = target.indexOf('/', scheme.length());
                int query = target.indexOf('?', scheme.length());
                if (slash < 0 || (query >= 0 && query < slash)) {
                    return "/" + (query < 0 ? "" : target.substring(query));
                }
                return target.substring(slash);
            }
        }
        throw new Rejection(400, "bad request line: the target must start with / (or be an http:// URL)");
    }

    private static String fieldName(byte[] b, int from, int to) throws Rejection {
        if (b[from] == ' ' || b[from] == '\t') {
            throw new Rejection(400, "bad header: folded lines (starting with white space) are not accepted");
        }
        int colon = indexOf(b, from, to, (byte) ':');
        if (colon <= from) {
            throw new Rejection(400, "bad header: want name: value");
        }
        for (int i = from; i < colon; i++) {
            if (!isTchar(b[i])) {
                throw new Rejection(400, "bad header: the name is not a token");
            }
        }
        return ascii(b, from, colon);
    }

    private static String fieldValue(byte[] b, int from, int to) throws Rejection {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new Rejection(400, "bad header: a control character in a value");
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** 1*DIGIT, true unless every digit is 0; anything else (sign, list, space, empty) is a 400. */
    private static boolean announcesBody(String contentLength) throws Rejection {
        if (contentLength.isEmpty()) {
            throw new Rejection(400, "bad Content-Length: empty");
        }
        boolean nonZero = false;
        for (int i = 0; i < contentLength.length(); i++) {
            char c = contentLength.charAt(i);
            if (c < '0' || c > '9') {
                throw new Rejection(400, "bad Content-Length: not a number");
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    /** Index of the LF ending the line that starts at {@code from}, or {@code to}. */
    static int lineEnd(byte[] b, int from, int to) {
        int i = indexOf(b, from, to, (byte) '\n');
        return i < 0 ? to : i;
    }

    private static int trimCr(byte[] b, int from, int eol) {
        return eol > from && b[eol - 1] == '\r' ? eol - 1 : eol;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 9110 tchar: {@code !#$%&'*+-.^_`|~}, digits and letters. */
    private static boolean isTchar(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
