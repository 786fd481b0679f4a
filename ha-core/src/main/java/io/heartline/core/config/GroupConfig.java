package io.heartline.core.config;

import java.util.List;

/** A resource group: what moves together from node to node. For now its resources are its VIPs. */
public record GroupConfig(String name, List<VipConfig> vips) {
    public GroupConfig {
        vips = List.copyOf(vips);
    }
}
