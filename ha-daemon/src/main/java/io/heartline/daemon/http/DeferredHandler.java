package io.heartline.daemon.http;

import java.util.concurrent.CompletableFuture;

/**
 * Answers the GET (and HEAD) requests of one path later: it returns at once with the answer's
 * future, and the server's thread goes on serving others meanwhile. An answer not ready within the
 * server's timeout is a 503 (the future's late result is dropped); a future that fails is a 500.
 */
@FunctionalInterface
public interface DeferredHandler {
    CompletableFuture<Response> handle(Request request);
}
