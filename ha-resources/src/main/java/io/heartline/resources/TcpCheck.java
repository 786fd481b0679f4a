package io.heartline.resources;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** The cheap check: a TCP connect to host:port within the timeout, closed at once. */
public final class TcpCheck {
    private final String host;
    private final int port;

    public TcpCheck(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.host = host;
        this.port = port;
    }

    public CheckResult check(Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), millis);
            return CheckResult.pass("tcp " + host + ":" + port + " accepted a connection");
        } catch (IOException e) {
            return CheckResult.fail("tcp " + host + ":" + port + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "tcp:" + host + ":" + port;
    }
}
