package io.heartline.notify;

import io.heartline.core.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A channel whose gateway the test scripts: each attempt takes the next scripted result
 * (default: success), and every attempt is recorded with its virtual time.
 */
final class FakeChannel implements AlertChannel {
    /** One delivery attempt as the gateway saw it. */
    record Attempt(Alert alert, long atNanos, boolean delivered) {
        Duration at() {
            return Duration.ofNanos(atNanos);
        }
    }

    private final String name;
    private final Clock clock;
    private final Deque<DeliveryException> script = new ArrayDeque<>();
    private DeliveryException always;
    private final List<Attempt> attempts = new ArrayList<>();

    FakeChannel(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    /** The next {@code n} attempts fail temporarily. */
    FakeChannel failTemporarily(int n) {
        for (int i = 0; i < n; i++) {
            script.add(DeliveryException.temporary("gateway down (" + (i + 1) + ")"));
        }
        return this;
    }

    /** The next attempt fails permanently. */
    FakeChannel failPermanently() {
        script.add(DeliveryException.permanent("403 Authorization failed"));
        return this;
    }

    /** Every attempt from now fails with {@code e} (null: back to success). */
    FakeChannel always(DeliveryException e) {
        this.always = e;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void deliver(Alert alert) throws DeliveryException {
        DeliveryException e = !script.isEmpty() ? script.poll() : always;
        attempts.add(new Attempt(alert, clock.monotonicNanos(), e == null));
        if (e != null) {
            throw e;
        }
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized List<Alert> delivered() {
        return attempts.stream().filter(Attempt::delivered).map(Attempt::alert).toList();
    }
}
