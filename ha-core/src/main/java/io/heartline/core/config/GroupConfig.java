package io.heartline.core.config;

import java.util.List;

/**
 * A resource group: what moves together from node to node. Its VIPs come first (started first,
 * stopped last), then its resources in order; each resource is a section checked by the
 * resources module.
 */
public record GroupConfig(String name, List<VipConfig> vips, List<SectionConfig> resources) {
    public GroupConfig {
        vips = List.copyOf(vips);
        resources = List.copyOf(resources);
    }

    public GroupConfig(String name, List<VipConfig> vips) {
        this(name, vips, List.of());
    }
}
