package io.heartline.takeover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DaemonProbeDatagramTest {
    private static final byte[] NONCE = Bytes.unhex("00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");

    @Test
    void datagramIsTheMagicThenTheNonce() {
        byte[] out = new byte[DaemonProbeDatagram.LENGTH];
        DaemonProbeDatagram.write(NONCE, out);
        assertArrayEquals(Bytes.unhex("48 4c 64 70 | 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"), out);
    }

    @Test
    void quotesOnlyTheWholeDatagramWithThisNonce() {
        byte[] ours = new byte[64];
        DaemonProbeDatagram.write(NONCE, ours);
        assertTrue(DaemonProbeDatagram.quotes(ours, 20, NONCE));

        byte[] otherNonce = NONCE.clone();
        otherNonce[15] ^= 1;
        assertFalse(DaemonProbeDatagram.quotes(ours, 20, otherNonce), "another probe's nonce");
        byte[] badMagic = ours.clone();
        badMagic[0] = 'X';
        assertFalse(DaemonProbeDatagram.quotes(badMagic, 20, NONCE), "foreign magic");
        for (int length : new int[] {-1, 0, 4, 19, 21, 64}) {
            assertFalse(DaemonProbeDatagram.quotes(ours, length, NONCE), "length " + length);
        }
        assertFalse(DaemonProbeDatagram.quotes(Arrays.copyOf(ours, 19), 20, NONCE), "buffer shorter than its length");
        assertFalse(DaemonProbeDatagram.quotes(null, 20, NONCE));
        assertFalse(DaemonProbeDatagram.quotes(new byte[20], 20, new byte[20]), "all zeros has no magic");
    }

    @Test
    void writeRefusesWrongSizes() {
        assertThrows(IllegalArgumentException.class, () -> DaemonProbeDatagram.write(new byte[15], new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> DaemonProbeDatagram.write(NONCE, new byte[19]));
    }
}
