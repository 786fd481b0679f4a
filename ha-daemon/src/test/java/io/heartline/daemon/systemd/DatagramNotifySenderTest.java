package io.heartline.daemon.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real sender against a real AF_UNIX datagram socket that the test binds (as systemd binds
 * NOTIFY_SOCKET): a path socket and an abstract one.
 */
class DatagramNotifySenderTest {
    private static final int MSG_DONTWAIT = 0x40;

    /** What systemd does with NOTIFY_SOCKET: bind it and receive. */
    private static final class Receiver {
        static {
            com.sun.jna.Native.register(com.sun.jna.Platform.C_LIBRARY_NAME);
        }

        static native int bind(int fd, byte[] addr, int addrLen);

        static native long recv(int fd, byte[] buf, long len, int flags);
    }

    @TempDir
    Path dir;

    @Test
    void deliversToAPathSocket() throws IOException {
        String path = dir.resolve("notify").toString();
        assertEquals("READY=1\nSTATUS=up", roundTrip(path, "READY=1\nSTATUS=up"));
    }

    @Test
    void deliversToAnAbstractSocket() throws IOException {
        String name = "@heartline-test-" + UUID.randomUUID();
        assertEquals("WATCHDOG=1", roundTrip(name, "WATCHDOG=1"));
    }

    @Test
    void aSocketNobodyListensOnIsAnErrorNamingIt() {
        String path = dir.resolve("nobody").toString();
        IOException e = assertThrows(IOException.class, () -> new DatagramNotifySender(path).send("READY=1"));
        assertTrue(e.getMessage().startsWith("sendto " + path + " failed: errno "), e.getMessage());
    }

    /** Binds {@code address}, sends {@code message} through the sender, reads the datagram back. */
    private static String roundTrip(String address, String message) throws IOException {
        int fd = SdLibC.socket(SdLibC.AF_UNIX, SdLibC.SOCK_DGRAM | SdLibC.SOCK_CLOEXEC, 0);
        assertTrue(fd >= 0, "socket: errno " + SdLibC.errno());
        try {
            UnixAddress a = UnixAddress.of(address);
            assertEquals(0, Receiver.bind(fd, a.bytes(), a.length()), "bind " + address + ": errno " + SdLibC.errno());
            new DatagramNotifySender(address).send(message);
            byte[] buf = new byte[4096];
            long n = Receiver.recv(fd, buf, buf.length, MSG_DONTWAIT); // a local datagram is queued when sendto returns
            assertTrue(n >= 0, "recv: errno " + SdLibC.errno());
            return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
        } finally {
            SdLibC.close(fd);
        }
    }
}
