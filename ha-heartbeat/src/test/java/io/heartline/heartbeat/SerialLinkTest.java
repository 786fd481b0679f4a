package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.heartline.heartbeat.ScriptedLine.Port;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The reader loop of {@link SerialLink} on a scripted line, in virtual time: it reads, notices a
 * failure, backs off 50 ms doubling to 2 s, reopens, reports each change once, and stops on close.
 * The loop runs on the test thread ({@link SerialLink#run()}); scripts end by closing the link.
 */
class SerialLinkTest {
    private static final SerialLinkSettings SETTINGS = new SerialLinkSettings("serial", "/dev/ttyTEST", 9600);
    private static final String UP = "up /dev/ttyTEST at 9600 baud";

    private final ScriptedLine line = new ScriptedLine();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final SerialLink link = new SerialLink(SETTINGS, line, line, line.clock, new SerialLink.Events() {
        @Override
        public void received(byte[] buf, int len) {
            events.add("bytes " + Arrays.toString(Arrays.copyOf(buf, len)));
        }

        @Override
        public void up(String detail) {
            events.add("up " + detail);
        }

        @Override
        public void down(String detail) {
            events.add("down " + detail);
        }
    });
    private final Logger logger = (Logger) LoggerFactory.getLogger(SerialLink.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
        logger.setLevel(null);
        logger.setAdditive(true);
        link.close();
    }

    @Test
    void readsUntilTheDeviceFailsThenReopensWithDoublingBackoff() throws IOException {
        Port first = new Port().thenBytes((byte) 1, (byte) 2, (byte) 3).thenError("read failed (errno 5 EIO)");
        Port second = new Port().thenBytes((byte) 4).then(link::close);
        line.thenPort(first).thenFailures(9, "/dev/ttyTEST: no such device").thenPort(second);

        link.open();
        link.run();

        assertEquals(millis(50, 100, 200, 400, 800, 1600, 2000, 2000, 2000, 2000), line.sleeps);
        assertEquals(List.of(UP, "bytes [1, 2, 3]", "down read failed (errno 5 EIO)", UP, "bytes [4]"), events);
        assertTrue(first.closed, "the failed port was closed before reopening");
        assertTrue(second.closed, "closing the link releases the port");
        assertFalse(link.isUp());
    }

    @Test
    void backoffStartsOverAfterEveryOutage() throws IOException {
        Port first = new Port().thenError("EIO");
        Port second = new Port().thenError("EIO again");
        Port third = new Port().then(link::close);
        line.thenPort(first).thenFailures(3, "gone").thenPort(second).thenFailures(1, "gone").thenPort(third);

        link.open();
        link.run();

        assertEquals(millis(50, 100, 200, 400, 50, 100), line.sleeps);
        assertEquals(List.of(UP, "down EIO", UP, "down EIO again", UP), events);
    }

    @Test
    void logsOneWarningPerOutageAndOneLineWhenItEnds() throws IOException {
        line.thenPort(new Port().thenError("read failed (errno 5 EIO)"))
                .thenFailures(20, "/dev/ttyTEST: no such device")
                .thenPort(new Port().then(link::close));

        link.open();
        link.run();

        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertEquals(1, warnings.size(), "one warning for the whole outage: " + warnings);
        assertTrue(warnings.get(0).getFormattedMessage().contains("serial: link down on /dev/ttyTEST: read failed"),
                warnings.get(0).getFormattedMessage());
        List<ILoggingEvent> infos = logs.list.stream().filter(e -> e.getLevel() == Level.INFO).toList();
        assertEquals(1, infos.size(), infos.toString());
        long outage = 50 + 100 + 200 + 400 + 800 + 1600 + 2000L * 15;
        assertEquals("serial: link up again on /dev/ttyTEST after " + outage + " ms (attempt 21)",
                infos.get(0).getFormattedMessage());
        assertEquals(20, logs.list.stream().filter(e -> e.getLevel() == Level.DEBUG).count(), "each attempt at debug");
    }

    @Test
    void writesGoToTheOpenPortAndFailAtOnceWhileDown() throws IOException {
        Port first = new Port().thenError("EIO");
        Port second = new Port().then(link::close);
        List<String> whileDown = new ArrayList<>();
        line.thenPort(first).thenPort(second).onSleep(() -> {
            whileDown.add("up=" + link.isUp());
            IOException e = assertThrows(IOException.class, () -> link.write(new byte[] {9}, 1));
            whileDown.add(e.getMessage());
        });

        link.open();
        assertTrue(link.isUp());
        link.write(new byte[] {1, 2, 3, 4}, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, first.written.get(0), "exactly len bytes");
        link.run();

        assertEquals(List.of("up=false", "/dev/ttyTEST: link down, not sent"), whileDown);
        assertEquals(1, first.written.size());
        assertThrows(IOException.class, () -> link.write(new byte[] {1}, 1), "closed: writes fail");
    }

    @Test
    void aWriteErrorIsThrownToTheSender() throws IOException {
        Port port = new Port();
        port.writeError = new IOException("wrote 0 of 3 bytes (errno 5 EIO)");
        line.thenPort(port);
        link.open();
        IOException e = assertThrows(IOException.class, () -> link.write(new byte[3], 3));
        assertEquals("wrote 0 of 3 bytes (errno 5 EIO)", e.getMessage());
        assertTrue(link.isUp(), "the reader, not the writer, decides that the link is down");
    }

    @Test
    void aFailedFirstOpenStartsTheLinkDownAndTheReaderOpensItLater() {
        Port later = new Port().thenError("EIO");
        line.thenFailures(1, "/dev/ttyTEST: no such device").thenPort(later);
        int[] sleeps = {0};
        line.onSleep(() -> {
            if (++sleeps[0] == 2) {
                link.close();
            }
        });
        link.openOrMarkDown();
        assertFalse(link.isUp(), "a missing device does not stop the daemon: the link starts down");
        assertEquals(1, events.size());
        assertTrue(events.get(0).contains("cannot open /dev/ttyTEST: /dev/ttyTEST: no such device"), events.toString());
        link.run();
        assertTrue(events.size() >= 2 && events.get(1).startsWith("up"), "reopened by the reader: " + events);
    }

    @Test
    void closeDuringBackoffEndsTheLoopWithoutAnotherAttempt() throws IOException {
        line.thenPort(new Port().thenError("EIO")).thenFailures(100, "gone");
        int[] sleeps = {0};
        line.onSleep(() -> {
            if (++sleeps[0] == 3) {
                link.close();
            }
        });

        link.open();
        link.run();

        assertEquals(millis(50, 100, 200), line.sleeps);
        assertEquals(List.of(UP, "down EIO"), events, "no events once closing");
    }

    @Test
    void aFailingConsumerDoesNotStopTheReader() throws IOException {
        List<String> seen = new ArrayList<>();
        SerialLink fragile = new SerialLink(SETTINGS, line, line, line.clock, new SerialLink.Events() {
            @Override
            public void received(byte[] buf, int len) {
                seen.add(Arrays.toString(Arrays.copyOf(buf, len)));
                if (seen.size() == 1) {
                    throw new IllegalStateException("consumer bug");
                }
            }

            @Override
            public void up(String detail) {
            }

            @Override
            public void down(String detail) {
                seen.add("down");
            }
        });
        Port port = new Port().thenBytes((byte) 1).thenBytes((byte) 2);
        port.then(fragile::close);
        line.thenPort(port);

        fragile.open();
        fragile.run();

        assertEquals(List.of("[1]", "[2]"), seen, "still reading, link never reported down");
    }

    private static List<Duration> millis(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
    }
}
