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

/**
 * keepalived's notifications → heartline's alert channels: each notify script a {@code script}
 * channel with the kinds its notify lines stand for, and {@code smtp_alert} with the mail settings
 * of {@code global_defs} an {@code smtp} channel.
 */
final class KeepalivedAlerts {
    private KeepalivedAlerts() {
    }

    /** Notify scripts → script alert channels; smtp_alert with a mail setup in global_defs → an smtp channel. */
    static void apply(ClusterPlan plan, java.util.Collection<VrrpConf.Instance> instances, List<VrrpConf.SyncGroup> syncs, List<Stmt> globals,
                          List<Stmt> servers, ImportReport report) {
        List<VrrpConf.Notify> notifies = new ArrayList<>();
        boolean smtp = false;
        for (VrrpConf.SyncGroup g : syncs) {
            notifies.addAll(g.notifies());
            smtp |= g.smtpAlert();
        }
        for (VrrpConf.Instance i : instances) {
            notifies.addAll(i.notifies());
            smtp |= i.smtpAlert();
        }
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        Map<String, String> firstAt = new LinkedHashMap<>();
        for (VrrpConf.Notify n : notifies) {
            String path = n.command().isBlank() ? "" : n.command().strip().split("\\s+")[0];
            if (!path.startsWith("/")) {
                report.notMapped(n.origin(), "an alert script needs an absolute path");
                continue;
            }
            kinds.computeIfAbsent(path, p -> new LinkedHashSet<>()).addAll(VrrpConf.ALERT_KINDS.get(n.kind()));
            firstAt.putIfAbsent(path, n.origin().where());
            report.mapped(n.origin(), "alert channel " + channelName(path) + " (kinds " + VrrpConf.ALERT_KINDS.get(n.kind())
                    + "): run as '" + path + " KIND NODE GROUP' with HEARTLINE_* variables"
                    + (n.command().strip().equals(path) ? "" : ", not with '" + n.command().strip().substring(path.length()).strip() + "'")
                    + "; alerts run after the change, not in its path: a script that starts services belongs in a resource");
        }
        Set<String> names = new HashSet<>();
        for (var e : kinds.entrySet()) {
            plan.channels.add(new ClusterPlan.Channel("script", Names.unique(channelName(e.getKey()), names),
                    ClusterPlan.fields("path", e.getKey(), "kinds", List.copyOf(e.getValue())), "notify scripts (" + firstAt.get(e.getKey()) + ")"));
        }
        for (Stmt g : globals) {
            smtp |= g.child("smtp_alert") != null;
        }
        for (Stmt vs : servers) {
            smtp |= vs.child("smtp_alert") != null || vs.children("real_server").stream().anyMatch(r -> r.child("smtp_alert") != null);
        }
        if (smtp) {
            mail(plan, globals, report);
        }
    }

    private static String channelName(String path) {
        return Names.of("notify-" + Path.of(path).getFileName(), "notify");
    }

    private static void mail(ClusterPlan plan, List<Stmt> globals, ImportReport report) {
        Stmt server = null;
        Stmt from = null;
        Stmt emails = null;
        Stmt timeout = null;
        for (Stmt g : globals) {
            server = server != null ? server : g.child("smtp_server");
            from = from != null ? from : g.child("notification_email_from");
            emails = emails != null ? emails : g.child("notification_email");
            timeout = timeout != null ? timeout : g.child("smtp_connect_timeout");
        }
        List<String> to = new ArrayList<>();
        for (Stmt e : emails == null ? List.<Stmt>of() : emails.block()) {
            if (e.keyword().contains("@")) {
                to.add(e.use().keyword());
            }
        }
        if (server == null || server.arg(0) == null || from == null || from.arg(0) == null || !from.arg(0).contains("@") || to.isEmpty()) {
            report.note("smtp_alert: no smtp alert channel written: global_defs needs smtp_server, notification_email_from and a"
                    + " notification_email address with '@'");
            return;
        }
        Integer port = server.arg(1) != null && server.arg(1).matches("\\d{1,5}") ? Integer.valueOf(server.arg(1)) : null;
        Duration connect = timeout != null && timeout.arg(0) != null && timeout.arg(0).matches("\\d{1,4}")
                ? Duration.ofSeconds(Long.parseLong(timeout.use().arg(0))) : null;
        plan.channels.add(new ClusterPlan.Channel("smtp", "mail", ClusterPlan.fields("host", server.use().arg(0), "port", port,
                "from", from.use().arg(0), "to", to, "connect-timeout", connect), "global_defs mail settings (smtp_alert)"));
        emails.use();
        report.mapped(server.origin(), "alert channel mail (smtp to " + String.join(", ", to) + ", STARTTLS if the server offers it)");
        for (Stmt g : globals) {
            if (g.child("smtp_alert") != null) {
                g.child("smtp_alert").use();
            }
        }
    }
}
