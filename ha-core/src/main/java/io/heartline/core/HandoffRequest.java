package io.heartline.core;

import java.util.Objects;

/**
 * A node's request, repeated in its beacons until answered, that the owner of {@code group}
 * at {@code epoch} hand it over to {@code target} ({@code hactl failover} run on a non-owner).
 */
public record HandoffRequest(String group, long epoch, String target) {
    public HandoffRequest {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(target, "target");
    }
}
