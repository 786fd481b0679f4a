package io.heartline.hactl.migrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heartline.conf an import will write, built up by a mapper and written by {@link PlanWriter}.
 * Only what the source said, or what heartline needs and the source cannot say, is set; the rest
 * stays at heartline's defaults. Every part may carry a comment naming where it came from.
 */
public final class ClusterPlan {
    /** {@code nodes[]} */
    public record Node(String name, String address, int priority) {
    }

    /** {@code timing { }} */
    public record Timing(Duration interval, Duration deadtime, Duration warntime, Duration initdead) {
    }

    /** {@code media[]}: {@code type} and its keys in order. */
    public record Medium(String type, String name, Map<String, Object> fields, String comment) {
    }

    /** {@code groups[].vips[]} */
    public record Vip(String address, String iface, String comment) {
    }

    /** {@code groups[].resources[]}: {@code params} and the policy keys ({@code monitor-interval}, {@code on-fail}, …). */
    public record Resource(String name, String type, Map<String, String> params, Map<String, Object> policy, String comment) {
    }

    /**
     * An object in a list of a resource's section ({@code virtual-services[]}), with a comment
     * above it. A value may be a map (a nested object) or a list of items.
     */
    public record Item(Map<String, Object> fields, String comment) {
    }

    /** {@code groups[]} */
    public static final class Group {
        final String name;
        final String comment;
        final List<Vip> vips = new ArrayList<>();
        final List<Resource> resources = new ArrayList<>();

        Group(String name, String comment) {
            this.name = name;
            this.comment = comment;
        }

        public String name() {
            return name;
        }

        public List<Vip> vips() {
            return vips;
        }

        public List<Resource> resources() {
            return resources;
        }
    }

    /** {@code alerts.channels[]}: {@code type}, {@code name} and its keys in order. */
    public record Channel(String type, String name, Map<String, Object> fields, String comment) {
    }

    String source;
    String tool;
    String cluster = "heartline";
    String self;
    final List<Node> nodes = new ArrayList<>();
    Timing timing;
    Path authKeyFile;
    final List<Medium> media = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    String failback;
    Duration failbackDelay;
    Integer garpCount;
    Duration garpRepeatAfter;
    final List<Channel> channels = new ArrayList<>();
    Path resourceDir;
    Path initDir;
    /** IPVS rules for the lvs-director resource, in {@code ipvsadm-save -n} form, and where they are to live. */
    final List<String> ipvsRules = new ArrayList<>();
    Path ipvsRulesFile;
    /**
     * The lvs-director resource's {@code virtual-services} when they cannot be in it (no rules file
     * is written for config check to read): written commented, after the rules.
     */
    final List<Item> commentedVirtualServices = new ArrayList<>();
    /** Comments written at the end of the file (what the source had that the config only mentions). */
    final List<String> trailer = new ArrayList<>();

    public List<Node> nodes() {
        return nodes;
    }

    public List<Group> groups() {
        return groups;
    }

    public List<Medium> media() {
        return media;
    }

    public List<Channel> channels() {
        return channels;
    }

    public List<String> ipvsRules() {
        return ipvsRules;
    }

    public Path ipvsRulesFile() {
        return ipvsRulesFile;
    }

    public Path authKeyFile() {
        return authKeyFile;
    }

    /** The group called {@code name}, made (after the others) if there is none yet. */
    Group group(String name, String comment) {
        for (Group g : groups) {
            if (g.name.equals(name)) {
                return g;
            }
        }
        Group g = new Group(name, comment);
        groups.add(g);
        return g;
    }

    /** The group that has the VIP {@code address} (without prefix), or null. */
    Group groupWithVip(String address) {
        for (Group g : groups) {
            for (Vip v : g.vips) {
                if (Addresses.same(v.address().substring(0, v.address().indexOf('/')), address)) {
                    return g;
                }
            }
        }
        return null;
    }

    /** The group that has the VIP of {@code addressWithPrefix} ({@code 10.0.0.1/24}) already, or null. */
    Group vipOwner(String addressWithPrefix) {
        String bare = addressWithPrefix.substring(0, addressWithPrefix.indexOf('/'));
        return groupWithVip(bare);
    }

    /** Resource parameters in the order given. */
    static Map<String, String> params(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }
}
