package io.heartline.daemon.http;

/**
 * Answers the GET (and HEAD) requests of one path. Runs on the server's own thread, one request at
 * a time: it may take a moment (a scrape), but every other client of the listener waits for it.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request);
}
