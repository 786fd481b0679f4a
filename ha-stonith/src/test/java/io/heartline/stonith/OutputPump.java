package io.heartline.stonith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains one output stream of a child process on a thread of its own, keeping the first
 * {@code limit} bytes and dropping (but still reading) the rest, so a chatty agent can neither
 * block on a full pipe nor fill our memory.
 */
final class OutputPump implements Runnable {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private long dropped;

    private OutputPump(InputStream in, int limit, String name) {
        this.in = in;
        this.limit = limit;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    static OutputPump start(InputStream in, int limit, String name) {
        OutputPump pump = new OutputPump(in, limit, name);
        pump.thread.start();
        return pump;
    }

    @Override
    public void run() {
        byte[] buf = new byte[4096];
        try (in) {
            for (int n; (n = in.read(buf)) != -1; ) {
                keep(buf, n);
            }
        } catch (IOException e) {
            // The stream was closed under us: what we have is what there is.
        }
    }

    private synchronized void keep(byte[] buf, int n) {
        int room = Math.max(0, limit - kept.size());
        int keep = Math.min(room, n);
        kept.write(buf, 0, keep);
        dropped += n - keep;
    }

    /**
     * Waits up to {@code max} for the stream's end (a grandchild may hold the pipe open) and
     * returns what was kept so far.
     */
    String await(Duration max) {
        try {
            thread.join(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n[" + dropped + " more bytes not kept]";
        }
    }
}
