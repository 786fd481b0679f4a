package io.heartline.daemon.witness;

import java.nio.charset.StandardCharsets;

/**
 * What a group's lock znode holds: {@code NODE EPOCH}, the holder and the epoch it holds the group
 * with. Anything else (written by hand, or by a future version) reads as held by its whole text,
 * epoch 0: a lock we cannot read is never taken for ours.
 */
record LockData(String node, long epoch) {
    byte[] bytes() {
        return (node + " " + epoch).getBytes(StandardCharsets.UTF_8);
    }

    static LockData parse(byte[] data) {
        String s = data == null ? "" : new String(data, StandardCharsets.UTF_8).strip();
        int space = s.lastIndexOf(' ');
        if (space > 0) {
            try {
                return new LockData(s.substring(0, space), Long.parseLong(s.substring(space + 1)));
            } catch (NumberFormatException e) {
                // falls through: not ours to interpret
            }
        }
        return new LockData(s.isEmpty() ? "?" : s, 0);
    }

    @Override
    public String toString() {
        return node + " (epoch " + epoch + ")";
    }
}
