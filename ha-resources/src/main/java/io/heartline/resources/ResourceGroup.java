package io.heartline.resources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named, ordered list of resources: started first to last, stopped last to first. Resource
 * names are unique within the group.
 */
public record ResourceGroup(String name, List<GroupMember> members) {

    public ResourceGroup {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Set<String> seen = new HashSet<>();
        for (GroupMember m : members) {
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("group " + name + ": resource '" + m.name() + "' appears twice");
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a group in start order. */
    public static final class Builder {
        private final String name;
        private final List<GroupMember> members = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder add(Resource resource, ResourcePolicy policy) {
            members.add(new GroupMember(resource, policy));
            return this;
        }

        /** An agent resource made from its spec by {@link ResourceAgents#create(ResourceSpec, AgentSettings)}. */
        public Builder add(ResourceSpec spec, AgentSettings settings) {
            return add(ResourceAgents.resource(spec, settings), spec.policy());
        }

        public ResourceGroup build() {
            return new ResourceGroup(name, members);
        }
    }
}
