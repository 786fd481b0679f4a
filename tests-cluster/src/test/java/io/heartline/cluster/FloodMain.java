package io.heartline.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile local user and a hostile network, run by {@link HostileInputIT} inside a namespace:
 * {@code FloodMain KIND TARGET COUNT THREADS SEED [MIN_MS]}, where KIND is
 * <ul>
 *   <li>{@code unix}: COUNT connections to the control socket at TARGET (a path), each opened and
 *       dropped: at once, after garbage, after half a request line, or after an over-long line;</li>
 *   <li>{@code http}: COUNT connections to TARGET (host:port, the metrics listener) with garbage,
 *       half heads, a POST announcing a 200 MB body, or nothing at all;</li>
 *   <li>{@code udp}: COUNT datagrams of random bytes (1..1400) to each TARGET (host:port,host:port,...).</li>
 * </ul>
 * It sends at least COUNT, and goes on until MIN_MS (default 0) have passed, so that a flood
 * outlasts the fault it is meant to overlap. Prints {@code flood: started} first, then one line
 * {@code flood KIND: N tried, outcomes {...} in MS ms}.
 * Never more than THREADS connections open at once, so the daemon's connection caps are not what
 * is tested here; bounded in count and by a 120 s deadline.
 */
public final class FloodMain {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

    private FloodMain() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String target = args[1];
        int count = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        long minNanos = TimeUnit.MILLISECONDS.toNanos(args.length > 5 ? Long.parseLong(args[5]) : 0);
        System.out.println("flood: started");
        System.out.flush();
        long t0 = System.nanoTime();
        AtomicLong next = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            Thread w = new Thread(() -> {
                for (long i; ((i = next.getAndIncrement()) < count || System.nanoTime() - t0 < minNanos)
                        && System.nanoTime() - t0 < DEADLINE_NANOS; ) {
                    try {
                        count(switch (kind) {
                            case "unix" -> unix(target, random);
                            case "http" -> http(target, random);
                            case "udp" -> udp(target, random);
                            default -> throw new IllegalArgumentException("kind " + kind);
                        });
                    } catch (IOException e) {
                        count("io-" + e.getClass().getSimpleName());
                    }
                }
            }, "flood-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        long tried = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((k, v) -> sorted.put(k, v.get()));
        System.out.println("flood " + kind + ": " + tried + " tried, outcomes " + sorted + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    private static void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private static String unix(String path, Random random) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            int what = random.nextInt(4);
            byte[] payload = switch (what) {
                case 0 -> new byte[0]; // open and drop
                case 1 -> randomBytes(random, 1 + random.nextInt(512)); // garbage
                case 2 -> "{\"cmd\":\"sta".getBytes(StandardCharsets.UTF_8); // half a line, then gone
                default -> "x".repeat(70_000).getBytes(StandardCharsets.UTF_8); // over the request limit
            };
            if (payload.length > 0) {
                ch.write(ByteBuffer.wrap(payload));
            }
            return "unix-" + List.of("drop", "garbage", "half-line", "over-long").get(what);
        }
    }

    private static String http(String hostPort, Random random) throws IOException {
        InetSocketAddress to = address(hostPort);
        try (Socket s = new Socket()) {
            s.connect(to, 2_000);
            s.setSoTimeout(2_000);
            int what = random.nextInt(4);
            OutputStream out = s.getOutputStream();
            switch (what) {
                case 0 -> out.write(randomBytes(random, 1 + random.nextInt(2048)));
                case 1 -> out.write("GET /metr".getBytes(StandardCharsets.US_ASCII));
                case 2 -> out.write(("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 200000000\r\n\r\n"
                        + "x".repeat(4096)).getBytes(StandardCharsets.US_ASCII));
                default -> {
                    // connect and drop
                }
            }
            if (what == 2) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[64];
                int n = in.read(buf);
                return n > 0 ? "http-post-answered-" + new String(buf, 9, Math.min(3, Math.max(0, n - 9)),
                        StandardCharsets.US_ASCII) : "http-post-closed";
            }
            return "http-" + List.of("garbage", "half-head", "post", "drop").get(what);
        }
    }

    /** Each target is host:port, or group:port@iface for a multicast group sent out of iface. */
    private static String udp(String targets, Random random) throws IOException {
        try (java.net.MulticastSocket socket = new java.net.MulticastSocket()) {
            for (String t : targets.split(",")) {
                int at = t.indexOf('@');
                if (at > 0) {
                    socket.setNetworkInterface(java.net.NetworkInterface.getByName(t.substring(at + 1)));
                    t = t.substring(0, at);
                }
                byte[] b = randomBytes(random, 1 + random.nextInt(1400));
                socket.send(new DatagramPacket(b, b.length, address(t)));
            }
        }
        return "udp-sent";
    }

    private static InetSocketAddress address(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
