package io.heartline.takeover;

import java.util.Arrays;

/**
 * The daemon check's probe datagram (pure, no JNA): a 4-byte magic {@code "HLdp"} then a
 * 16-byte random nonce, 20 bytes in all. The peer's probe listener drops it unread; what matters
 * is the ICMP error a closed port makes the peer's kernel send back, which quotes this payload.
 * An error counts only if its quoted payload is exactly this datagram with the nonce of the
 * probe in flight ({@link #quotes}).
 */
final class DaemonProbeDatagram {
    static final byte[] MAGIC = {'H', 'L', 'd', 'p'};
    static final int NONCE_LENGTH = 16;
    static final int LENGTH = MAGIC.length + NONCE_LENGTH;

    private DaemonProbeDatagram() {
    }

    /** Writes the datagram carrying {@code nonce} into {@code out} (at least {@link #LENGTH} bytes). */
    static void write(byte[] nonce, byte[] out) {
        if (nonce.length != NONCE_LENGTH || out.length < LENGTH) {
            throw new IllegalArgumentException("nonce of " + nonce.length + " bytes, buffer of " + out.length);
        }
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(nonce, 0, out, MAGIC.length, NONCE_LENGTH);
    }

    /**
     * Whether the first {@code length} bytes of {@code quoted} (the payload an ICMP error quoted)
     * are our datagram with {@code nonce}. Truncated, longer, or foreign payloads are not: the
     * kernel returns the UDP payload it found in the error, and ours is exactly {@link #LENGTH}.
     */
    static boolean quotes(byte[] quoted, int length, byte[] nonce) {
        if (quoted == null || length != LENGTH || quoted.length < LENGTH || nonce.length != NONCE_LENGTH) {
            return false;
        }
        return Arrays.equals(quoted, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                && Arrays.equals(quoted, MAGIC.length, LENGTH, nonce, 0, NONCE_LENGTH);
    }
}
