package io.heartline.daemon.detect;

import io.heartline.core.ExitCode;
import io.heartline.daemon.StartupException;
import io.heartline.takeover.DaemonProbeListener;
import io.heartline.takeover.TakeoverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's probe port ({@code timing.probe-port}, UDP) held open on its heartbeat addresses for
 * as long as the daemon lives, so that a peer's daemon check draws no "port unreachable" while we
 * run, and draws one as soon as this process is gone (the kernel closes the sockets). A thread of
 * its own drains what arrives (a selector over the listener's channels); nothing is answered.
 */
final class ProbePort implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbePort.class);

    private final DaemonProbeListener listener;
    private final Selector selector;
    private final Thread thread;
    private final String where;
    private volatile boolean running = true;

    private ProbePort(DaemonProbeListener listener, Selector selector, String where) {
        this.listener = listener;
        this.selector = selector;
        this.where = where;
        this.thread = new Thread(this::drain, "heartline-probe-port");
        thread.setDaemon(true);
    }

    /**
     * Binds {@code port} on every one of {@code addresses}; the error names the address and port
     * that could not be bound (another daemon, or another program, holds it): the daemon does not start.
     */
    static ProbePort open(List<InetAddress> addresses, int port) throws StartupException {
        DaemonProbeListener listener;
        try {
            listener = DaemonProbeListener.open(addresses, port);
        } catch (TakeoverException e) {
            throw new StartupException(ExitCode.OSERR, e.getMessage() + " (timing.probe-port: the two-stage detector's"
                    + " daemon check; free the port or choose another one on every node)", e);
        }
        try {
            Selector selector = Selector.open();
            for (var channel : listener.channels()) {
                channel.register(selector, SelectionKey.OP_READ);
            }
            String where = "UDP port " + port + " on " + addresses.stream().map(InetAddress::getHostAddress).toList();
            return new ProbePort(listener, selector, where);
        } catch (IOException e) {
            listener.close();
            throw new StartupException(ExitCode.OSERR, "cannot watch the daemon probe port " + port + ": " + e.getMessage(), e);
        }
    }

    void start() {
        thread.start();
        log.info("daemon probe port open: {}", where);
    }

    private void drain() {
        try {
            while (running) {
                selector.select();
                selector.selectedKeys().clear();
                listener.drain();
            }
        } catch (ClosedSelectorException e) {
            // closed: done
        } catch (IOException e) {
            // The port stays bound (the kernel keeps queueing up to its small buffer, then drops): peers
            // still find it open. Only the draining stopped.
            log.error("daemon probe port: draining stopped ({}); the port stays open", e.toString());
        }
    }

    String where() {
        return where;
    }

    @Override
    public void close() {
        running = false;
        try {
            selector.close(); // wakes the thread
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener.close();
        }
    }
}
