package io.heartline.hactl.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What becomes of a keepalived virtual server's failed real servers in its entry of
 * {@code virtual-services}: {@code inhibit_on_failure} weight 0 ({@code on-failure = quiescent}),
 * without it removal ({@code remove}, keepalived's default), and the {@code sorry_server} that takes
 * new connections while none is left, forwarded as {@code sorry_server_lvs_method} or the virtual
 * server says. A virtual server whose real servers cannot all be checked has no entry: the daemon
 * checks every real server of a listed service.
 */
final class KeepalivedOnFailure {
    private KeepalivedOnFailure() {
    }

    /**
     * The checks of the service, or null (reported) when it has none: every real server needs one
     * (and the service is tcp, udp or a firewall mark); then on-failure and the sorry server.
     */
    static Lvs.Checks checks(Stmt vs, String protocol, int port, String method, List<KeepalivedLvs.Read> reals, Boolean inhibit,
                             List<Stmt> inhibits, Stmt sorry, Stmt sorryMethod, ImportReport report) {
        List<Stmt> allInhibits = new ArrayList<>(inhibits);
        reals.forEach(r -> allInhibits.addAll(r.inhibits()));
        String why = null;
        KeepalivedLvs.Read unchecked = reals.stream().filter(r -> r.real().check() == null).findFirst().orElse(null);
        if (protocol.equals("sctp")) {
            why = "heartline's real-server checks take tcp, udp and firewall-mark services, not SCTP";
        } else if (reals.isEmpty()) {
            why = "it has no real servers";
        } else if (unchecked != null && reals.stream().anyMatch(r -> r.real().check() != null)) {
            why = "real server " + unchecked.real().endpoint() + " (" + unchecked.real().origin().where() + ") has no check"
                    + " heartline can run, and heartline checks every real server of a listed service";
        } else if (unchecked != null && reals.stream().anyMatch(KeepalivedLvs.Read::hasChecker)) {
            why = "no real server has a check heartline can run";
        }
        if (unchecked != null || why != null) {
            if (why != null) {
                report.mapped(vs.origin(), "IPVS rules only, not in virtual-services: " + why + "; its real servers stay in the"
                        + " table as loaded");
            }
            for (Stmt s : allInhibits.stream().filter(s -> !s.used()).toList()) {
                report.notMapped(s.use().origin(), "its real servers are not checked (see " + vs.origin().where()
                        + "), so none is taken out");
            }
            for (Stmt s : sorry == null ? List.<Stmt>of() : sorryMethod == null ? List.of(sorry) : List.of(sorry, sorryMethod)) {
                report.notMapped(s.use().origin(), "its real servers are not checked (see " + vs.origin().where()
                        + "), so nothing brings a sorry server in");
            }
            return null;
        }
        allInhibits.forEach(Stmt::use);
        long quiesced = reals.stream().filter(r -> r.inhibit() != null ? r.inhibit() : Boolean.TRUE.equals(inhibit)).count();
        String onFailure = quiesced == 0 ? "remove" : "quiescent";
        if (quiesced > 0 && quiesced < reals.size()) {
            report.mapped(vs.origin(), "on-failure = quiescent for all its real servers: heartline has one on-failure per"
                    + " virtual service, and " + (reals.size() - quiesced) + " of them had no inhibit_on_failure (keepalived"
                    + " deleted those when they failed; heartline sets them to weight 0)");
        }
        String forwarding = null;
        String sorryServer = null;
        if (sorry != null) {
            forwarding = sorryForwarding(sorryMethod, method, report);
            sorryServer = sorryServer(sorry.use(), forwarding, port, reals, report);
            forwarding = sorryServer == null ? null : forwarding;
        } else if (sorryMethod != null) {
            report.notMapped(sorryMethod.use().origin(), "there is no sorry_server");
        }
        return new Lvs.Checks(onFailure, sorryServer, forwarding);
    }

    /** dr, tunnel or nat: {@code sorry_server_lvs_method}, else the service's method (keepalived's default). */
    private static String sorryForwarding(Stmt sorryMethod, String serviceMethod, ImportReport report) {
        String m = serviceMethod;
        if (sorryMethod != null) {
            String given = KeepalivedLvs.method(sorryMethod.use().arg(0));
            if (given == null) {
                report.notMapped(sorryMethod.origin(), "the forwarding method is NAT, DR or TUN: the sorry server gets the"
                        + " virtual server's");
            } else {
                m = given;
                if (sorryMethod.args().size() > 1) {
                    report.mapped(sorryMethod.origin(), "sorry-server-forwarding = tunnel; '" + String.join(" ",
                            sorryMethod.args().subList(1, sorryMethod.args().size())) + "' left out: ipvsadm's default tunnel");
                }
            }
        }
        return switch (m) {
            case "g" -> "dr";
            case "i" -> "tunnel";
            default -> "nat";
        };
    }

    /** {@code ADDRESS} or {@code ADDRESS:PORT}; null (reported) when it cannot be the sorry server. */
    private static String sorryServer(Stmt sorry, String forwarding, int servicePort, List<KeepalivedLvs.Read> reals,
                                      ImportReport report) {
        String address = sorry.arg(0);
        Integer port = sorry.arg(1) == null ? null : KeepalivedLvs.number(sorry.arg(1), 1, 65535);
        if (!Addresses.isIp(address) || sorry.arg(1) != null && port == null) {
            report.notMapped(sorry.origin(), "expected sorry_server ADDRESS [PORT]");
            return null;
        }
        if (!forwarding.equals("nat") && servicePort != 0 && port != null && port != servicePort) {
            report.mapped(sorry.origin(), "sorry-server = " + address + ": with " + forwarding + " forwarding it answers on the"
                    + " virtual server's port " + servicePort + ", not " + port + " (ipvsadm would change it)");
            port = null;
        }
        int effective = port != null ? port : servicePort;
        for (KeepalivedLvs.Read r : reals) {
            if (Addresses.same(r.real().address(), address) && r.real().port() == effective) {
                report.notMapped(sorry.origin(), "it is also a real server of this virtual server: the sorry server must be"
                        + " another");
                return null;
            }
        }
        return Addresses.host(address) + (port == null ? "" : ":" + port);
    }

    /** {@code inhibit_on_failure} alone or with yes/no (the last one says); null when none does. */
    static Boolean bool(List<Stmt> flags, ImportReport report) {
        Boolean value = null;
        for (Stmt s : flags) {
            String a = s.arg(0) == null ? "yes" : s.arg(0).toLowerCase(Locale.ROOT);
            switch (a) {
                case "yes", "on", "true", "1" -> value = true;
                case "no", "off", "false", "0" -> value = false;
                default -> report.notMapped(s.use().origin(), "not yes or no");
            }
        }
        return value;
    }
}
