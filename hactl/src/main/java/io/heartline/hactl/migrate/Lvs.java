package io.heartline.hactl.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IPVS virtual services as a source describes them, and what they become: the rules the
 * {@code lvs-director} resource loads (in {@code ipvsadm-save -n} form) and its
 * {@code virtual-services}, the real-server checks the daemon runs while the group is here (a
 * failed real server goes to weight 0 or out of the table; the sorry server comes in when none is
 * left).
 */
final class Lvs {
    /** Where {@code lvs-director} reads its rules unless told otherwise. */
    static final java.nio.file.Path DEFAULT_RULES = java.nio.file.Path.of("/etc/heartline/ipvsadm.rules");
    private static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
            "fo", "ovf", "mh", "twos");

    /**
     * {@code protocol}: tcp, udp, sctp or fwmark (then {@code fwmark} is set and address/port are not).
     *
     * @param checks null when the service is not in {@code virtual-services} (the reason is reported)
     */
    record Service(Origin origin, String protocol, String address, int port, int fwmark, String scheduler, Integer persistence,
                   List<Real> reals, Checks checks) {
    }

    /** {@code method}: g (direct routing), m (NAT), i (tunnel). {@code check} null when it has none. */
    record Real(Origin origin, String address, int port, String method, int weight, Check check) {
        /** {@code 192.168.1.11:80}, {@code [2001:db8::11]:80}: as the rules file writes it. */
        String endpoint() {
            return Addresses.host(address) + ":" + port;
        }
    }

    /**
     * What {@code virtual-services} says of a service besides its real servers' checks.
     *
     * @param onFailure           quiescent or remove
     * @param sorryServer         ADDRESS or ADDRESS:PORT, or null
     * @param sorryServerForwarding dr, tunnel or nat (null without a sorry server)
     */
    record Checks(String onFailure, String sorryServer, String sorryServerForwarding) {
    }

    /**
     * A real server's check, with the keys of {@code virtual-services[].check}.
     *
     * @param type   tcp, http or command
     * @param port   0 for the real server's own (the service's)
     * @param path   http only
     * @param expectStatus http only
     * @param command command only: the program (an absolute path) and its arguments
     */
    record Check(String type, int port, String path, Integer expectStatus, List<String> command, Duration interval,
                 Duration timeout, int rise, int fall) {
        Check {
            command = command == null ? List.of() : List.copyOf(command);
        }

        Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", type);
            if (port != 0) {
                f.put("port", port);
            }
            if (type.equals("http")) {
                f.put("path", path);
                f.put("expect-status", expectStatus);
            }
            if (type.equals("command")) {
                f.put("command", command);
            }
            f.put("interval", interval);
            f.put("timeout", timeout);
            f.put("rise", rise);
            f.put("fall", fall);
            return f;
        }
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
                out.add("-a " + service(s) + " -r " + r.endpoint() + " -" + r.method() + " -w " + r.weight());
            }
        }
        return out;
    }

    /**
     * Adds the services to {@code plan}: the rules, and an {@code lvs-director} resource in the group
     * that owns the first service's address (lvs-director owns the whole IPVS table, so there is one)
     * with the checks of the services that have them. The checks go into the resource only when the
     * rules file is written ({@code rulesWritten}): {@code config check} reads it. Otherwise they are
     * written commented, after the rules.
     */
    static void apply(ClusterPlan plan, List<Service> services, java.nio.file.Path rulesFile, boolean rulesWritten, String from,
                      ImportReport report) {
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
        List<ClusterPlan.Item> checks = virtualServices(services, report);
        Map<String, Object> policy = new LinkedHashMap<>();
        if (!checks.isEmpty() && rulesWritten) {
            policy.put("virtual-services", checks);
            report.note("the real servers' checks are the lvs-director resource's virtual-services: while the group runs"
                    + " here a real server that fails `fall` checks in a row is set to weight 0 (on-failure = quiescent) or"
                    + " deleted (remove), and the sorry server comes in when no real server is left (docs/lvs.md)");
        } else if (!checks.isEmpty()) {
            plan.commentedVirtualServices.addAll(checks);
            report.note("the real servers' checks (virtual-services) are at the end of the config, commented: config check"
                    + " reads the rules file they name, and without --ipvs-rules FILE none is written; write the rules to "
                    + rulesFile + ", then move the checks into the lvs-director resource (or import again with --ipvs-rules)");
        }
        group.resources.add(new ClusterPlan.Resource("lvs-director", "script", Map.of("1", rulesFile.toString()), policy,
                "the virtual servers of " + from + ": IPVS rules from " + rulesFile + " (listed at the end of this file)"
                        + (policy.isEmpty() ? "" : "; their real servers' checks")));
    }

    /** {@code virtual-services[]}: one item per service with checks. None when the rules hold an SCTP service. */
    private static List<ClusterPlan.Item> virtualServices(List<Service> services, ImportReport report) {
        List<ClusterPlan.Item> out = new ArrayList<>();
        for (Service s : services) {
            if (s.checks() != null) {
                out.add(item(s));
            }
        }
        Service sctp = services.stream().filter(s -> s.protocol().equals("sctp")).findFirst().orElse(null);
        if (sctp != null && !out.isEmpty()) {
            report.notMapped(sctp.origin(), "no real-server checks are written: the daemon reads the rules file for them,"
                    + " and it cannot read an SCTP service (--sctp-service); its checks take tcp, udp and fwmark services");
            return List.of();
        }
        return out;
    }

    private static ClusterPlan.Item item(Service s) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (s.protocol().equals("fwmark")) {
            f.put("fwmark", s.fwmark());
        } else {
            f.put("address", Addresses.host(s.address()) + ":" + s.port());
            f.put("protocol", s.protocol());
        }
        f.put("on-failure", s.checks().onFailure());
        if (s.checks().sorryServer() != null) {
            f.put("sorry-server", s.checks().sorryServer());
            f.put("sorry-server-forwarding", s.checks().sorryServerForwarding());
        }
        Check first = s.reals().get(0).check();
        if (s.reals().stream().allMatch(r -> r.check().equals(first))) {
            f.put("check", first.fields());
        } else {
            List<ClusterPlan.Item> own = new ArrayList<>();
            for (Real r : s.reals()) {
                Map<String, Object> rf = new LinkedHashMap<>();
                rf.put("address", r.endpoint());
                rf.put("check", r.check().fields());
                own.add(new ClusterPlan.Item(rf, null));
            }
            f.put("real-servers", own);
        }
        String name = s.protocol().equals("fwmark") ? "fwmark " + s.fwmark() : s.address() + " " + s.port();
        return new ClusterPlan.Item(f, "virtual_server " + name + " (" + s.origin().where() + ")");
    }
}
