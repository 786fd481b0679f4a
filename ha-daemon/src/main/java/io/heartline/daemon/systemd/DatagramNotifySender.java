package io.heartline.daemon.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sends each notification as one datagram to {@code NOTIFY_SOCKET} through libc, as
 * {@code sd_notify(3)} does: a fresh {@code AF_UNIX}/{@code SOCK_DGRAM} socket per message, so
 * nothing is held open across a daemon's life and no state is shared between threads.
 */
final class DatagramNotifySender implements NotifySender {
    private final UnixAddress target;
    private final String description;

    DatagramNotifySender(String notifySocket) {
        this.target = UnixAddress.of(notifySocket);
        this.description = notifySocket;
    }

    @Override
    public void send(String message) throws IOException {
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        int fd = SdLibC.socket(SdLibC.AF_UNIX, SdLibC.SOCK_DGRAM | SdLibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_UNIX, SOCK_DGRAM) failed: errno " + SdLibC.errno());
        }
        try {
            long sent = SdLibC.sendto(fd, data, data.length, SdLibC.MSG_NOSIGNAL, target.bytes(), target.length());
            if (sent < 0) {
                throw new IOException("sendto " + description + " failed: errno " + SdLibC.errno());
            }
            if (sent != data.length) {
                throw new IOException("sendto " + description + " sent " + sent + " of " + data.length + " bytes");
            }
        } finally {
            SdLibC.close(fd);
        }
    }

    @Override
    public String toString() {
        return "NOTIFY_SOCKET " + description;
    }
}
