package io.heartline.core.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The daemon's answers, all shaped here: {@code {"ok":true,...}} or {@code {"ok":false,"error":"..."}}.
 * They stay JSON maps (hactl prints fields it knows and passes the rest through with --output json).
 */
public final class Answers {
    private Answers() {
    }

    /** {@code {"ok":false,"error":message}} */
    public static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", message);
        return m;
    }

    /** {@code {"ok":ok,"message"|"error":text}}: an outcome told in words. */
    public static Map<String, Object> outcome(boolean ok, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put(ok ? "message" : "error", text);
        return m;
    }

    /** {@code {"ok":true}}, to which the caller adds its fields. */
    public static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        return m;
    }

    /** {@code {"ok":true,"result":result}} */
    public static Map<String, Object> result(Object result) {
        Map<String, Object> m = ok();
        m.put("result", result);
        return m;
    }

    /**
     * A status in text ({@code "format": "text"}): written as the text itself, not as JSON. Still a
     * map ({@code {"ok":true,"text":...}}) on its way through the daemon, so that tests and logs see it
     * as any answer; the control server writes {@link #plainText} of it.
     */
    public static Map<String, Object> text(String text) {
        Map<String, Object> m = new PlainText();
        m.put("ok", true);
        m.put("text", text);
        return m;
    }

    /** The text to write instead of JSON, or null for an ordinary answer. */
    public static String plainText(Map<String, Object> answer) {
        return answer instanceof PlainText ? (String) answer.get("text") : null;
    }

    private static final class PlainText extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** Over the connection cap: the one line a refused connection gets. */
    public static Map<String, Object> busy(int open) {
        return error("busy: " + open + " connections open (control.max-connections)");
    }

    /** A changing request from someone who may only read. */
    public static Map<String, Object> permissionDenied(Request request, String adminGroup) {
        return error("permission denied: " + request.command() + " changes the cluster; run as root or as a member of "
                + adminGroup);
    }

    /** A request line longer than the limit. */
    public static Map<String, Object> tooLong(int maxBytes) {
        return error("request too long or not terminated by a newline (at most " + maxBytes + " bytes)");
    }
}
