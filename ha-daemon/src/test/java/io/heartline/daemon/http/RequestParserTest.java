package io.heartline.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The request head parser alone: what it accepts, and the status of everything it refuses. */
class RequestParserTest {
    private static Request parse(String head) throws Rejection {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return RequestParser.parse(b, 0, b.length);
    }

    private static int status(String head) {
        return assertThrows(Rejection.class, () -> parse(head)).status();
    }

    @Test
    void aPlainGetIsParsed() throws Exception {
        Request r = parse("GET /metrics?name[]=x HTTP/1.1\r\nHost: localhost:9670\r\nAccept: */*\r\n"
                + "X-A: 1\r\nx-a:  2 \r\n\r\n");
        assertEquals("GET", r.method());
        assertEquals("/metrics", r.path());
        assertEquals("name[]=x", r.query());
        assertEquals("HTTP/1.1", r.version());
        assertEquals("localhost:9670", r.headers().get("host"));
        assertEquals("1, 2", r.headers().get("x-a"));
    }

    @Test
    void bareLineFeedsAndHttp10WithoutHostAreAccepted() throws Exception {
        assertEquals("/metrics", parse("GET /metrics HTTP/1.1\nHost: x\n\n").path());
        assertEquals("HTTP/1.0", parse("HEAD /metrics HTTP/1.0\r\n\r\n").version());
    }

    @Test
    void anAbsoluteFormTargetIsReducedToItsPath() throws Exception {
        assertEquals("/metrics", parse("GET http://127.0.0.1:9670/metrics HTTP/1.1\r\nHost: x\r\n\r\n").path());
        Request bare = parse("GET HTTP://127.0.0.1:9670?a=b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals("/", bare.path());
        assertEquals("a=b", bare.query());
    }

    @Test
    void aZeroContentLengthIsNoBody() throws Exception {
        assertEquals("POST", parse("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 000\r\n\r\n").method());
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource(delimiter = '|', value = {
        "GET  /metrics HTTP/1.1\\r\\nHost: x                         | 400",
        "GET /metrics HTTP/1.1 \\r\\nHost: x                         | 400",
        "GET /metrics\\r\\nHost: x                                   | 400",
        "G(T /metrics HTTP/1.1\\r\\nHost: x                          | 400",
        "GET metrics HTTP/1.1\\r\\nHost: x                           | 400",
        "GET * HTTP/1.1\\r\\nHost: x                                 | 400",
        "GET /me\\u0001trics HTTP/1.1\\r\\nHost: x                   | 400",
        "GET /metrics http/1.1\\r\\nHost: x                          | 400",
        "GET /metrics HTTP/1.10\\r\\nHost: x                         | 400",
        "GET /metrics HTTP/2.0\\r\\nHost: x                          | 505",
        "GET /metrics HTTP/0.9\\r\\nHost: x                          | 505",
        "GET /metrics HTTP/1.1                                       | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nHost: y             | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\n folded             | 400",
        "GET /metrics HTTP/1.1\\r\\nHost : x                         | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nno colon            | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\n: empty             | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\ry                      | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\u0000                   | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: -1  | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1,1 | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nContent-Length:     | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 0\\r\\nContent-Length: 5 | 400",
        "GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1   | 413",
        "POST /metrics HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 209715200 | 413",
        "POST /metrics HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 99999999999999999999999 | 413",
        "POST /metrics HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked | 413",
        "POST /metrics HTTP/1.1\\r\\nHost: x\\r\\ntransfer-encoding: identity | 413",
    })
    void refusals(String head, int status) {
        String h = head.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001")
                .replace("\\u0000", "\u0000") + "\r\n\r\n";
        assertEquals(status, status(h));
    }
}
