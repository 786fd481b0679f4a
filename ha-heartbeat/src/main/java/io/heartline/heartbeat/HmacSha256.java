package io.heartline.heartbeat;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256, writing the tag into the caller's array:
 * {@link javax.crypto.Mac#doFinal(byte[], int)} allocates a new array for every tag, and a beacon
 * path that sends and checks 100 beacons a second should allocate nothing. Same result as
 * {@code Mac.getInstance("HmacSHA256")} (checked against it in HmacSha256Test). Not thread-safe.
 */
final class HmacSha256 {
    static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];

    HmacSha256(byte[] key) {
        try {
            inner = MessageDigest.getInstance("SHA-256");
            outer = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot do SHA-256", e);
        }
        byte[] k = key.length > BLOCK ? inner.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** Writes HMAC(key, {@code data[off, off+len)}) into {@code tag[tagOff, tagOff+32)}. */
    void tag(byte[] data, int off, int len, byte[] tag, int tagOff) {
        try {
            inner.update(innerPad);
            inner.update(data, off, len);
            inner.digest(innerHash, 0, LENGTH);
            outer.update(outerPad);
            outer.update(innerHash);
            outer.digest(tag, tagOff, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output does not fit", e);
        }
    }
}
