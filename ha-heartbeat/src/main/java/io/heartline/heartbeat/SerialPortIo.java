package io.heartline.heartbeat;

import java.io.IOException;

/**
 * One opened serial device, as {@link SerialLink} uses it; {@link JSerialCommPort} is the real
 * one, tests script their own. Reads come from one thread and writes from another; {@link #close}
 * is never called during a write.
 */
interface SerialPortIo {

    /** Opens the device named in the settings, or says why it cannot. */
    interface Opener {
        SerialPortIo open(SerialLinkSettings settings) throws IOException;
    }

    /**
     * Reads what has arrived into {@code buf}, waiting a short while (about
     * {@link JSerialCommPort#READ_TIMEOUT_MS} ms) for the first byte.
     *
     * @return how many bytes were read; 0 if none came in time
     * @throws IOException if the device failed or is gone: close it and open it again
     */
    int read(byte[] buf) throws IOException;

    /** Writes all of {@code buf[0, len)}, or throws. */
    void write(byte[] buf, int len) throws IOException;

    /** Releases the device. Idempotent; never throws. */
    void close();
}
