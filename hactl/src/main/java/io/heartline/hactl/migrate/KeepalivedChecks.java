package io.heartline.hactl.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A keepalived checker read into the {@link Lvs.Check} of its real server: {@code TCP_CHECK} a tcp
 * check, {@code HTTP_GET} an http check, {@code MISC_CHECK} a command check; {@code SMTP_CHECK} and
 * {@code SSL_GET} a TCP connect, since the daemon's checks speak neither SMTP nor TLS (its http check
 * is plain HTTP). The timing is keepalived's, read from the checker, else its real server, else its
 * virtual server ({@link Timing}): {@code delay_loop} the interval, {@code connect_timeout}
 * ({@code misc_timeout}) the timeout, {@code fall} one more than {@code retry} (keepalived takes a
 * server out after the failed check and its retries) and {@code rise} 1 (keepalived puts it back after
 * one passing check). What the daemon does not accept is brought within its ranges and reported.
 */
final class KeepalivedChecks {
    static final Set<String> CHECKERS = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "SMTP_CHECK", "MISC_CHECK", "UDP_CHECK",
            "PING_CHECK", "DNS_CHECK", "BFD_CHECK", "FILE_CHECK");
    /** The daemon's ranges (LvsSection). */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    static final int MAX_FALL = 100;
    private static final int MAX_COMMAND_ARGS = 64;

    /**
     * What keepalived lets a virtual server, a real server or a checker say for the checks inside it.
     *
     * @param retry null: the checker's default (1; 0 for MISC_CHECK)
     */
    record Timing(Duration delayLoop, Duration connectTimeout, Integer retry) {
        /** keepalived's defaults: delay_loop 60 s, connect_timeout 5 s. */
        static final Timing KEEPALIVED = new Timing(Duration.ofSeconds(60), Duration.ofSeconds(5), null);

        /** This timing with what {@code block} says over it; the statements read are marked used. */
        Timing over(Stmt block, ImportReport report) {
            Duration loop = delayLoop;
            Duration connect = connectTimeout;
            Integer r = retry;
            for (Stmt k : block.block()) {
                switch (k.keyword()) {
                    case "delay_loop" -> loop = KeepalivedLvs.seconds(k, loop, report);
                    case "connect_timeout" -> connect = KeepalivedLvs.seconds(k, connect, report);
                    case "retry", "nb_get_retry" -> r = retry(k, r, report);
                    default -> {
                    }
                }
            }
            return new Timing(loop, connect, r);
        }

        private static Integer retry(Stmt k, Integer fallback, ImportReport report) {
            String a = k.use().arg(0);
            if (a == null || !a.matches("\\d{1,9}")) {
                report.notMapped(k.origin(), "not a number of retries");
                return fallback;
            }
            int n = Integer.parseInt(a);
            int fall = Math.min(MAX_FALL, n + 1);
            report.mapped(k.origin(), "fall = " + fall + (n + 1 > MAX_FALL ? " (heartline's most)" : "")
                    + ": keepalived takes a server out after a failed check and " + n + " failed retries, heartline after "
                    + fall + " failed checks in a row, one per interval (delay_loop), not delay_before_retry apart");
            return n;
        }
    }

    private KeepalivedChecks() {
    }

    /**
     * The check {@code c} says, of the real server at {@code host} whose checks go to {@code ownPort}
     * unless told otherwise (0 when it has no port: a firewall-mark service's server); null (reported)
     * when heartline cannot run it, or (reported as an unused statement) when it is no checker heartline maps.
     */
    static Lvs.Check check(Stmt c, String host, int ownPort, Timing outer, ImportReport report) {
        String type = switch (c.keyword()) {
            case "TCP_CHECK", "SMTP_CHECK", "SSL_GET" -> "tcp";
            case "HTTP_GET" -> "http";
            case "MISC_CHECK" -> "command";
            default -> null;
        };
        if (type == null) {
            return null;
        }
        c.use();
        Timing t = outer.over(c, report);
        Integer connectPort = type.equals("command") ? Integer.valueOf(0) : connectPort(c, host, report);
        if (connectPort == null) {
            return null;
        }
        int port = connectPort == ownPort ? 0 : connectPort;
        if (port == 0 && ownPort == 0 && !type.equals("command")) {
            report.notMapped(c.origin(), "no port to check (the real server of a firewall-mark service has none, and there is"
                    + " no connect_port)");
            return null;
        }
        int checked = port == 0 ? ownPort : port;
        String path = null;
        Integer status = null;
        List<String> command = List.of();
        Duration timeout = t.connectTimeout();
        switch (c.keyword()) {
            case "HTTP_GET" -> {
                Stmt url = firstUrl(c, report);
                if (url == null) {
                    report.mapped(c.origin(), "path = /, expect-status = 200: it has no url");
                }
                path = url == null ? "/" : path(url);
                status = url == null ? null : status(url, report);
                status = status == null ? Integer.valueOf(200) : status;
                if (!validPath(host, checked, path)) {
                    report.mapped(c.origin(), "type = tcp, a TCP connect only: the path '" + path + "' is not one an HTTP"
                            + " check can GET");
                    type = "tcp";
                    path = null;
                    status = null;
                }
            }
            case "SSL_GET" -> {
                for (Stmt url : c.children("url")) {
                    useAll(url);
                    report.notMapped(url.origin(), "not checked: SSL_GET becomes a TCP connect (heartline's http check speaks"
                            + " plain HTTP, not TLS)");
                }
                report.mapped(c.origin(), "type = tcp, a TCP connect to port " + checked + ": heartline's http check speaks"
                        + " plain HTTP, not TLS, so the page is not fetched");
            }
            case "SMTP_CHECK" -> report.mapped(c.origin(), "type = tcp, a TCP connect to port " + checked
                    + ": heartline's checks do not speak SMTP");
            case "MISC_CHECK" -> {
                command = command(c, report);
                if (command == null) {
                    return null;
                }
                timeout = miscTimeout(c, t.delayLoop(), report);
            }
            default -> {
            }
        }
        Duration interval = interval(c, t.delayLoop(), report);
        if (timeout.compareTo(MIN_TIMEOUT) < 0) {
            report.mapped(c.origin(), "timeout = " + PlanWriter.d(MIN_TIMEOUT) + ", not " + PlanWriter.d(timeout)
                    + ": heartline's shortest");
            timeout = MIN_TIMEOUT;
        }
        if (timeout.compareTo(interval) > 0) {
            report.mapped(c.origin(), "timeout = " + PlanWriter.d(interval) + ", not " + PlanWriter.d(timeout)
                    + ": no longer than the interval, since heartline runs one check per real server at a time");
            timeout = interval;
        }
        int retry = t.retry() != null ? t.retry() : c.keyword().equals("MISC_CHECK") ? 0 : 1;
        int fall = Math.min(MAX_FALL, retry + 1);
        return new Lvs.Check(type, port, path, status, command, interval, timeout, 1, fall);
    }

    /** The port of {@code connect_port} (or SMTP_CHECK's first {@code host}); 0 for none; null when it checks another address. */
    private static Integer connectPort(Stmt c, String host, ImportReport report) {
        int port = 0;
        boolean hostSeen = false;
        for (Stmt k : c.block()) {
            switch (k.keyword()) {
                case "connect_port" -> port = port(k, port, report);
                case "connect_ip" -> {
                    if (!otherAddress(k, host, report)) {
                        return null;
                    }
                }
                case "host" -> {
                    // SMTP_CHECK's servers to talk to: heartline checks the real server once
                    if (hostSeen) {
                        useAll(k);
                        report.notMapped(k.origin(), "another host: heartline checks the real server's own address, once");
                        continue;
                    }
                    hostSeen = true;
                    k.use();
                    Stmt ip = k.child("connect_ip");
                    if (ip != null && !otherAddress(ip, host, report)) {
                        return null;
                    }
                    Stmt cp = k.child("connect_port");
                    if (cp != null) {
                        port = port(cp, port, report);
                    }
                }
                default -> {
                }
            }
        }
        return port;
    }

    private static int port(Stmt k, int fallback, ImportReport report) {
        Integer p = KeepalivedLvs.number(k.use().arg(0), 1, 65535);
        if (p == null) {
            report.notMapped(k.origin(), "not a port (1..65535)");
            return fallback;
        }
        return p;
    }

    /** Whether {@code connect_ip} is the real server's own address (used); else reported. */
    private static boolean otherAddress(Stmt ip, String host, ImportReport report) {
        ip.use();
        if (Addresses.same(ip.arg(0), host)) {
            return true;
        }
        report.notMapped(ip.origin(), "heartline checks the real server's own address (" + host + "), not another one:"
                + " this check is left out");
        return false;
    }

    private static Stmt firstUrl(Stmt c, ImportReport report) {
        Stmt first = null;
        for (Stmt url : c.children("url")) {
            if (first == null) {
                first = url.use();
            } else {
                useAll(url);
                report.notMapped(url.origin(), "a second url: heartline's http check GETs one path, the first");
            }
        }
        return first;
    }

    private static String path(Stmt url) {
        Stmt p = url.child("path");
        if (p == null || p.arg(0) == null) {
            return "/";
        }
        String path = p.use().arg(0);
        return path.startsWith("/") ? path : "/" + path;
    }

    /** {@code status_code N}; for none, ranges or lists 200 (reported). */
    private static Integer status(Stmt url, ImportReport report) {
        Stmt st = url.child("status_code");
        if (st == null) {
            report.mapped(url.origin(), "expect-status = 200: without status_code keepalived passed any 2xx status;"
                    + " heartline's http check expects one");
            return null;
        }
        Integer status = KeepalivedLvs.number(st.use().arg(0), 100, 599);
        if (status == null || st.args().size() != 1) {
            report.mapped(st.origin(), "expect-status = " + (status == null ? 200 : status)
                    + ": heartline's http check expects one status, not ranges or lists");
        }
        return status;
    }

    /** Whether the daemon takes {@code path}: from '/', no blanks or control characters, a valid URL. */
    private static boolean validPath(String host, int port, String path) {
        if (!path.startsWith("/") || path.chars().anyMatch(ch -> ch <= ' ' || ch == 127)) {
            return false;
        }
        try {
            java.net.URI.create("http://" + Addresses.host(host) + ":" + port + path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * {@code misc_path}, split at blanks as keepalived splits it (no shell); null (reported) when the
     * daemon cannot run it: not an absolute path, quotes or escapes inside, or no executable file
     * here (config check and the daemon look for it on this machine).
     */
    private static List<String> command(Stmt c, ImportReport report) {
        Stmt p = c.child("misc_path");
        if (p == null || p.arg(0) == null || p.arg(0).isBlank()) {
            report.notMapped(c.origin(), "no misc_path: no program to run");
            return null;
        }
        String line = p.use().arg(0).strip();
        if (line.contains("\"") || line.contains("'") || line.contains("\\")) {
            report.notMapped(p.origin(), "quotes or escapes inside misc_path: write the command list of a command check by hand");
            return null;
        }
        List<String> argv = List.of(line.split("\\s+"));
        if (!argv.get(0).startsWith("/")) {
            report.notMapped(p.origin(), "'" + argv.get(0) + "' is not an absolute path: heartline runs a check's program"
                    + " without a shell or PATH");
            return null;
        }
        if (argv.size() > MAX_COMMAND_ARGS) {
            report.notMapped(p.origin(), "more than " + (MAX_COMMAND_ARGS - 1) + " arguments: heartline's most");
            return null;
        }
        Path program = Path.of(argv.get(0));
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            report.notMapped(p.origin(), program + " is not an executable file on this machine, and config check and the daemon"
                    + " run the check's program here: install it and import again, or add the check by hand");
            return null;
        }
        if (p.args().size() > 1) {
            report.mapped(p.origin(), "command = " + argv + ": the words after the first are left out, as keepalived leaves"
                    + " them out (quote the whole command line)");
        }
        return argv;
    }

    /** {@code misc_timeout}, else keepalived's default: the delay loop. */
    private static Duration miscTimeout(Stmt c, Duration delayLoop, ImportReport report) {
        Stmt m = c.child("misc_timeout");
        return m == null ? delayLoop : KeepalivedLvs.seconds(m, delayLoop, report);
    }

    private static Duration interval(Stmt c, Duration delayLoop, ImportReport report) {
        Duration d = delayLoop;
        if (d.compareTo(MIN_INTERVAL) < 0) {
            d = MIN_INTERVAL;
        } else if (d.compareTo(MAX_INTERVAL) > 0) {
            d = MAX_INTERVAL;
        }
        if (!d.equals(delayLoop)) {
            report.mapped(c.origin(), "interval = " + PlanWriter.d(d) + ", not " + PlanWriter.d(delayLoop) + " (delay_loop):"
                    + " heartline checks a real server every " + PlanWriter.d(MIN_INTERVAL) + " to " + PlanWriter.d(MAX_INTERVAL));
        }
        return d;
    }

    /** Marks {@code s} and everything inside it used (reported as a whole). */
    private static void useAll(Stmt s) {
        s.use();
        s.block().forEach(KeepalivedChecks::useAll);
    }
}
