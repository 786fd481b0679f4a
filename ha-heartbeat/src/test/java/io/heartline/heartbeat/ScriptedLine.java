package io.heartline.heartbeat;

import io.heartline.core.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A serial line that plays a script, in virtual time, for {@link SerialLink} tests: what each open
 * attempt gives (a port, or an error), what each read of a port gives (bytes, a timeout, an
 * error, or a hook run in its place), and a {@link Sleeper} that advances a {@link ManualClock}
 * instead of waiting.
 */
final class ScriptedLine implements SerialPortIo.Opener, Sleeper {
    /** One step of a port's reads. */
    interface Read {
        int apply(byte[] buf) throws IOException;
    }

    final ManualClock clock = new ManualClock();
    final List<Duration> sleeps = new ArrayList<>();
    final List<Port> opened = new ArrayList<>();
    private final Deque<Object> opens = new ArrayDeque<>();
    private Runnable onSleep = () -> { };
    private boolean cancelled;

    /** The next open attempt gives {@code port}. */
    ScriptedLine thenPort(Port port) {
        opens.add(port);
        return this;
    }

    /** The next {@code n} open attempts fail with {@code message}. */
    ScriptedLine thenFailures(int n, String message) {
        for (int i = 0; i < n; i++) {
            opens.add(new IOException(message));
        }
        return this;
    }

    /** Runs at every sleep, after the clock moved (to close the link at a chosen point). */
    ScriptedLine onSleep(Runnable hook) {
        this.onSleep = hook;
        return this;
    }

    @Override
    public SerialPortIo open(SerialLinkSettings settings) throws IOException {
        Object next = opens.poll();
        if (next == null) {
            throw new IOException("script ended: no device");
        }
        if (next instanceof IOException e) {
            throw e;
        }
        Port p = (Port) next;
        opened.add(p);
        return p;
    }

    @Override
    public void sleep(Duration d) {
        if (cancelled) {
            return;
        }
        sleeps.add(d);
        clock.advance(d);
        onSleep.run();
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    /** A scripted port: each read takes the next step; a read past the end fails the test. */
    static final class Port implements SerialPortIo {
        private final Deque<Read> reads = new ArrayDeque<>();
        final List<byte[]> written = new ArrayList<>();
        boolean closed;
        IOException writeError;

        Port thenBytes(byte... bytes) {
            reads.add(buf -> {
                System.arraycopy(bytes, 0, buf, 0, bytes.length);
                return bytes.length;
            });
            return this;
        }

        Port thenError(String message) {
            reads.add(buf -> {
                throw new IOException(message);
            });
            return this;
        }

        Port then(Runnable hook) {
            reads.add(buf -> {
                hook.run();
                return 0;
            });
            return this;
        }

        @Override
        public int read(byte[] buf) throws IOException {
            if (closed) {
                throw new IOException("read on a closed port");
            }
            Read r = reads.poll();
            if (r == null) {
                throw new AssertionError("read past the end of the script: end it by closing the link");
            }
            return r.apply(buf);
        }

        @Override
        public void write(byte[] buf, int len) throws IOException {
            if (closed) {
                throw new IOException("write on a closed port");
            }
            if (writeError != null) {
                throw writeError;
            }
            written.add(Arrays.copyOf(buf, len));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
