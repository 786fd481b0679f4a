package io.heartline.daemon.control;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the control server does with a request line: called on the selector thread, so it returns at
 * once with the answer's future and does its work elsewhere.
 */
@FunctionalInterface
public interface RequestHandler extends AutoCloseable {
    /** The other end of a connection; its credentials are read when asked (that may be slow). */
    @FunctionalInterface
    interface Peer {
        Caller caller() throws IOException;
    }

    /** The answer to {@code line} (the request without its newline) from {@code peer}. */
    CompletableFuture<Map<String, Object>> handle(byte[] line, Peer peer);

    @Override
    default void close() {
    }
}
