package io.heartline.hactl.migrate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * keepalived's {@code virtual_server} sections read into {@link Lvs.Service}s: the service, its
 * scheduler, forwarding method and persistence, each {@code real_server} with its weight, and the
 * first checker each real server has that a probe can do ({@code TCP_CHECK}, {@code HTTP_GET},
 * {@code SSL_GET}; {@code SMTP_CHECK} as a TCP connect).
 */
final class KeepalivedLvs {
    private static final Set<String> CHECKERS = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "SMTP_CHECK", "MISC_CHECK", "UDP_CHECK",
            "PING_CHECK", "DNS_CHECK", "BFD_CHECK", "FILE_CHECK");
    private static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

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
        Duration interval = DEFAULT_DELAY_LOOP;
        List<Stmt> reals = new ArrayList<>();
        for (Stmt c : vs.block()) {
            switch (c.keyword()) {
                case "delay_loop" -> interval = seconds(c, interval, report);
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
                default -> {
                }
            }
        }
        List<Lvs.Real> out = new ArrayList<>();
        for (Stmt r : reals) {
            Lvs.Real real = real(r, method, port, interval, report);
            if (real != null) {
                out.add(real);
            }
        }
        return new Lvs.Service(vs.origin(), protocol, address, port, fwmark, scheduler, persistence, interval, out);
    }

    private static Lvs.Real real(Stmt r, String method, int servicePort, Duration interval, ImportReport report) {
        Integer port = r.arg(1) == null ? Integer.valueOf(0) : number(r.arg(1), 0, 65535);
        if (!Addresses.isIp(r.arg(0)) || port == null) {
            report.notMapped(r.use().origin(), "expected real_server ADDRESS [PORT]");
            return null;
        }
        r.use();
        int weight = 1;
        Lvs.Check check = null;
        for (Stmt c : r.block()) {
            if (c.keyword().equals("weight") && number(c.arg(0), 0, 65535) != null) {
                weight = number(c.use().arg(0), 0, 65535);
            } else if (CHECKERS.contains(c.keyword())) {
                if (check != null) {
                    report.notMapped(c.use().origin(), "a second checker: one probe per real server");
                    continue;
                }
                check = check(c, r.arg(0), port == 0 ? servicePort : port, report);
            }
        }
        return new Lvs.Real(r.origin(), r.arg(0), port, method, weight, check);
    }

    private static Lvs.Check check(Stmt c, String host, int port, ImportReport report) {
        String kind = switch (c.keyword()) {
            case "TCP_CHECK", "SMTP_CHECK" -> "tcp";
            case "HTTP_GET" -> "http";
            case "SSL_GET" -> "https";
            default -> null;
        };
        if (kind == null) {
            return null; // reported with its reason as an unused statement
        }
        c.use();
        Duration timeout = DEFAULT_CONNECT_TIMEOUT;
        String path = "/";
        Integer status = null;
        boolean urlSeen = false;
        for (Stmt k : c.block()) {
            switch (k.keyword()) {
                case "connect_port" -> {
                    if (number(k.arg(0), 1, 65535) != null) {
                        port = number(k.use().arg(0), 1, 65535);
                    }
                }
                case "connect_ip" -> {
                    if (Addresses.isIp(k.arg(0))) {
                        host = k.use().arg(0);
                    }
                }
                case "connect_timeout" -> timeout = seconds(k, timeout, report);
                case "url" -> {
                    if (urlSeen) {
                        report.notMapped(k.use().origin(), "a second url: the probe checks one");
                        continue;
                    }
                    urlSeen = true;
                    k.use();
                    Stmt p = k.child("path");
                    if (p != null && p.arg(0) != null) {
                        path = p.use().arg(0).startsWith("/") ? p.arg(0) : "/" + p.arg(0);
                    }
                    Stmt st = k.child("status_code");
                    if (st != null) {
                        status = number(st.arg(0), 100, 599);
                        if (status != null && st.args().size() == 1) {
                            st.use();
                        } else {
                            report.mapped(st.use().origin(), "expect-status " + (status == null ? 200 : status)
                                    + ": the probe expects one status, not ranges or lists");
                        }
                    }
                }
                case "host" -> {
                    // SMTP_CHECK's hosts: the first one's address and port
                    Stmt ip = k.child("connect_ip");
                    Stmt cp = k.child("connect_port");
                    if (ip != null && Addresses.isIp(ip.arg(0)) && !k.used()) {
                        host = ip.use().arg(0);
                        if (cp != null && number(cp.arg(0), 1, 65535) != null) {
                            port = number(cp.use().arg(0), 1, 65535);
                        }
                        k.use();
                    }
                }
                default -> {
                }
            }
        }
        if (port == 0) {
            report.notMapped(c.origin(), "no port to check (a fwmark service without connect_port)");
            return null;
        }
        if (c.keyword().equals("SMTP_CHECK")) {
            report.mapped(c.origin(), "a TCP connect to " + host + ":" + port + " (the probe does not speak SMTP)");
        }
        if (kind.equals("https")) {
            report.mapped(c.origin(), "an HTTPS probe: it verifies the server's certificate, which SSL_GET did not");
        }
        try {
            java.net.URI.create(kind + "://" + Addresses.host(host) + ":" + port + path);
        } catch (IllegalArgumentException e) {
            report.mapped(c.origin(), "a TCP connect only: the path '" + path + "' is not a valid URL path");
            kind = "tcp";
        }
        return new Lvs.Check(c.origin(), kind, host, port, kind.equals("tcp") ? null : path,
                kind.equals("tcp") ? null : status == null ? Integer.valueOf(200) : status, null, timeout);
    }

    private static String method(String kind) {
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

    private static Integer number(String s, int min, int max) {
        if (s == null || !s.matches("\\d{1,10}")) {
            return null;
        }
        long v = Long.parseLong(s);
        return v < min || v > max ? null : (int) v;
    }

    private static Duration seconds(Stmt c, Duration fallback, ImportReport report) {
        Integer n = number(c.arg(0), 1, 86400);
        if (n == null) {
            report.notMapped(c.use().origin(), "not a whole number of seconds (1..86400)");
            return fallback;
        }
        c.use();
        return Duration.ofSeconds(n);
    }
}
