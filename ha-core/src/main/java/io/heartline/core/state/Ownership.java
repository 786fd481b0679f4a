package io.heartline.core.state;

import java.util.Objects;

/** The newest ownership term a node knows for a group: epoch and owner ("" = nobody). */
public record Ownership(long epoch, String owner) {
    public static final Ownership NONE = new Ownership(0, "");

    public Ownership {
        Objects.requireNonNull(owner, "owner");
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch");
        }
    }

    public boolean ownedBy(String node) {
        return owner.equals(node);
    }

    public boolean hasOwner() {
        return !owner.isEmpty();
    }
}
