package io.heartline.core.journal;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The line format: one JSON object per line, {@code seq} first ({@code {"seq":42,"time":...}}), so
 * that a reader can skip lines before its cursor without parsing them. Lines are split on
 * {@code '\n'} only; a last line without one is partial (being written, or cut by a crash) and is
 * not a line yet.
 */
final class JournalLines {
    /** Longer lines are skipped as damaged, so a damaged file cannot make a reader hold it whole. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final byte[] SEQ_PREFIX = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);

    private JournalLines() {
    }

    /** Receives each complete line; returns false to stop the scan. */
    interface LineSink {
        boolean line(byte[] buf, int off, int len) throws IOException;
    }

    /** The entry as a line with its seq in front, newline included. */
    static byte[] encode(long seq, JournalEntry entry) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.putAll(entry.toMap());
        byte[] json;
        try {
            json = JSON.std.asBytes(m);
        } catch (IOException e) {
            // a field jackson-jr cannot write: keep the line, with such values as their text
            m.replaceAll((k, v) -> v == null || v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
            json = JSON.std.asBytes(m);
        }
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /**
     * The seq in the line's prefix, else -1 (no seq, or not written by us). Only good for skipping a
     * line before a cursor: the rest of the line may be damaged.
     */
    static long quickSeq(byte[] buf, int off, int len) {
        if (len <= SEQ_PREFIX.length || !Arrays.equals(buf, off, off + SEQ_PREFIX.length, SEQ_PREFIX, 0, SEQ_PREFIX.length)) {
            return -1;
        }
        long seq = 0;
        int digits = 0;
        for (int i = off + SEQ_PREFIX.length; i < off + len; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9' && digits < 18) {
                seq = seq * 10 + (b - '0');
                digits++;
            } else if ((b == ',' || b == '}') && digits > 0) {
                return seq;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /**
     * The line's seq, 0 when it has none or is damaged. Parses the whole line: a line cut after its
     * prefix (a full disk) must not count as written.
     */
    static long seqOf(byte[] buf, int off, int len) {
        Map<String, Object> m = parse(buf, off, len);
        return m == null ? 0 : seqOf(m);
    }

    static long seqOf(Map<String, Object> line) {
        return line.get("seq") instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
    }

    /** The line as a map, or null when it is not a JSON object. */
    static Map<String, Object> parse(byte[] buf, int off, int len) {
        try {
            return JSON.std.mapFrom(new String(buf, off, len, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The highest seq in the whole file, scanning every line. */
    static long maxSeq(FileChannel ch) throws IOException {
        long[] max = {0};
        scan(ch, (buf, off, len) -> {
            max[0] = Math.max(max[0], seqOf(buf, off, len));
            return true;
        });
        return max[0];
    }

    /**
     * Feeds every complete line from the channel's start to its end as seen now; a last line without
     * its newline and lines over {@link #MAX_LINE_BYTES} are left out.
     */
    static void scan(FileChannel ch, LineSink sink) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        byte[] line = new byte[1024];
        int lineLen = 0;
        boolean overlong = false;
        long position = 0;
        while (true) {
            chunk.clear();
            int n = ch.read(chunk, position);
            if (n < 0) {
                return;
            }
            position += n;
            byte[] a = chunk.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (a[i] != '\n') {
                    continue;
                }
                boolean go = true;
                if (!overlong) {
                    if (lineLen == 0) {
                        go = i == start || sink.line(a, start, i - start);
                    } else {
                        line = append(line, lineLen, a, start, i - start);
                        lineLen += i - start;
                        if (lineLen <= MAX_LINE_BYTES) {
                            go = sink.line(line, 0, lineLen);
                        }
                    }
                }
                if (!go) {
                    return;
                }
                lineLen = 0;
                overlong = false;
                start = i + 1;
            }
            int rest = n - start;
            if (!overlong && rest > 0) {
                if (lineLen + rest > MAX_LINE_BYTES) {
                    overlong = true;
                    lineLen = 0;
                } else {
                    line = append(line, lineLen, a, start, rest);
                    lineLen += rest;
                }
            }
        }
    }

    private static byte[] append(byte[] line, int lineLen, byte[] src, int off, int len) {
        if (lineLen + len > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + len));
        }
        System.arraycopy(src, off, line, lineLen, len);
        return line;
    }
}
