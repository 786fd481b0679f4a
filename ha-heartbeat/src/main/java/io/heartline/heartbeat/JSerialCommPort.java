package io.heartline.heartbeat;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A serial device opened with jSerialComm: 8N1, no flow control, reads that wait at most
 * {@value #READ_TIMEOUT_MS} ms for a first byte (semi-blocking; never the event-listener mode,
 * whose disconnect event fires in a tight loop), writes that give up after
 * {@value #WRITE_TIMEOUT_MS} ms.
 *
 * <p>The device path is resolved to the real device at open (jSerialComm does so too, and would
 * silently try {@code /dev/NAME} for a path that does not exist). On a pty whose other end is
 * gone, a read returns -1 with {@code EIO}; on top of that, a read that times out checks that the
 * path still leads to the device that was opened (a USB adapter unplugged, a symbolic link
 * pointed elsewhere), so that a vanished device is noticed even if the driver stays quiet.
 */
final class JSerialCommPort implements SerialPortIo {
    static final int READ_TIMEOUT_MS = 100;
    static final int WRITE_TIMEOUT_MS = 500;

    private final SerialPort port;
    private final Path device;
    private final Path opened;

    private JSerialCommPort(SerialPort port, Path device, Path opened) {
        this.port = port;
        this.device = device;
        this.opened = opened;
    }

    /** Opens {@code settings.device()}; an {@link SerialPortIo.Opener}. */
    static SerialPortIo open(SerialLinkSettings settings) throws IOException {
        Path device = Path.of(settings.device());
        Path real;
        try {
            real = device.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException(settings.device() + ": no such device");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(real.toString());
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(settings.device() + ": not a serial port: " + e.getMessage());
        }
        if (!real.toString().equals(port.getSystemPortPath())) {
            throw new IOException(settings.device() + " (" + real + ") is taken by jSerialComm as "
                    + port.getSystemPortPath() + "; not opening a different device");
        }
        port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MS, WRITE_TIMEOUT_MS);
        if (!port.openPort()) {
            throw new IOException(settings.device() + ": cannot open (" + errno(port.getLastErrorCode()) + ")");
        }
        return new JSerialCommPort(port, device, real);
    }

    @Override
    public int read(byte[] buf) throws IOException {
        int n = port.readBytes(buf, buf.length);
        if (n < 0) {
            throw new IOException("read failed (" + errno(port.getLastErrorCode()) + ")");
        }
        if (n == 0 && !stillThere()) {
            throw new IOException(device + " is gone, or leads to another device than " + opened);
        }
        return n;
    }

    @Override
    public void write(byte[] buf, int len) throws IOException {
        int n = port.writeBytes(buf, len);
        if (n != len) {
            throw new IOException("wrote " + Math.max(n, 0) + " of " + len + " bytes ("
                    + errno(port.getLastErrorCode()) + ")");
        }
    }

    @Override
    public void close() {
        port.closePort();
    }

    private boolean stillThere() {
        try {
            return device.toRealPath().equals(opened);
        } catch (IOException e) {
            return false;
        }
    }

    /** A readable name for the Linux errno values a serial port gives. */
    static String errno(int code) {
        if (code == 0) {
            return "no error code";
        }
        String name = switch (code) {
            case 2 -> "ENOENT";
            case 5 -> "EIO";
            case 6 -> "ENXIO";
            case 11 -> "EAGAIN";
            case 13 -> "EACCES, permission denied";
            case 16 -> "EBUSY, in use";
            case 19 -> "ENODEV";
            case 25 -> "ENOTTY";
            default -> null;
        };
        return name == null ? "errno " + code : "errno " + code + " " + name;
    }
}
