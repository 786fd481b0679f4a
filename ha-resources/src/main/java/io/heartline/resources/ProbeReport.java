package io.heartline.resources;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a group's start-up probe found, member by member in group order, and which it stopped. */
public record ProbeReport(String group, boolean ownedHere, List<Entry> entries) {
    public ProbeReport {
        Objects.requireNonNull(group, "group");
        entries = List.copyOf(entries);
    }

    /**
     * One member: its monitor's result, what that means, and the stop it was given (absent when
     * it was left as it was).
     */
    public record Entry(String resource, OperationResult monitor, ProbeResult found, OperationResult stop) {
        public Entry {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(monitor, "monitor");
            Objects.requireNonNull(found, "found");
        }

        public Optional<OperationResult> stopped() {
            return Optional.ofNullable(stop);
        }

        /** {@code left}, {@code stopped}, or {@code stop-failed}. */
        public String action() {
            return stop == null ? "left" : stop.succeeded() ? "stopped" : "stop-failed";
        }
    }
}
