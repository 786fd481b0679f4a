package io.heartline.daemon.http;

/**
 * Why a request head is answered with an error instead of reaching a handler: the status and a
 * one-line reason for the response body. Thrown often by hostile input, so without a stack trace.
 */
final class Rejection extends Exception {
    private final int status;

    Rejection(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
