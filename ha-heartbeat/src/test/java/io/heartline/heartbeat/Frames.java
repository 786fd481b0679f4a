package io.heartline.heartbeat;

import io.heartline.core.config.AuthKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds frames by hand, independently of {@link BeaconCodec}, and signs them with a correct
 * HMAC: to reach the body parser with content the codec itself would never produce.
 */
final class Frames {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** A frame starting with magic "HLB" and version 1. */
    static Frames v1() {
        return new Frames().raw('H', 'L', 'B', 1);
    }

    Frames raw(int... values) {
        for (int v : values) {
            write(() -> out.writeByte(v));
        }
        return this;
    }

    Frames u16(int v) {
        return write(() -> out.writeShort(v));
    }

    Frames i64(long v) {
        return write(() -> out.writeLong(v));
    }

    Frames str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return raw(b.length).write(() -> out.write(b));
    }

    byte[] unsigned() {
        return bytes.toByteArray();
    }

    byte[] signed(AuthKey key) {
        return sign(key, unsigned());
    }

    /** {@code body} followed by HMAC-SHA256(key, body). */
    static byte[] sign(AuthKey key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] tag = mac.doFinal(body);
            byte[] frame = Arrays.copyOf(body, body.length + tag.length);
            System.arraycopy(tag, 0, frame, body.length, tag.length);
            return frame;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private Frames write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
