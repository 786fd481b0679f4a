package io.heartline.core;

import java.util.Objects;

/**
 * What a node tells its peers about one group in every beacon: the newest ownership term it
 * knows ({@code epoch}, {@code owner}; owner is empty when nobody owns the group) and its own
 * state for that group.
 */
public record GroupAdvert(String group, long epoch, String owner, GroupState state) {
    public GroupAdvert {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch " + epoch);
        }
    }

    public boolean hasOwner() {
        return !owner.isEmpty();
    }
}
