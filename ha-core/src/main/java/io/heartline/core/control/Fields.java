package io.heartline.core.control;

import io.heartline.core.NodeId;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A request's fields, read with their types checked: each reader takes the error that names the
 * field and throws it as {@link Bad} when the value is there but wrong. Absent fields are null.
 */
final class Fields {
    /** A field with a wrong value; the message is the answer's error. */
    static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private static final int SHOWN = 64;
    private final Map<String, Object> fields;

    Fields(Map<String, Object> fields) {
        this.fields = fields;
    }

    String string(String key, String error) {
        Object v = fields.get(key);
        if (v != null && !(v instanceof String)) {
            throw new Bad(error);
        }
        return (String) v;
    }

    /** A node name; {@code error} is followed by the value found. */
    NodeId node(String key, String error) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s && NodeId.isValid(s))) {
            throw new Bad(error + shorten(v));
        }
        return new NodeId(s);
    }

    NodeId requiredNode(String key, String error) {
        Object v = fields.get(key);
        if (!(v instanceof String s && NodeId.isValid(s))) {
            throw new Bad(error);
        }
        return new NodeId(s);
    }

    boolean bool(String key, String error) {
        if (!(fields.get(key) instanceof Boolean b)) {
            throw new Bad(error);
        }
        return b;
    }

    /** A whole number from {@code min} to {@code max}; 1.5, "3" or 1e99 are not. */
    Long whole(String key, long min, long max, String error) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger b && b.bitLength() < 64)) {
            throw new Bad(error);
        }
        long n = ((Number) v).longValue();
        if (n < min || n > max) {
            throw new Bad(error);
        }
        return n;
    }

    Long cursor(String key, String error) {
        return whole(key, 0, Long.MAX_VALUE, error);
    }

    /** An ISO-8601 instant; {@code error} is followed by the value found. */
    Instant instant(String key, String error) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new Bad(error + shorten(v));
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Bad(error + shorten(v));
        }
    }

    /** A value as shown in an error: at most {@value #SHOWN} characters of it. */
    static String shorten(Object v) {
        String s = String.valueOf(v);
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "... (" + s.length() + " characters)";
    }
}
