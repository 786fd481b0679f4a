package io.heartline.cluster;

import java.time.Duration;

/**
 * A TCP service on a node that answers every connection with the node's name and closes:
 * what the client polls through the VIP to see which node serves it.
 *
 * <p>It is {@link EchoMain} in a small JVM of its own. Measured here at the poller's ~100
 * connections/s: ~2 % of a core and ~37 MB RSS. {@code socat TCP-LISTEN:…,fork} forks per
 * connection and cost ~9 % of a core with {@code OPEN:file} and ~17 % with
 * {@code EXEC:echo} (which also lost attempts): CPU is what a two-core machine measuring
 * failover times cannot spare, memory it has.
 */
public final class EchoService implements AutoCloseable {
    /** The port the scenarios use unless they have a reason not to. */
    public static final int DEFAULT_PORT = 8080;

    private final String host;
    private final int port;
    private final LabProcess process;

    private EchoService(String host, int port, LabProcess process) {
        this.host = host;
        this.port = port;
        this.process = process;
    }

    /** Starts the service on {@code host}, answering {@code host}'s name, and waits until it listens. */
    public static EchoService start(Lab lab, String host, int port) {
        LabProcess process = lab.start(host, ProcessSpec.of("echo-" + port,
                JavaCommand.of(EchoMain.class, Integer.toString(port), host)));
        EchoService service = new EchoService(host, port, process);
        service.awaitListening(Duration.ofSeconds(10));
        return service;
    }

    /** Waits up to {@code bound} (scaled) until the service has bound its port. */
    public void awaitListening(Duration bound) {
        process.awaitLine("listening on", bound);
    }

    public LabProcess process() {
        return process;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Stops the service (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.stop();
        }
    }
}
