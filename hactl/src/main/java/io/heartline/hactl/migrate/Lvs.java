package io.heartline.hactl.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IPVS virtual services as a source describes them, and what they become: the rules the
 * {@code lvs-director} resource loads (in {@code ipvsadm-save -n} form) and one {@code probe}
 * resource per real server's check. The probes only report (on-fail = ignore): a failed real server
 * stays in the table, because lvs-director does not yet take real servers out; the report says so.
 */
final class Lvs {
    /** Where {@code lvs-director} reads its rules unless told otherwise. */
    static final java.nio.file.Path DEFAULT_RULES = java.nio.file.Path.of("/etc/heartline/ipvsadm.rules");
    private static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
            "fo", "ovf", "mh", "twos");

    /** {@code protocol}: tcp, udp, sctp or fwmark (then {@code fwmark} is set and address/port are not). */
    record Service(Origin origin, String protocol, String address, int port, int fwmark, String scheduler, Integer persistence,
                   Duration checkInterval, List<Real> reals) {
    }

    /** {@code method}: g (direct routing), m (NAT), i (tunnel). */
    record Real(Origin origin, String address, int port, String method, int weight, Check check) {
    }

    /** A real server's health check: {@code tcp} connect, or {@code http}/{@code https} GET. */
    record Check(Origin origin, String kind, String host, int port, String path, Integer expectStatus, String expectBody,
                 Duration connectTimeout) {
    }

    private Lvs() {
    }

    static boolean knownScheduler(String s) {
        return SCHEDULERS.contains(s);
    }

    /** The service as {@code ipvsadm} names it: {@code -t 10.0.0.1:80}, {@code -f 1}. */
    static String service(Service s) {
        return switch (s.protocol()) {
            case "fwmark" -> "-f " + s.fwmark();
            case "udp" -> "-u " + Addresses.host(s.address()) + ":" + s.port();
            case "sctp" -> "--sctp-service " + Addresses.host(s.address()) + ":" + s.port();
            default -> "-t " + Addresses.host(s.address()) + ":" + s.port();
        };
    }

    static List<String> rules(List<Service> services) {
        List<String> out = new ArrayList<>();
        for (Service s : services) {
            out.add("-A " + service(s) + " -s " + s.scheduler() + (s.persistence() == null ? "" : " -p " + s.persistence()));
            for (Real r : s.reals()) {
                out.add("-a " + service(s) + " -r " + Addresses.host(r.address()) + ":" + r.port() + " -" + r.method() + " -w " + r.weight());
            }
        }
        return out;
    }

    /**
     * Adds the services to {@code plan}: the rules, an {@code lvs-director} resource in the group
     * that owns the first service's address (lvs-director owns the whole IPVS table, so there is one),
     * and a probe per checked real server.
     */
    static void apply(ClusterPlan plan, List<Service> services, java.nio.file.Path rulesFile, String from, ImportReport report) {
        if (services.isEmpty() || plan.groups.isEmpty()) {
            return;
        }
        ClusterPlan.Group group = null;
        for (Service s : services) {
            group = s.address() == null ? null : plan.groupWithVip(s.address());
            if (group != null) {
                break;
            }
        }
        if (group == null) {
            group = plan.groups.get(0);
            report.note("no group has a virtual server's address as a VIP: lvs-director goes into group " + group.name());
        }
        for (Service s : services) {
            ClusterPlan.Group owner = s.address() == null ? null : plan.groupWithVip(s.address());
            if (owner != null && owner != group) {
                report.mapped(s.origin(), "its rules are loaded with group " + group.name() + ", not " + owner.name()
                        + " that has its address: lvs-director owns the whole IPVS table, so one group carries it");
            }
        }
        plan.ipvsRulesFile = rulesFile;
        plan.ipvsRules.addAll(rules(services));
        group.resources.add(new ClusterPlan.Resource("lvs-director", "script", Map.of("1", rulesFile.toString()), Map.of(),
                "the virtual servers of " + from + ": IPVS rules from " + rulesFile + " (listed at the end of this file)"));
        Set<String> names = new java.util.HashSet<>();
        group.resources.forEach(r -> names.add(r.name()));
        for (Service s : services) {
            for (Real r : s.reals()) {
                if (r.check() != null) {
                    group.resources.add(probe(s, r, names));
                }
            }
        }
        report.note("the real servers' checks are probe resources with on-fail = ignore: a failed real server is reported"
                + " (hactl status, alerts) but stays in the IPVS table, since lvs-director does not take real servers out yet");
    }

    private static ClusterPlan.Resource probe(Service s, Real r, Set<String> names) {
        Check c = r.check();
        Map<String, String> params = new LinkedHashMap<>();
        if (c.kind().equals("tcp")) {
            params.put("host", c.host());
            params.put("port", Integer.toString(c.port()));
        } else {
            params.put("url", c.kind() + "://" + Addresses.host(c.host()) + ":" + c.port() + c.path());
            if (c.expectStatus() != null) {
                params.put("expect-status", c.expectStatus().toString());
            }
            if (c.expectBody() != null) {
                params.put("expect-body", c.expectBody());
            }
        }
        params.put("connect-timeout", PlanWriter.d(c.connectTimeout()));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("monitor-interval", s.checkInterval());
        policy.put("monitor-timeout", c.connectTimeout().multipliedBy(2).plusSeconds(1));
        policy.put("on-fail", "ignore");
        String name = Names.unique(Names.of("real-" + r.address() + "-" + r.port(), "real"), names);
        return new ClusterPlan.Resource(name, "probe", params, policy,
                "real server " + r.address() + ":" + r.port() + " of " + service(s) + " (" + r.origin().where() + ")");
    }
}
