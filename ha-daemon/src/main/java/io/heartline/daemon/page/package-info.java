/**
 * The read-only status page on the metrics listener: {@code GET /status} (one HTML page, its CSS
 * and script inline), {@code /status.json} (a snapshot) and {@code /status/stream} (the same
 * snapshot as server-sent events, every {@value io.heartline.daemon.page.StatusFeed#PERIOD_MILLIS} ms
 * while someone watches). The data are the control room's answers to {@code hactl status} and
 * {@code hactl events} ({@link io.heartline.daemon.page.PageSources}); the work runs on a thread of
 * its own, {@code heartline-status-page}, never on the event loop or the HTTP server's thread.
 */
package io.heartline.daemon.page;
