package io.heartline.heartbeat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link SerialDeframer.Sink} that keeps copies of the frames and the sizes of the drops, for tests. */
final class FrameCollector implements SerialDeframer.Sink {
    final List<byte[]> frames = new ArrayList<>();
    final List<Long> discarded = new ArrayList<>();

    @Override
    public void frame(byte[] buf, int off, int len) {
        frames.add(Arrays.copyOfRange(buf, off, off + len));
    }

    @Override
    public void discarded(long bytes) {
        discarded.add(bytes);
    }

    /** Feeds {@code stream} to a fresh deframer in one piece and returns what came out. */
    static FrameCollector deframe(byte[] stream) {
        FrameCollector c = new FrameCollector();
        new SerialDeframer(c).feed(stream, 0, stream.length);
        return c;
    }
}
