package io.heartline.cluster;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The netlink address events of one node, from a long-running {@code ip -o -ts monitor address}
 * in its namespace: every add and delete of the watched address, stamped by {@code ip} when it
 * read the event. A holder-ship shorter than the auditor's sampling period is still seen here.
 *
 * <pre>
 * [2026-12-06T23:42:46.897070] 3: eth0    inet 10.77.0.10/24 scope global secondary eth0\ ...
 * [2026-12-06T23:42:46.913789] Deleted 3: eth0    inet 10.77.0.10/24 scope global secondary eth0\ ...
 * </pre>
 *
 * {@code ip} prints local time without a zone; it runs with {@code TZ=UTC} so the stamps parse as UTC.
 */
final class AddressEvents {
    private final String node;
    private final String address;
    private final String iface;
    private final List<HoldingTimeline.Observation> events = new ArrayList<>();
    private final LabProcess process;

    private AddressEvents(Lab lab, String node, String address, String iface) {
        this.node = node;
        this.address = address;
        this.iface = iface;
        this.process = lab.start(node, ProcessSpec.of("addr-monitor", "ip", "-o", "-ts", "monitor", "address")
                .env("TZ", "UTC").onLine(this::accept));
    }

    /** Starts watching {@code address} (without prefix) on {@code iface} of {@code node}. */
    static AddressEvents start(Lab lab, String node, String address, String iface) {
        return new AddressEvents(lab, node, address, iface);
    }

    private void accept(String line) {
        parse(node, address, iface, line).ifPresent(o -> {
            synchronized (events) {
                events.add(o);
            }
        });
    }

    /** One line of {@code ip -o -ts monitor address} as an observation of {@code address} on {@code iface}. */
    static Optional<HoldingTimeline.Observation> parse(String node, String address, String iface, String line) {
        if (!line.startsWith("[") || line.indexOf(']') < 0) {
            return Optional.empty();
        }
        String stamp = line.substring(1, line.indexOf(']'));
        String rest = line.substring(line.indexOf(']') + 1).strip();
        boolean deleted = rest.startsWith("Deleted ");
        String[] words = (deleted ? rest.substring("Deleted ".length()) : rest).split("\\s+");
        // 3: eth0 inet 10.77.0.10/24 ...
        if (words.length < 4 || !words[1].equals(iface) || !words[3].startsWith(address + "/")) {
            return Optional.empty();
        }
        try {
            long at = LocalDateTime.parse(stamp).toInstant(ZoneOffset.UTC).toEpochMilli();
            return Optional.of(new HoldingTimeline.Observation(at, node, !deleted));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    List<HoldingTimeline.Observation> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Whether the {@code ip monitor} process still runs (it should for the whole audit). */
    boolean alive() {
        return process.isAlive();
    }
}
