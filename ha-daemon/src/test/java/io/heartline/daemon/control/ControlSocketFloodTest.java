package io.heartline.daemon.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 connections opened and dropped by four threads, some with garbage, some with half a line,
 * while an operator asks status over and over: every status is answered, and afterwards no
 * connection is left open, no thread was added per connection and the heap is where it was.
 */
class ControlSocketFloodTest {
    static final int CONNECTIONS = 10_000;
    static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void aFloodOfDroppedConnectionsLeavesNothingBehindAndStatusIsAlwaysAnswered() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        Path socket = dir.resolve("control.sock");
        long heapBefore = usedHeapAfterGc();
        int threadsBefore = Thread.activeCount();
        long started = System.nanoTime();
        try (ControlServer server = new ControlServer(socket, ControlSettings.DEFAULTS, new TestClock(),
                ControlServerLimitsTest.echo(handled))) {
            server.start();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger statuses = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            Future<?> operator = pool.submit(() -> {
                while (flooding.get()) {
                    String answer = Clients.ask(socket, "{\"cmd\":\"status\"}\n");
                    assertEquals("{\"ok\":true,\"message\":\"status\"}\n", answer);
                    statuses.incrementAndGet();
                }
                return null;
            });
            List<Future<int[]>> flooders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                flooders.add(pool.submit(() -> flood(socket, CONNECTIONS / THREADS, new Random(seed))));
            }
            int[] kinds = new int[4];
            for (Future<int[]> f : flooders) {
                int[] k = f.get(5, TimeUnit.MINUTES);
                for (int i = 0; i < kinds.length; i++) {
                    kinds[i] += k[i];
                }
            }
            flooding.set(false);
            operator.get(1, TimeUnit.MINUTES);
            pool.shutdown();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.openConnections() == 0);
            long tookMs = (System.nanoTime() - started) / 1_000_000L;
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            int threadGrowth = Thread.activeCount() - threadsBefore;
            System.out.printf("ControlSocketFloodTest: %d connections (%d dropped at once, %d garbage, %d half a line,"
                            + " %d garbage then read) and %d status answered in %d ms; %d handled, %d refused busy,"
                            + " 0 open after; heap %+d KiB, threads %+d%n",
                    CONNECTIONS, kinds[0], kinds[1], kinds[2], kinds[3], statuses.get(), tookMs, handled.get(),
                    server.refusedBusy(), heapGrowth / 1024, threadGrowth);
            assertTrue(statuses.get() > 0, "status was asked");
            assertTrue(heapGrowth < 16L << 20, "heap grew by " + heapGrowth + " bytes");
            assertTrue(threadGrowth <= THREADS + 4, "threads grew by " + threadGrowth);
        }
    }

    /** Connects {@code n} times, each time doing one of four rude things; counts of each. */
    private static int[] flood(Path socket, int n, Random random) throws IOException {
        int[] kinds = new int[4];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            kinds[kind]++;
            try (SocketChannel ch = Clients.connect(socket)) {
                switch (kind) {
                    case 0 -> { }
                    case 1 -> ch.write(bytes("garbage " + i + "\n"));
                    case 2 -> ch.write(bytes("{\"cmd\":\"stat"));
                    default -> {
                        ch.write(bytes("\u0000\u00ff not json\n"));
                        ch.shutdownOutput();
                        assertTrue(Clients.readToEnd(ch).startsWith("{\"ok\":false,\"error\":"));
                    }
                }
            } catch (IOException e) {
                // a write may meet a daemon that already answered and closed: that is the point
            }
        }
        return kinds;
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
