package io.heartline.heartbeat;

/**
 * One way of carrying beacons between the nodes: a JGroups channel (UDP multicast or TCP), a
 * serial link. Every medium carries the same authenticated beacons; a peer is dead only when all
 * of them have been silent. Implementations extend {@link AbstractMedium}, which verifies,
 * filters and counts what arrives; the implementation only moves bytes.
 *
 * <p>A medium is started once and closed once; {@link #send} and {@link #stats} may be called
 * from any thread.
 */
public interface HeartbeatMedium extends AutoCloseable {

    /** The medium's name from the config ("multicast", "serial", ...), shown in status and logs. */
    String name();

    /**
     * Opens the medium and starts delivering accepted beacons to {@code listener}.
     *
     * @throws IllegalStateException if the medium was started before
     * @throws Exception             if the medium cannot be opened (address in use, no such port, ...)
     */
    void start(BeaconListener listener) throws Exception;

    /**
     * Queues {@code beacon} for sending (a medium whose send never blocks sends it on the caller's
     * thread) and returns at once. Failures (medium not open, queue
     * full, network error) are counted in {@link #stats()} and logged, never thrown.
     */
    void send(Beacon beacon);

    /** Sends what is still queued (briefly), then releases the medium. Idempotent. */
    @Override
    void close();

    /** Live counters of this medium. */
    MediumStats stats();
}
