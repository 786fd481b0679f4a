package io.heartline.heartbeat;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The real {@link Sleeper}: waits on a condition that {@link #cancel()} signals. */
final class WakeableSleeper implements Sleeper {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition cancelled = lock.newCondition();
    private boolean done;

    @Override
    public void sleep(Duration d) throws InterruptedException {
        lock.lock();
        try {
            long left = d.toNanos();
            while (!done && left > 0) {
                left = cancelled.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() {
        lock.lock();
        try {
            done = true;
            cancelled.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
