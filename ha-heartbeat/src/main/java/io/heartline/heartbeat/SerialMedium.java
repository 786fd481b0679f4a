package io.heartline.heartbeat;

import io.heartline.core.Clock;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beacons over a serial line (a null-modem cable, or a pty pair in tests), with jSerialComm.
 * Each beacon frame goes on the line as {@link SerialFramer} frames it (COBS with a CRC-32,
 * between zero bytes), and {@link SerialDeframer} finds the frames again in what arrives, skipping
 * line noise and damaged frames; those count as {@link MediumStats#framingErrors()} and
 * {@link MediumStats#garbageBytes()}, never as beacon rejections.
 *
 * <p><b>Link state.</b> {@link #start} opens the device once and fails if it cannot. From then on
 * the device is kept open by a reader thread ({@link SerialLink}): when it fails or vanishes (a
 * read error such as {@code EIO}, the device path gone, a USB adapter unplugged) the medium closes
 * it and reopens it, waiting 50 ms doubling to 2 s between attempts, until {@link #close()}.
 * While it is down, beacons are not sent and count as send errors. {@link #linkUp()} tells the
 * current state; the listener hears every change through
 * {@link BeaconListener#onLinkState}. "Up" means the device is open, not that a peer answers: a
 * pulled cable on a real UART leaves the port open and silent.
 */
public final class SerialMedium extends AbstractMedium {
    private static final Logger log = LoggerFactory.getLogger(SerialMedium.class);

    private final SerialLinkSettings settings;
    private final SerialLink link;
    /** Sender thread only. */
    private final SerialFramer framer = new SerialFramer();
    /** Reader thread only. */
    private final SerialDeframer deframer;

    /** The medium for one configured serial link, as the daemon builds it. */
    public SerialMedium(SerialLinkSettings settings, MediumContext context) {
        super(settings.name(), context);
        this.settings = Objects.requireNonNull(settings, "settings");
        Wiring wiring = new Wiring();
        this.deframer = new SerialDeframer(wiring);
        this.link = new SerialLink(settings, JSerialCommPort::open, Sleeper.wakeable(), Clock.system(), wiring);
    }

    public SerialLinkSettings settings() {
        return settings;
    }

    /** True while the serial device is open; false while it is being reopened, and once closed. */
    public boolean linkUp() {
        return link.isUp();
    }

    @Override
    protected void open() throws IOException {
        link.start();
    }

    @Override
    protected void transmit(byte[] frame) throws IOException {
        int n = framer.encode(frame, 0, frame.length);
        link.write(framer.buffer(), n);
    }

    @Override
    protected void shutdown() {
        link.close();
    }

    /** Reader thread: bytes from the link go to the deframer, frames from it to the beacon checks. */
    private final class Wiring implements SerialLink.Events, SerialDeframer.Sink {
        @Override
        public void received(byte[] buf, int len) {
            deframer.feed(buf, 0, len);
        }

        @Override
        public void frame(byte[] buf, int off, int len) {
            receive(buf, off, len);
        }

        @Override
        public void discarded(long bytes) {
            stats().countFramingError(bytes);
            long n = stats().framingErrors();
            if (Long.bitCount(n) == 1) {
                log.warn("{}: dropped {} bytes of line noise or a damaged frame [{} such so far]", name(), bytes, n);
            } else {
                log.debug("{}: dropped {} bytes of line noise or a damaged frame", name(), bytes);
            }
        }

        @Override
        public void up(String detail) {
            linkChanged(true, detail);
        }

        @Override
        public void down(String detail) {
            deframer.reset();
            linkChanged(false, detail);
        }
    }
}
