package io.heartline.takeover;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The pending announcements of one VIP. Sending and cancelling share one lock, so once
 * {@link #cancel} returns no frame of this burst is being sent or will be: a released VIP is
 * never announced after its address has gone.
 */
final class GarpBurst {
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private boolean cancelled;

    /** Runs {@code send} unless the burst was cancelled. */
    synchronized void fire(Runnable send) {
        if (!cancelled) {
            send.run();
        }
    }

    synchronized void track(ScheduledFuture<?> future) {
        if (cancelled) {
            future.cancel(false);
        } else {
            pending.removeIf(ScheduledFuture::isDone);
            pending.add(future);
        }
    }

    synchronized void cancel() {
        cancelled = true;
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }
}
