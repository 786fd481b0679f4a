package io.heartline.hactl.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * keepalived's {@code virtual_server} sections read into {@link Lvs.Service}s: the service, its
 * scheduler, forwarding method and persistence, each {@code real_server} with its weight and the
 * first checker heartline can run ({@link KeepalivedChecks}), and what the daemon's checks do
 * around them ({@link KeepalivedOnFailure}): {@code inhibit_on_failure} and the {@code sorry_server}.
 */
final class KeepalivedLvs {

    /** A real server as read, with its {@code inhibit_on_failure} (null when it does not say). */
    record Read(Lvs.Real real, Boolean inhibit, List<Stmt> inhibits, boolean hasChecker) {
    }

    private KeepalivedLvs() {
    }

    /** The service, or null (reported) when it cannot be one. */
    static Lvs.Service service(Stmt vs, ImportReport report) {
        String protocol = "tcp";
        String address = null;
        int port = 0;
        int fwmark = 0;
        if ("fwmark".equals(vs.arg(0)) && number(vs.arg(1), 1, Integer.MAX_VALUE) != null) {
            protocol = "fwmark";
            fwmark = number(vs.arg(1), 1, Integer.MAX_VALUE);
        } else if ("group".equals(vs.arg(0))) {
            report.notMapped(vs.use().origin(), "a virtual_server group is not mapped: write its virtual servers out one by one");
            return null;
        } else if (Addresses.isIp(vs.arg(0)) && number(vs.arg(1), 0, 65535) != null) {
            address = vs.arg(0);
            port = number(vs.arg(1), 0, 65535);
        } else {
            report.notMapped(vs.use().origin(), "expected virtual_server ADDRESS PORT or virtual_server fwmark N");
            return null;
        }
        vs.use();
        String scheduler = "wlc";
        String method = "m";
        Integer persistence = null;
        List<Stmt> reals = new ArrayList<>();
        List<Stmt> inhibits = new ArrayList<>();
        Stmt sorry = null;
        Stmt sorryMethod = null;
        KeepalivedChecks.Timing timing = KeepalivedChecks.Timing.KEEPALIVED.over(vs, report);
        for (Stmt c : vs.block()) {
            switch (c.keyword()) {
                case "lb_algo", "lvs_sched" -> {
                    if (c.arg(0) != null && Lvs.knownScheduler(c.arg(0).toLowerCase(Locale.ROOT))) {
                        scheduler = c.use().arg(0).toLowerCase(Locale.ROOT);
                    } else {
                        report.notMapped(c.use().origin(), "not an IPVS scheduler: the rules use " + scheduler);
                    }
                }
                case "lb_kind", "lvs_method" -> {
                    String m = method(c.use().arg(0));
                    if (m == null) {
                        report.notMapped(c.origin(), "the forwarding method is NAT, DR or TUN: the rules use NAT");
                    } else {
                        method = m;
                    }
                }
                case "persistence_timeout" -> {
                    persistence = c.arg(0) == null ? Integer.valueOf(360) : number(c.arg(0), 1, 2678400);
                    if (persistence != null) {
                        c.use();
                    }
                }
                case "protocol" -> {
                    String p = c.arg(0) == null ? "" : c.arg(0).toLowerCase(Locale.ROOT);
                    if (Set.of("tcp", "udp", "sctp").contains(p)) {
                        c.use();
                        protocol = protocol.equals("fwmark") ? protocol : p;
                    }
                }
                case "real_server" -> reals.add(c);
                case "inhibit_on_failure" -> inhibits.add(c);
                case "sorry_server" -> {
                    if (sorry != null) {
                        report.notMapped(c.use().origin(), "a second sorry_server: the first one is used");
                    } else {
                        sorry = c;
                    }
                }
                case "sorry_server_lvs_method" -> sorryMethod = c;
                default -> {
                }
            }
        }
        Boolean inhibit = KeepalivedOnFailure.bool(inhibits, report);
        List<Read> read = new ArrayList<>();
        for (Stmt r : reals) {
            Read real = real(r, method, protocol.equals("fwmark") ? 0 : port, timing, read, report);
            if (real != null) {
                read.add(real);
            }
        }
        Lvs.Checks checks = KeepalivedOnFailure.checks(vs, protocol, port, method, read, inhibit, inhibits, sorry, sorryMethod,
                report);
        return new Lvs.Service(vs.origin(), protocol, address, port, fwmark, scheduler, persistence,
                read.stream().map(Read::real).toList(), checks);
    }

    private static Read real(Stmt r, String method, int servicePort, KeepalivedChecks.Timing outer, List<Read> before,
                             ImportReport report) {
        Integer port = r.arg(1) == null ? Integer.valueOf(servicePort) : number(r.arg(1), 0, 65535);
        if (!Addresses.isIp(r.arg(0)) || port == null) {
            report.notMapped(r.use().origin(), "expected real_server ADDRESS [PORT]");
            return null;
        }
        for (Read b : before) {
            if (Addresses.same(b.real().address(), r.arg(0)) && b.real().port() == port) {
                report.notMapped(r.use().origin(), "the same real server as " + b.real().origin().where() + ": left out");
                return null;
            }
        }
        r.use();
        KeepalivedChecks.Timing timing = outer.over(r, report);
        int weight = 1;
        Lvs.Check check = null;
        boolean checker = false;
        List<Stmt> inhibits = new ArrayList<>();
        for (Stmt c : r.block()) {
            if (c.keyword().equals("weight") && number(c.arg(0), 0, 65535) != null) {
                weight = number(c.use().arg(0), 0, 65535);
            } else if (c.keyword().equals("inhibit_on_failure")) {
                inhibits.add(c);
            } else if (KeepalivedChecks.CHECKERS.contains(c.keyword())) {
                checker = true;
                if (check != null) {
                    report.notMapped(c.use().origin(), "a second checker: heartline checks a real server one way, the first"
                            + " it can run");
                    continue;
                }
                check = KeepalivedChecks.check(c, r.arg(0), port != 0 ? port : servicePort, timing, report);
            }
        }
        return new Read(new Lvs.Real(r.origin(), r.arg(0), port, method, weight, check), KeepalivedOnFailure.bool(inhibits, report),
                inhibits, checker);
    }

    /** ipvsadm's flag letter for keepalived's NAT, DR or TUN; null for anything else. */
    static String method(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind.toUpperCase(Locale.ROOT)) {
            case "NAT" -> "m";
            case "DR" -> "g";
            case "TUN" -> "i";
            default -> null;
        };
    }

    static Integer number(String s, int min, int max) {
        if (s == null || !s.matches("\\d{1,10}")) {
            return null;
        }
        long v = Long.parseLong(s);
        return v < min || v > max ? null : (int) v;
    }

    /** keepalived's timer: seconds, with up to 6 decimals (read to the millisecond); 0.001..86400. */
    static Duration seconds(Stmt c, Duration fallback, ImportReport report) {
        String a = c.use().arg(0);
        if (a != null && a.matches("\\d{1,5}(\\.\\d{1,6})?")) {
            Duration d = Duration.ofMillis(new java.math.BigDecimal(a).movePointRight(3).longValue());
            if (!d.isZero() && d.compareTo(Duration.ofDays(1)) <= 0) {
                return d;
            }
        }
        report.notMapped(c.origin(), "not a number of seconds (0.001..86400)");
        return fallback;
    }
}
