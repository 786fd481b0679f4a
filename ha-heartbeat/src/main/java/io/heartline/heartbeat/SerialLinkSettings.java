package io.heartline.heartbeat;

import java.util.Objects;

/**
 * One serial heartbeat link, as configured: always 8 data bits, no parity, one stop bit (8N1) and
 * no flow control, as a null-modem cable between two nodes expects.
 *
 * @param name   the medium's name, shown in status and logs ("serial")
 * @param device the device path ({@code /dev/ttyS1}, {@code /dev/ttyUSB0}, a symbolic link such
 *               as {@code /dev/serial/by-id/...}); links are followed at every (re)open
 * @param baud   the line speed in bits per second ({@link #DEFAULT_BAUD} unless configured)
 */
public record SerialLinkSettings(String name, String device, int baud) {
    public static final int DEFAULT_BAUD = 115_200;

    public SerialLinkSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a serial medium needs a name");
        }
        if (device.isBlank()) {
            throw new IllegalArgumentException(name + ": no serial device given");
        }
        if (baud <= 0) {
            throw new IllegalArgumentException(name + ": baud must be positive, not " + baud);
        }
    }

    /** A link at {@link #DEFAULT_BAUD}. */
    public SerialLinkSettings(String name, String device) {
        this(name, device, DEFAULT_BAUD);
    }
}
