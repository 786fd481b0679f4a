package io.heartline.daemon.control;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The journal as {@code hactl events} reads it: every entry so far, oldest first, each a map with
 * {@code time} (an ISO instant), {@code node}, {@code kind}, {@code group}, {@code cause} and its own
 * fields. The lifecycle passes the journal's reader; it may block (it reads a file).
 */
@FunctionalInterface
public interface EventSource {
    List<Map<String, Object>> entries() throws IOException;
}
