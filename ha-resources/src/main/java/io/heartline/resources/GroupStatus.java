package io.heartline.resources;

import java.util.List;
import java.util.Optional;

/** An immutable snapshot of a managed group, safe to read from any thread. */
public record GroupStatus(String group, Target target, boolean failoverRequested, List<ResourceStatus> resources) {

    /** What the group was last asked to be on this node (kept apart from what each resource is). */
    public enum Target { STARTED, STOPPED }

    public GroupStatus {
        resources = List.copyOf(resources);
    }

    public Optional<ResourceStatus> resource(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
