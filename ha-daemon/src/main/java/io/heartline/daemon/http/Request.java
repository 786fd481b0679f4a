package io.heartline.daemon.http;

import java.util.Map;

/**
 * A request head that passed {@link RequestParser}: no body (a request announcing one never gets
 * this far), a known HTTP version.
 *
 * @param method  as sent (a token, case-sensitive: {@code get} is not {@code GET})
 * @param path    the target up to {@code ?}, not decoded; {@code /} for an absolute-form target without a path
 * @param query   after {@code ?}, or the empty string
 * @param version {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param headers names in lower case; a repeated field's values joined with {@code ", "}
 */
public record Request(String method, String path, String query, String version, Map<String, String> headers) {
    public Request {
        headers = Map.copyOf(headers);
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }
}
