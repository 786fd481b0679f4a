package io.heartline.daemon.loop;

/**
 * What a thread the failover path needs does when it cannot go on: end the process at once and
 * loudly (after a best-effort release of the VIPs), never leave it half-alive. Implemented by
 * {@code lifecycle.Fatal}; tests pass a recorder.
 */
@FunctionalInterface
public interface FatalHandler {
    /** Does not return in production. {@code where} names the thread or task that failed. */
    void die(String where, Throwable cause);
}
