package io.heartline.daemon.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.core.Clock;
import io.heartline.daemon.http.HttpLimits;
import io.heartline.daemon.http.RawHttp;
import io.heartline.daemon.http.RawHttp.Answer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated requests against the real metrics server, several clients at once: random
 * bytes, truncated heads, huge header values, bad request lines, missing or mangled CRLFs, bodies
 * announced in every way. Every connection must end in an answer with a well-formed status line or
 * a close (never a hang past the client's read timeout); the server's loop must never fail; and a
 * scrape must work afterwards. The seed is fixed ({@code -Dheartline.fuzz.seed=...} for another).
 */
class MetricsHttpFuzzTest {
    private static final int CASES = 1_200;
    private static final int CLIENTS = 8;
    private static final Set<Integer> STATUSES = Set.of(200, 400, 404, 405, 408, 413, 431, 503, 505);
    private static final String VALID = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:9670\r\nUser-Agent: Prometheus/2.53\r\n"
            + "Accept: text/plain;version=0.0.4;q=1,*/*;q=0.1\r\nAccept-Encoding: gzip\r\n\r\n";
    private static final String[] BAD_LINES = {"", " ", "GET", "GET /metrics", "GET /metrics HTTP/1.1 extra",
        "GET  /metrics HTTP/1.1", "get /metrics HTTP/1.1", "GET metrics HTTP/1.1", "GET /metrics HTTP/1.",
        "GET /metrics HTTP/11", "GET /metrics HTTP/2", "GET /metrics HTTP/3.0", "PRI * HTTP/2.0", "\u0000\u0000\u0000",
        "GET /metrics\tHTTP/1.1", "GET /m\u00e9trics HTTP/1.1", "CONNECT 127.0.0.1:9670 HTTP/1.1", "GET http:// HTTP/1.1",
        "GET /metrics?" + "q".repeat(9000) + " HTTP/1.1", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003"};

    @Test
    void everyRequestGetsAnAnswerOrACloseAndTheServerSurvives() throws Exception {
        long seed = Long.getLong("heartline.fuzz.seed", 20261206L);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("heartline.test.probe").register(registry).increment(3);
        MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                new HttpLimits(HttpLimits.DEFAULT_MAX_CONNECTIONS, Duration.ofMillis(300)), Clock.system());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            Random random = new Random(seed);
            List<Future<Answer>> answers = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                int kind = random.nextInt(10);
                byte[] request = request(kind, random);
                boolean halfClose = random.nextInt(10) != 0; // one in ten leaves its side open: the deadline ends it
                kinds.add(kind + " " + printable(request));
                answers.add(clients.submit(() -> RawHttp.exchange(server.address(), request, halfClose)));
            }
            Map<String, Integer> statuses = new TreeMap<>();
            for (int i = 0; i < CASES; i++) {
                Answer a = answers.get(i).get(60, TimeUnit.SECONDS);
                String what = "case " + i + " (seed " + seed + ", kind " + kinds.get(i) + "): " + a.head();
                assertTrue(a.status() == -1 ? a.head().isEmpty() : STATUSES.contains(a.status()), what);
                statuses.merge(a.status() == -1 ? (a.reset() ? "reset" : "closed") : Integer.toString(a.status()), 1,
                        Integer::sum);
            }
            System.out.println("MetricsHttpFuzzTest: " + CASES + " requests, statuses " + statuses + " (seed " + seed + ")");
            assertEquals(0, registry.get("heartline.metrics.http.errors").counter().count(), "loop failures");
            for (String expected : List.of("200", "400", "408", "413", "431", "505")) {
                assertTrue(statuses.containsKey(expected), "no " + expected + " in " + statuses + ": the fuzzer lost a case");
            }
            Answer scrape = RawHttp.exchange(server.address(), VALID);
            assertEquals(200, scrape.status(), scrape.head());
            assertTrue(scrape.bodyText().contains("heartline_test_probe_total 3.0"), scrape.bodyText());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.get("heartline.metrics.http.connections").gauge().value() == 0);
        } finally {
            clients.shutdownNow();
            server.close();
            registry.close();
        }
    }

    private static byte[] request(int kind, Random r) {
        byte[] valid = VALID.getBytes(StandardCharsets.ISO_8859_1);
        return switch (kind) {
            case 0 -> valid;
            case 1 -> randomBytes(r, r.nextInt(3000));
            case 2 -> mutate(valid, r, 1 + r.nextInt(6));
            case 3 -> Arrays.copyOf(valid, r.nextInt(valid.length)); // truncated head
            case 4 -> ascii("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Huge: " + "v".repeat(4000 + r.nextInt(60_000)) + "\r\n\r\n");
            case 5 -> ascii(BAD_LINES[r.nextInt(BAD_LINES.length)] + "\r\nHost: x\r\n\r\n");
            case 6 -> ascii(VALID.replace("\r\n", new String[] {"\n", "\r", "", "\n\r", "\r\r\n", " \r\n"}[r.nextInt(6)]));
            case 7 -> manyHeaders(r);
            case 8 -> withBody(r);
            default -> ascii(randomLines(r));
        };
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] mutate(byte[] valid, Random r, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = valid.clone();
        for (int t = 0; t < times; t++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] = "\r\n :\t\u0000/?"
                        .getBytes(StandardCharsets.ISO_8859_1)[r.nextInt(8)];
                case 2 -> b = splice(b, at, randomBytes(r, 1 + r.nextInt(20)), 0);
                default -> b = splice(b, at, new byte[0], 1 + r.nextInt(Math.min(20, b.length - at)));
            }
        }
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] b, int at, byte[] insert, int remove) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    private static byte[] manyHeaders(Random r) {
        StringBuilder s = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: x\r\n");
        int n = r.nextInt(2000);
        for (int i = 0; i < n; i++) {
            s.append("X-").append(i).append(": ").append(i).append("\r\n");
        }
        return ascii(s.append("\r\n").toString());
    }

    private static byte[] withBody(Random r) {
        String[] announce = {"Content-Length: 5", "Content-Length: 209715200", "Content-Length: -1", "Content-Length: abc",
            "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 0", "Transfer-Encoding: chunked",
            "Transfer-Encoding: gzip, chunked", "Content-Length: 5\r\nTransfer-Encoding: chunked",
            "Content-Length: 99999999999999999999999999"};
        String method = new String[] {"POST", "PUT", "GET", "HEAD"}[r.nextInt(4)];
        String head = method + " /metrics HTTP/1.1\r\nHost: x\r\n" + announce[r.nextInt(announce.length)] + "\r\n\r\n";
        byte[] body = randomBytes(r, r.nextInt(100_000));
        byte[] h = ascii(head);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static String randomLines(Random r) {
        StringBuilder s = new StringBuilder();
        int lines = r.nextInt(12);
        for (int i = 0; i < lines; i++) {
            int len = r.nextInt(80);
            for (int j = 0; j < len; j++) {
                s.append((char) (0x20 + r.nextInt(0x5f)));
            }
            s.append(r.nextBoolean() ? "\r\n" : "\n");
        }
        return s.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 120); i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s + (b.length > 120 ? "... (" + b.length + " bytes)" : "");
    }
}
