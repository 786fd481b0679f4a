package io.heartline.hactl.migrate;

import io.heartline.hactl.migrate.HaCf.Directive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code hactl import heartbeat}: heartbeat's ha.cf, haresources and authkeys → heartline.conf.
 * ha.cf gives the nodes, the timing ({@link HaCfTiming}), the media ({@link HaCfMedia}) and the
 * failback rule; each haresources line becomes a group ({@link HaresourcesGroups}); authkeys' key
 * cannot be reused and is reported.
 */
public final class HeartbeatImport {
    /** Where heartbeat keeps its resource scripts; heartline runs them from there unless told otherwise. */
    static final Path HEARTBEAT_RESOURCE_D = Path.of("/etc/ha.d/resource.d");

    private final Path dir;
    private final ImportOptions options;
    private final ImportReport report;
    private final ClusterPlan plan = new ClusterPlan();

    private HeartbeatImport(Path dir, ImportOptions options, ImportReport report) {
        this.dir = dir;
        this.options = options;
        this.report = report;
    }

    public static ClusterPlan run(Path dir, ImportOptions options, ImportReport report) throws ImportRefused {
        if (!Files.isDirectory(dir)) {
            throw ImportRefused.input(dir + ": not a directory (give heartbeat's configuration directory, e.g. /etc/ha.d)");
        }
        Path haCf = SourceText.find(dir, "ha.cf");
        Path haresources = SourceText.find(dir, "haresources");
        if (haCf == null || haresources == null) {
            throw ImportRefused.input(dir + ": no " + (haCf == null ? "ha.cf" : "haresources") + " (or .gz) in it");
        }
        HaCf cf = HaCf.parse(SourceText.read(haCf, haCf.toString()));
        Haresources res = Haresources.parse(SourceText.read(haresources, haresources.toString()), report);
        return new HeartbeatImport(dir, options, report).map(cf, res, haresources.toString());
    }

    private ClusterPlan map(HaCf cf, Haresources res, String resName) throws ImportRefused {
        plan.tool = "hactl import heartbeat";
        plan.source = dir.toString();
        Directive crm = cf.last("crm") != null ? cf.last("crm") : cf.last("pacemaker");
        if (crm != null && !List.of("no", "off", "false", "0", "n").contains(String.valueOf(crm.arg(0)).toLowerCase(Locale.ROOT))) {
            throw ImportRefused.input(crm.origin().where() + ": crm " + crm.arg(0) + ": the resources are in Pacemaker's CIB, not"
                    + " haresources; heartline cannot import a CIB");
        }
        if (res.groups().isEmpty()) {
            throw ImportRefused.input(resName + " has no resource group (every line is a comment or empty): nothing to move");
        }
        Set<Directive> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Directive d : cf.all("node")) {
            used.add(d);
            for (String n : d.args()) {
                if (!Names.NAME.matcher(n).matches()) {
                    throw ImportRefused.input(d.origin().where() + ": '" + n + "' cannot be a heartline node name"
                            + " (letters, digits, '.', '_', '-')");
                }
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        String defaultInterface = HaCfMedia.apply(cf, plan, used, report);
        if (plan.media.isEmpty()) {
            throw ImportRefused.input(cf.directives().isEmpty() ? dir + "/ha.cf has no directive" : dir + "/ha.cf has no heartbeat medium"
                    + " (bcast, mcast, ucast or serial): heartline needs at least one");
        }
        List<String> unicast = new ArrayList<>();
        for (Directive d : cf.all("ucast")) {
            if (Addresses.isIp(d.arg(1))) {
                unicast.add(d.arg(1));
            }
        }
        Map<String, String> nodes = Membership.resolve(options.self(), options.peers(),
                new Membership.FromFile(dir + "/ha.cf", names, null, unicast), report);
        plan.self = options.self().name();
        HaCfTiming.apply(cf, plan, used, report);
        failback(cf, used);
        HaresourcesGroups groups = new HaresourcesGroups(dir, plan, report, defaultInterface);
        Map<String, Integer> preferred = groups.map(res, nodes);
        boolean scripts = groups.usesScripts();
        if (plan.groups.isEmpty()) {
            throw ImportRefused.input(resName + ": no line has a usable resource (an IP address, a script, a service): nothing to move");
        }
        priorities(nodes, preferred);
        plan.resourceDir = options.resourceDir() != null ? options.resourceDir() : scripts ? HEARTBEAT_RESOURCE_D : null;
        if (scripts && options.resourceDir() == null) {
            report.note("resource-dir = " + HEARTBEAT_RESOURCE_D + ": heartbeat's scripts stay where heartbeat keeps them"
                    + " (keep the package's resource.d, or copy the scripts and pass --resource-dir)");
        }
        plan.initDir = options.initDir();
        authkeys();
        for (Directive d : cf.directives()) {
            if (!used.contains(d)) {
                // stonith lines carry the device's login and password: only the device type is shown
                Origin o = d.name().startsWith("stonith") ? new Origin(d.origin().file(), d.origin().line(),
                        d.name() + " " + String.join(" ", d.args().subList(0, Math.min(2, d.args().size()))) + " …") : d.origin();
                report.notMapped(o, HeartbeatReasons.why(d.name()));
            }
        }
        return plan;
    }

    private void failback(HaCf cf, Set<Directive> used) {
        Directive d = cf.last("auto_failback");
        Directive nice = cf.last("nice_failback");
        if (d == null && nice != null) {
            used.add(nice);
            boolean on = isTrue(nice.arg(0));
            plan.failback = on ? "manual" : "auto";
            report.mapped(nice.origin(), "failback = " + plan.failback);
            return;
        }
        if (d == null) {
            plan.failback = "auto";
            plan.failbackDelay = java.time.Duration.ZERO;
            report.note("no auto_failback: heartbeat's default (legacy) fails back, so failback = auto, failback-delay = 0s");
            return;
        }
        cf.all("auto_failback").forEach(used::add);
        String v = String.valueOf(d.arg(0)).toLowerCase(Locale.ROOT);
        if (v.equals("legacy") || isTrue(v)) {
            plan.failback = "auto";
            plan.failbackDelay = java.time.Duration.ZERO;
            report.mapped(d.origin(), "failback = auto, failback-delay = 0s (heartbeat moved back at once; heartline's default"
                    + " is manual, or 30s with auto: a group moving back at once flaps when the fault is not gone)");
        } else {
            plan.failback = "manual";
            report.mapped(d.origin(), "failback = manual");
        }
    }

    static boolean isTrue(String v) {
        return v != null && Set.of("on", "yes", "true", "y", "1").contains(v.toLowerCase(Locale.ROOT));
    }

    /** The node named for the most groups is preferred (100), the others 50; with none named, no preference. */
    private void priorities(Map<String, String> nodes, Map<String, Integer> preferred) {
        String top = preferred.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        for (var e : nodes.entrySet()) {
            plan.nodes.add(new ClusterPlan.Node(e.getKey(), e.getValue(), top == null ? 0 : e.getKey().equals(top) ? 100 : 50));
        }
        if (preferred.size() > 1) {
            report.note("haresources prefers " + String.join(" and ", preferred.keySet()) + " for different groups: heartline"
                    + " prefers one node for every group, " + top);
        }
    }

    private void authkeys() throws ImportRefused {
        Path file = SourceText.find(dir, "authkeys");
        if (file == null) {
            report.note("no authkeys in " + dir + ": heartline's own key is used");
            return;
        }
        SourceText text = SourceText.read(file, file.toString());
        for (int i = 0; i < text.lines().size(); i++) {
            String line = text.lines().get(i);
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String method = t.split("\\s+").length > 1 ? t.split("\\s+")[1].toLowerCase(Locale.ROOT) : "";
            Origin o = new Origin(file.toString(), i + 1, t.split("\\s+")[0] + " " + method + (t.split("\\s+").length > 2 ? " …" : ""));
            report.mapped(o, "heartline's auth-key-file: " + (method.equals("crc") ? "crc authenticated nothing"
                    : t.startsWith("auth") ? "heartline signs every beacon with one key" : method + " keys cannot sign heartline's"
                    + " HMAC-SHA256 beacons") + " (the key itself is not copied)");
        }
    }
}
