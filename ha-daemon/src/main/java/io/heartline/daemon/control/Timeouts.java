package io.heartline.daemon.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Bounds on what a command waits for, on a timer (virtual in tests); no thread waits. */
final class Timeouts {
    /** A wait that ended without a result; the message is the answer's error. */
    static final class Unanswered extends RuntimeException {
        Unanswered(String message) {
            super(message, null, false, false);
        }
    }

    private final ScheduledExecutorService timer;

    Timeouts(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * {@code f}'s result, or {@link Unanswered} "{@code what} did not finish within {@code ms} ms" when
     * it takes longer, or "{@code what} failed: ..." when it fails.
     */
    <T> CompletableFuture<T> within(CompletableFuture<T> f, long ms, String what) {
        CompletableFuture<T> out = new CompletableFuture<>();
        ScheduledFuture<?> late = timer.schedule(
                () -> out.completeExceptionally(new Unanswered(what + " did not finish within " + ms + " ms")),
                ms, TimeUnit.MILLISECONDS);
        f.whenComplete((v, e) -> {
            late.cancel(false);
            if (e == null) {
                out.complete(v);
            } else {
                out.completeExceptionally(new Unanswered(what + " failed: " + unwrap(e).getMessage()));
            }
        });
        return out;
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
