package io.heartline.resources;

import java.util.Objects;

/** A resource in a group, with how it is run. */
public record GroupMember(Resource resource, ResourcePolicy policy) {
    public GroupMember {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(policy, "policy");
    }

    public String name() {
        return resource.name();
    }
}
