package io.heartline.notify;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which alerts a channel sends: those of the listed kinds (all kinds when empty) at or above
 * the minimum severity. Test alerts always pass.
 *
 * @param kinds       alert kinds from {@link AlertKinds#KNOWN}; empty means every kind
 * @param minSeverity the least severity sent
 */
public record ChannelFilter(Set<String> kinds, Severity minSeverity) {
    /** Every alert. */
    public static final ChannelFilter ALL = new ChannelFilter(Set.of(), Severity.INFO);

    public ChannelFilter {
        kinds = Set.copyOf(kinds);
        Objects.requireNonNull(minSeverity, "minSeverity");
        for (String k : kinds) {
            if (!AlertKinds.KNOWN.contains(k)) {
                throw new IllegalArgumentException("unknown alert kind '" + k + "' (known: "
                        + String.join(", ", new TreeSet<>(AlertKinds.KNOWN)) + ")");
            }
        }
    }

    /** Every kind at or above {@code minSeverity}. */
    public static ChannelFilter atLeast(Severity minSeverity) {
        return new ChannelFilter(Set.of(), minSeverity);
    }

    /** True if the channel should send this alert. */
    public boolean accepts(Alert a) {
        if (AlertKinds.TEST.equals(a.kind())) {
            return true;
        }
        return a.severity().atLeast(minSeverity) && (kinds.isEmpty() || kinds.contains(a.kind()));
    }
}
