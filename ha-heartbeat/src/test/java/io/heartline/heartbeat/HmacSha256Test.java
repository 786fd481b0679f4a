package io.heartline.heartbeat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    @Test
    void matchesRfc4231TestCase2() {
        HmacSha256 h = new HmacSha256("Jefe".getBytes());
        byte[] data = "what do ya want for nothing?".getBytes();
        byte[] tag = new byte[HmacSha256.LENGTH];
        h.tag(data, 0, data.length, tag, 0);
        assertArrayEquals(HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), tag);
    }

    /** Keys shorter than, as long as and longer than a block, slices at any offset, and one instance reused. */
    @Test
    void matchesTheJdksMacOnRandomKeysAndSlices() throws Exception {
        Random r = new Random(42);
        for (int keyLen : new int[] {1, 16, 32, 63, 64, 65, 200}) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            HmacSha256 ours = new HmacSha256(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int i = 0; i < 50; i++) {
                byte[] data = new byte[r.nextInt(300)];
                r.nextBytes(data);
                int off = data.length == 0 ? 0 : r.nextInt(data.length);
                int len = data.length - off == 0 ? 0 : r.nextInt(data.length - off);
                jdk.update(data, off, len);
                byte[] want = jdk.doFinal();
                byte[] got = new byte[HmacSha256.LENGTH + 7];
                ours.tag(data, off, len, got, 7);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 7, 7 + HmacSha256.LENGTH),
                        "key of " + keyLen + " bytes, slice " + off + "+" + len);
            }
        }
    }
}
