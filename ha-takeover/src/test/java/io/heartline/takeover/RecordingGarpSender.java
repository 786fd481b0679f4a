package io.heartline.takeover;

import io.heartline.core.VirtualScheduler;

import io.heartline.core.config.VipConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each announcement with the virtual time it was sent at; can fail the first N sends. */
final class RecordingGarpSender implements GarpSender {
    record Sent(VipConfig vip, Duration at) {
    }

    private final VirtualScheduler clock;
    final List<Sent> sent = new ArrayList<>();
    int failNext;

    RecordingGarpSender(VirtualScheduler clock) {
        this.clock = clock;
    }

    @Override
    public void send(VipConfig vip) throws TakeoverException {
        if (failNext > 0) {
            failNext--;
            throw new TakeoverException("cannot announce " + vip + ": ENETDOWN (network is down)");
        }
        sent.add(new Sent(vip, clock.now()));
    }

    /** The virtual times at which {@code vip} was announced, in milliseconds. */
    List<Long> timesOf(VipConfig vip) {
        return sent.stream().filter(s -> s.vip().equals(vip)).map(s -> s.at().toMillis()).toList();
    }
}
