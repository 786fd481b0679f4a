package io.heartline.daemon.systemd;

import io.heartline.core.Clock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps every notification with the virtual time it was sent at; can be told to fail. */
final class RecordingSender implements NotifySender {
    record Sent(Duration at, String message) {
    }

    private final Clock clock;
    private final List<Sent> sent = new ArrayList<>();
    private boolean failing;

    RecordingSender(Clock clock) {
        this.clock = clock;
    }

    void failing(boolean f) {
        failing = f;
    }

    @Override
    public void send(String message) throws IOException {
        if (failing) {
            throw new IOException("connection refused");
        }
        sent.add(new Sent(Duration.ofNanos(clock.monotonicNanos()), message));
    }

    List<String> messages() {
        return sent.stream().map(Sent::message).toList();
    }

    /** The virtual times of the WATCHDOG=1 pings, in milliseconds. */
    List<Long> pingMillis() {
        return sent.stream().filter(s -> s.message().equals("WATCHDOG=1")).map(s -> s.at().toMillis()).toList();
    }
}
