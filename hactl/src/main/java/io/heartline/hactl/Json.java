package io.heartline.hactl;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON output: pretty for one answer ({@code --output json}), one compact object per line for
 * streams ({@code status --watch}, {@code events}), so that {@code jq} can read either. Null
 * fields are written, not dropped: "no group" is an answer.
 */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        return write(JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES), value);
    }

    static String line(Object value) {
        return write(JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES), value);
    }

    private static String write(JSON json, Object value) {
        try {
            return json.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
