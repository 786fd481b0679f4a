package io.heartline.stonith;

import java.util.Locale;

/** What a fence agent is asked to do to a node, with the {@code action=} word of the fence-agents API. */
public enum FenceAction {
    /** Power the node off (the fencing action proper). */
    OFF,
    /** Power the node on (unfencing). */
    ON,
    /** Off then on; per the fence-agents API only the off part is guaranteed. */
    REBOOT,
    /** Ask the device for the node's power state; changes nothing. */
    STATUS;

    /** The word fence agents and scripts expect: {@code off}, {@code on}, {@code reboot}, {@code status}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #word()} (case-insensitive), as typed in {@code hactl fence}. */
    public static FenceAction parse(String word) {
        for (FenceAction a : values()) {
            if (a.word().equalsIgnoreCase(word.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown fence action '" + word + "' (off, on, reboot, status)");
    }
}
