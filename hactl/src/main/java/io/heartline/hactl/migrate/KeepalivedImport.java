package io.heartline.hactl.migrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hactl import keepalived}: keepalived.conf → heartline.conf. Each {@code vrrp_instance}
 * becomes a group with its VIPs ({@code vrrp_sync_group}s one group for all their instances), VRRP's
 * adverts become heartbeat media and timing, {@code nopreempt} manual failback, notify scripts
 * script alert channels, {@code virtual_server}s the {@code lvs-director} resource with its
 * real-server checks. Whatever is left is reported with the reason.
 */
public final class KeepalivedImport {
    /** heartline's defaults for what VRRP does differently. */
    static final String MULTICAST_GROUP = "239.192.76.1";
    static final int MULTICAST_PORT = 7640;
    static final int UNICAST_PORT = 7650;
    private static final Pattern DEV_TCP = Pattern.compile("</dev/tcp/([^/\\s'\"]+)/(\\d{1,5})");
    private static final Pattern NC_Z = Pattern.compile("\\bnc\\s+(?:-\\w+\\s+)*-z\\w*\\s+(?:-\\w+\\s+)*(\\S+)\\s+(\\d{1,5})\\b");

    private final String source;
    private final ImportOptions options;
    private final ImportReport report;
    private final ClusterPlan plan = new ClusterPlan();

    private KeepalivedImport(String source, ImportOptions options, ImportReport report) {
        this.source = source;
        this.options = options;
        this.report = report;
    }

    /** Reads {@code file} (and what it includes) and maps it; refused when there is nothing heartline can run. */
    public static ClusterPlan run(Path file, ImportOptions options, ImportReport report) throws ImportRefused {
        KeepalivedParser.Conf conf = KeepalivedParser.parse(file, report);
        return new KeepalivedImport(file.toString(), options, report).map(conf.statements());
    }

    private ClusterPlan map(List<Stmt> top) throws ImportRefused {
        plan.tool = "hactl import keepalived";
        plan.source = source;
        List<Stmt> instances = new ArrayList<>();
        List<Stmt> syncs = new ArrayList<>();
        List<Stmt> servers = new ArrayList<>();
        List<Stmt> globals = new ArrayList<>();
        Map<String, Stmt> scripts = new LinkedHashMap<>();
        for (Stmt s : top) {
            switch (s.keyword()) {
                case "vrrp_instance" -> instances.add(s);
                case "vrrp_sync_group" -> syncs.add(s);
                case "virtual_server" -> servers.add(s);
                case "global_defs" -> globals.add(s.use());
                case "vrrp_script" -> scripts.putIfAbsent(String.valueOf(s.arg(0)), s);
                default -> {
                }
            }
        }
        if (instances.isEmpty()) {
            throw ImportRefused.input(source + " has no vrrp_instance" + (servers.isEmpty() ? " and no virtual_server"
                    : " (only " + servers.size() + " virtual_server(s), which keepalived runs on one director without failover)")
                    + ": heartline needs the addresses that move between the nodes (a vrrp_instance's virtual_ipaddress)");
        }
        Map<String, VrrpConf.Instance> byName = new LinkedHashMap<>();
        for (Stmt s : instances) {
            VrrpConf.Instance i = VrrpConf.instance(s.use(), report);
            if (byName.putIfAbsent(i.name(), i) != null) {
                report.notMapped(s.origin(), "a second vrrp_instance named " + i.name() + ": left out");
            }
        }
        List<VrrpConf.SyncGroup> groups = syncs.stream().map(s -> VrrpConf.syncGroup(s.use())).toList();
        nodes(byName.values());
        Map<VrrpConf.Instance, ClusterPlan.Group> groupOf = groups(byName, groups);
        if (plan.groups.isEmpty()) {
            throw ImportRefused.input(source + ": no vrrp_instance has a usable virtual_ipaddress: nothing to move between the nodes");
        }
        media(byName.values());
        timing(byName.values());
        failback(byName.values());
        garp(byName.values());
        KeepalivedAlerts.apply(plan, byName.values(), groups, globals, servers, report);
        tracks(groupOf, scripts);
        List<Lvs.Service> services = new ArrayList<>();
        for (Stmt vs : servers) {
            Lvs.Service s = KeepalivedLvs.service(vs, report);
            Lvs.Service same = s == null ? null : services.stream().filter(o -> Lvs.service(o).equals(Lvs.service(s)))
                    .findFirst().orElse(null);
            if (same != null) {
                report.notMapped(vs.origin(), "the same virtual service as " + same.origin().where() + ": left out");
            } else if (s != null) {
                services.add(s);
            }
        }
        Lvs.apply(plan, services, options.ipvsRules() != null ? options.ipvsRules() : Lvs.DEFAULT_RULES,
                options.ipvsRules() != null, source, report);
        if (services.stream().anyMatch(s -> s.checks() != null)) {
            report.note("the real-server checks keep keepalived's timing: interval = delay_loop (60s if none), timeout ="
                    + " connect_timeout (5s if none; MISC_CHECK: misc_timeout, else delay_loop), fall = 1 + retry (keepalived's"
                    + " default retry is 1, MISC_CHECK's 0) and rise = 1: a real server goes out after its failed check and"
                    + " retries, and comes back after one passing check");
        }
        plan.resourceDir = options.resourceDir();
        plan.initDir = options.initDir();
        unused(top, null);
        return plan;
    }

    private void nodes(java.util.Collection<VrrpConf.Instance> instances) throws ImportRefused {
        String selfAddress = null;
        Set<String> peers = new LinkedHashSet<>();
        for (VrrpConf.Instance i : instances) {
            selfAddress = selfAddress != null ? selfAddress : i.unicastSrc() != null ? i.unicastSrc() : i.mcastSrc();
            peers.addAll(i.unicastPeers());
        }
        Map<String, String> nodes = Membership.resolve(options.self(), options.peers(),
                new Membership.FromFile(source, List.of(), selfAddress, List.copyOf(peers)), report);
        VrrpConf.Instance master = instances.stream().filter(VrrpConf.Instance::master).findFirst().orElse(null);
        plan.self = options.self().name();
        for (var e : nodes.entrySet()) {
            boolean self = e.getKey().equals(plan.self);
            int priority = master == null ? 0 : self ? 100 : 50;
            plan.nodes.add(new ClusterPlan.Node(e.getKey(), e.getValue(), priority));
        }
        if (master != null) {
            report.note("priorities: this node is MASTER of " + master.name() + " here, so it is the preferred node (100) and"
                    + " the others get 50; heartline prefers one node for every group");
            for (VrrpConf.Instance i : instances) {
                if (!i.master()) {
                    report.mapped(i.stmt().origin(), "preferred by " + plan.self + " like every group (it is BACKUP here"
                            + (i.priority() == null ? "" : ", priority " + i.priority()) + "): heartline prefers one node for all groups");
                }
            }
        } else {
            report.note("priorities: no instance is MASTER here, so no node is preferred (all 0): whoever runs a group keeps it;"
                    + " set nodes[].priority to prefer one");
        }
    }

    /** One group per sync group and per instance in none; the instances' VIPs, each in one group only. */
    private Map<VrrpConf.Instance, ClusterPlan.Group> groups(Map<String, VrrpConf.Instance> byName, List<VrrpConf.SyncGroup> syncs) {
        Map<VrrpConf.Instance, ClusterPlan.Group> groupOf = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (VrrpConf.SyncGroup g : syncs) {
            List<VrrpConf.Instance> members = new ArrayList<>();
            for (String m : g.members()) {
                VrrpConf.Instance i = byName.get(m);
                if (i == null) {
                    report.notMapped(g.stmt().origin(), "names " + m + ", which is no vrrp_instance");
                } else if (!groupOf.containsKey(i) && !members.contains(i)) {
                    members.add(i);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            String name = Names.unique(Names.of(g.name(), "group"), names);
            ClusterPlan.Group group = new ClusterPlan.Group(name, "vrrp_sync_group " + g.name() + " (" + g.stmt().origin().where()
                    + "): " + String.join(", ", members.stream().map(VrrpConf.Instance::name).toList()));
            report.mapped(g.stmt().origin(), "group " + name + " with the VIPs of " + members.size() + " instance(s): they move together");
            members.forEach(i -> groupOf.put(i, group));
        }
        for (VrrpConf.Instance i : byName.values()) {
            groupOf.computeIfAbsent(i, x -> new ClusterPlan.Group(Names.unique(Names.of(x.name(), "group"), names),
                    "vrrp_instance " + x.name() + " (" + x.stmt().origin().where() + ")"));
        }
        for (var e : groupOf.entrySet()) {
            for (VrrpConf.Vip v : e.getKey().vips()) {
                ClusterPlan.Group owner = plan.vipOwner(v.cidr());
                if (owner == null) {
                    if (!plan.groups.contains(e.getValue())) {
                        plan.groups.add(e.getValue());
                    }
                    e.getValue().vips.add(new ClusterPlan.Vip(v.cidr(), v.iface(), null));
                } else {
                    report.notMapped(v.origin(), "already a VIP of group " + owner.name() + ": a VIP belongs to one group");
                }
            }
            if (e.getKey().vips().isEmpty()) {
                report.notMapped(e.getKey().stmt().origin(), "no usable virtual_ipaddress: this instance moves nothing");
            }
        }
        groupOf.values().removeIf(g -> !plan.groups.contains(g));
        return groupOf;
    }

    private void media(java.util.Collection<VrrpConf.Instance> instances) {
        Set<String> multicast = new LinkedHashSet<>();
        boolean unicast = false;
        String bind = null;
        for (VrrpConf.Instance i : instances) {
            if (!i.unicastPeers().isEmpty()) {
                unicast = true;
            } else if (i.iface() != null && multicast.add(i.iface())) {
                bind = bind == null ? i.mcastSrc() : bind;
            }
        }
        if (unicast) {
            plan.media.add(new ClusterPlan.Medium("unicast", "unicast", ClusterPlan.fields("port", UNICAST_PORT),
                    "VRRP unicast (unicast_peer): TCP to every node's address"));
            report.note("unicast_peer -> a unicast medium: TCP port " + UNICAST_PORT + " to every node's address (open it in the firewall)");
        }
        for (String iface : multicast) {
            plan.media.add(new ClusterPlan.Medium("multicast", Names.of("vrrp-" + iface, "multicast"), ClusterPlan.fields(
                    "interface", iface, "group", MULTICAST_GROUP, "port", MULTICAST_PORT, "bind-address", multicast.size() == 1 ? bind : null),
                    "VRRP adverts on " + iface));
            report.note("VRRP multicast on " + iface + " -> a multicast medium on " + iface + ": UDP " + MULTICAST_GROUP + ":"
                    + MULTICAST_PORT + " instead of VRRP's 224.0.0.18 (open it in the firewall)");
        }
        if (plan.media.isEmpty()) {
            plan.media.add(new ClusterPlan.Medium("unicast", "unicast", ClusterPlan.fields("port", UNICAST_PORT), "no interface was usable"));
            report.note("no instance has a usable interface: a unicast medium on TCP port " + UNICAST_PORT);
        }
    }

    private void timing(java.util.Collection<VrrpConf.Instance> instances) {
        VrrpConf.Instance fastest = instances.stream().filter(i -> i.advert() != null && !i.advert().isZero())
                .min(java.util.Comparator.comparing(VrrpConf.Instance::advert)).orElse(null);
        Duration advert = fastest == null ? Duration.ofSeconds(1) : fastest.advert();
        Duration interval = advert.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : advert;
        Duration deadtime = interval.multipliedBy(3);
        plan.timing = new ClusterPlan.Timing(interval, deadtime, interval.multipliedBy(2), deadtime);
        String how = "interval = " + PlanWriter.d(interval) + ", deadtime = " + PlanWriter.d(deadtime)
                + " (VRRP declares a master dead after 3 missed adverts)";
        if (fastest == null) {
            report.note("no advert_int: keepalived's 1s -> " + how);
        } else {
            report.mapped(fastest.stmt().child("advert_int").origin(), how + (interval.equals(advert) ? "" : "; 10s is the longest interval"));
        }
    }

    private void failback(java.util.Collection<VrrpConf.Instance> instances) {
        VrrpConf.Instance nopreempt = instances.stream().filter(VrrpConf.Instance::nopreempt).findFirst().orElse(null);
        if (nopreempt != null) {
            plan.failback = "manual";
            report.mapped(nopreempt.stmt().child("nopreempt").origin(), "failback = manual (for every group: heartline has one failback rule)");
            return;
        }
        Duration delay = instances.stream().map(VrrpConf.Instance::preemptDelay).filter(java.util.Objects::nonNull)
                .max(Duration::compareTo).orElse(Duration.ZERO);
        plan.failback = "auto";
        plan.failbackDelay = delay.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : delay;
        report.note("no nopreempt: keepalived preempts, so failback = auto, failback-delay = " + PlanWriter.d(plan.failbackDelay)
                + " (heartline's default is manual, with 30s: a group moving back at once flaps when the fault is not gone)");
    }

    private void garp(java.util.Collection<VrrpConf.Instance> instances) {
        for (VrrpConf.Instance i : instances) {
            if (i.garpDelay() != null && plan.garpRepeatAfter == null) {
                plan.garpRepeatAfter = i.garpDelay().compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : i.garpDelay();
                report.mapped(i.stmt().child("garp_master_delay").origin(), "garp.repeat-after = " + PlanWriter.d(plan.garpRepeatAfter));
            }
            if (i.garpRepeat() != null && plan.garpCount == null) {
                plan.garpCount = i.garpRepeat();
                report.mapped(i.stmt().child("garp_master_repeat").origin(), "garp.count = " + plan.garpCount);
            }
        }
    }

    /** {@code track_script}s that test a TCP port become probes that move the group when they fail. */
    private void tracks(Map<VrrpConf.Instance, ClusterPlan.Group> groupOf, Map<String, Stmt> scripts) {
        for (var e : groupOf.entrySet()) {
            for (VrrpConf.Track t : e.getKey().tracks()) {
                Stmt def = scripts.get(t.script());
                if (def == null) {
                    report.notMapped(t.line().use().origin(), "no vrrp_script of that name");
                    continue;
                }
                Stmt script = def.child("script");
                String command = script == null ? "" : String.join(" ", script.args());
                Matcher m = DEV_TCP.matcher(command);
                Matcher nc = NC_Z.matcher(command);
                String host = null;
                String port = null;
                if (m.find()) {
                    host = m.group(1);
                    port = m.group(2);
                } else if (nc.find()) {
                    host = nc.group(1);
                    port = nc.group(2);
                }
                host = "localhost".equals(host) ? "127.0.0.1" : host;
                if (host == null || !Addresses.isIp(host) || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    report.notMapped(t.line().use().origin(), "only scripts that test a TCP port ('</dev/tcp/HOST/PORT', 'nc -z HOST PORT')"
                            + " become probes; make this one an LSB or heartbeat-style script resource with on-fail = failover");
                    continue;
                }
                ClusterPlan.Group g = e.getValue();
                String name = Names.of("track-" + t.script(), "track");
                if (g.resources.stream().noneMatch(r -> r.name().equals(name))) {
                    Map<String, Object> policy = new LinkedHashMap<>();
                    policy.put("monitor-interval", secondsOf(def.child("interval"), Duration.ofSeconds(1)));
                    policy.put("on-fail", "failover");
                    g.resources.add(new ClusterPlan.Resource(name, "probe", ClusterPlan.params("host", host, "port", port),
                            policy, "vrrp_script " + t.script() + " (" + def.origin().where() + "): " + command));
                }
                def.use();
                for (String k : List.of("script", "interval", "timeout", "weight", "fall", "rise")) {
                    if (def.child(k) != null) {
                        def.child(k).use();
                    }
                }
                t.line().use();
                report.mapped(t.line().origin(), "probe " + name + " on " + host + ":" + port + " with on-fail = failover"
                        + (t.weight() != null || def.child("weight") != null ? " (keepalived lowered the priority by its weight;"
                        + " heartline moves the group)" : "") + (def.child("fall") != null || def.child("rise") != null
                        ? "; fall/rise: heartline acts on the first failed monitor" : ""));
            }
        }
    }

    private static Duration secondsOf(Stmt s, Duration fallback) {
        return s != null && s.arg(0) != null && s.arg(0).matches("\\d{1,5}") ? Duration.ofSeconds(Long.parseLong(s.arg(0))) : fallback;
    }

    /** Every statement nothing used, with the reason; the blocks of used statements are looked into. */
    private void unused(List<Stmt> statements, String within) {
        for (Stmt s : statements) {
            if (!s.used()) {
                report.notMapped(s.origin(), s.keyword().equals("vrrp_script") && within == null
                        ? "no instance tracks it with a script that tests a TCP port" : KeepalivedReasons.why(s, within));
            } else if (s.hasBlock()) {
                unused(s.block(), s.keyword());
            }
        }
    }
}
