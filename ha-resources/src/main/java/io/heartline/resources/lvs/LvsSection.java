package io.heartline.resources.lvs;

import io.heartline.core.config.InvalidSectionException;
import io.heartline.core.config.SectionConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code virtual-services} from an {@code lvs-director} resource's section:
 * <pre>
 * virtual-services = [
 *   { address = "203.0.113.10:80", protocol = tcp, on-failure = quiescent,
 *     sorry-server = "192.168.1.250:80", sorry-server-forwarding = dr,
 *     check { type = http, path = "/health", expect-status = 200, expect-body = "ok",
 *             interval = 5s, timeout = 3s, rise = 2, fall = 3 }
 *     real-servers = [ { address = "192.168.1.12:80", check { type = tcp, port = 8080 } } ] }
 * ]
 * </pre>
 * Each level checks its keys first, then the objects inside it, then its values, so an unknown
 * key is reported wherever it is. Every problem names the full key and, where HOCON knows it,
 * the line. What needs the rules file (that each service and server is in it) is
 * {@link VirtualServices#mismatches}'s job.
 */
public final class LvsSection {
    /** The key in the resource's section. */
    public static final String KEY = "virtual-services";
    static final Set<String> SERVICE_KEYS = Set.of("address", "protocol", "fwmark", "on-failure", "sorry-server",
            "sorry-server-forwarding", "check", "real-servers");
    static final Set<String> SERVER_KEYS = Set.of("address", "check");
    static final Set<String> CHECK_KEYS = Set.of("type", "port", "path", "expect-status", "expect-body", "command",
            "interval", "timeout", "rise", "fall");
    private static final Set<String> HTTP_ONLY = Set.of("path", "expect-status", "expect-body");
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    private static final int MAX_SERVICES = 1000;
    private static final int MAX_COMMAND_ARGS = 64;

    private LvsSection() {
    }

    /** The virtual services of {@code s} (none when it has no {@code virtual-services}). */
    public static List<VirtualServiceSpec> parse(SectionConfig s) throws InvalidSectionException {
        List<VirtualServiceSpec> out = new ArrayList<>();
        List<SectionConfig> entries = list(s, KEY, "virtual service");
        if (entries.size() > MAX_SERVICES) {
            throw s.invalid(KEY, entries.size() + " virtual services: at most " + MAX_SERVICES);
        }
        for (SectionConfig v : entries) {
            VirtualServiceSpec spec = service(v);
            if (out.stream().anyMatch(o -> o.service().equals(spec.service()))) {
                throw v.invalid(spec.service().protocol() == IpvsService.Protocol.FWMARK ? "fwmark" : "address",
                        "virtual service " + spec.service() + " is listed twice");
            }
            out.add(spec);
        }
        return out;
    }

    private static VirtualServiceSpec service(SectionConfig v) throws InvalidSectionException {
        v.onlyKeys(SERVICE_KEYS);
        CheckSpec check = v.has("check") ? check(object(v, "check", "check")) : null;
        Map<Endpoint, CheckSpec> own = new LinkedHashMap<>();
        for (SectionConfig r : list(v, "real-servers", "real server")) {
            r.onlyKeys(SERVER_KEYS);
            CheckSpec c = r.has("check") ? check(object(r, "check", "check")) : null;
            Endpoint server = endpoint(r, "address");
            if (c == null) {
                throw r.invalid("check", "missing: a real server listed here needs a check of its own"
                        + " (the virtual service's check covers every other)");
            }
            if (own.put(server, c) != null) {
                throw r.invalid("address", "real server " + server + " is listed twice");
            }
        }
        IpvsService service = serviceOf(v);
        VirtualServiceSpec.OnFailure onFailure = onFailure(v);
        VirtualServiceSpec.SorryServer sorry = sorry(v, service);
        if (check == null && own.isEmpty()) {
            throw v.invalid("check", "missing: give the virtual service a check { type = tcp|http|command, ... }"
                    + " (or each real server one in real-servers)");
        }
        return new VirtualServiceSpec(service, onFailure, sorry, check, Collections.unmodifiableMap(own));
    }

    private static IpvsService serviceOf(SectionConfig v) throws InvalidSectionException {
        if (v.has("fwmark")) {
            if (v.has("address")) {
                throw v.invalid("fwmark", "give address or fwmark, not both");
            }
            if (v.has("protocol")) {
                throw v.invalid("protocol", "a firewall-mark service has no protocol (the mark selects the packets)");
            }
            return IpvsService.fwmark(v.integer("fwmark", 0, 1, Integer.MAX_VALUE));
        }
        if (!v.has("address")) {
            throw v.invalid("address", "missing: the virtual service as the rules file names it, e.g. \"203.0.113.10:80\""
                    + " (or fwmark = N)");
        }
        Endpoint address = endpoint(v, "address");
        if (address.port() == 0) {
            throw v.invalid("address", "'" + address + "' needs a port, e.g. " + address + ":80");
        }
        String protocol = v.string("protocol", "tcp");
        return switch (protocol) {
            case "tcp" -> IpvsService.tcp(address);
            case "udp" -> IpvsService.udp(address);
            default -> throw v.invalid("protocol", "'" + protocol + "' is not one of tcp, udp");
        };
    }

    private static VirtualServiceSpec.OnFailure onFailure(SectionConfig v) throws InvalidSectionException {
        String s = v.string("on-failure", "quiescent");
        try {
            return VirtualServiceSpec.OnFailure.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw v.invalid("on-failure", "'" + s + "' is not one of quiescent (weight 0), remove");
        }
    }

    private static VirtualServiceSpec.SorryServer sorry(SectionConfig v, IpvsService service) throws InvalidSectionException {
        if (!v.has("sorry-server")) {
            if (v.has("sorry-server-forwarding")) {
                throw v.invalid("sorry-server-forwarding", "there is no sorry-server");
            }
            return null;
        }
        String f = v.string("sorry-server-forwarding", "dr");
        String flag = switch (f) {
            case "dr" -> "-g";
            case "tunnel" -> "-i";
            case "nat" -> "-m";
            default -> throw v.invalid("sorry-server-forwarding", "'" + f + "' is not one of dr, tunnel, nat");
        };
        Endpoint server = endpoint(v, "sorry-server");
        if (service.port() != 0 && !flag.equals("-m")) {
            if (server.port() != 0 && server.port() != service.port()) {
                throw v.invalid("sorry-server", "with " + f + " forwarding the sorry server answers on the service's port "
                        + service.port() + ", not " + server.port() + " (ipvsadm would change it; use nat for another port)");
            }
            server = server.withPort(service.port());
        } else if (server.port() == 0 && service.port() != 0) {
            server = server.withPort(service.port());
        }
        return new VirtualServiceSpec.SorryServer(server, flag, 1);
    }

    static CheckSpec check(SectionConfig c) throws InvalidSectionException {
        c.onlyKeys(CHECK_KEYS);
        String type = c.string("type");
        CheckSpec.Kind kind = switch (type) {
            case "tcp" -> CheckSpec.Kind.TCP;
            case "http" -> CheckSpec.Kind.HTTP;
            case "command" -> CheckSpec.Kind.COMMAND;
            default -> throw c.invalid("type", "'" + type + "' is not one of tcp, http, command");
        };
        for (String k : HTTP_ONLY) {
            if (c.has(k) && kind != CheckSpec.Kind.HTTP) {
                throw c.invalid(k, "only for type = http");
            }
        }
        if (c.has("command") && kind != CheckSpec.Kind.COMMAND) {
            throw c.invalid("command", "only for type = command");
        }
        List<String> command = command(c, kind);
        String path = c.string("path", "/");
        if (!path.startsWith("/") || path.chars().anyMatch(ch -> ch <= ' ' || ch == 127)) {
            throw c.invalid("path", "'" + path + "' must start with '/' and hold no blanks or control characters");
        }
        int port = c.integer("port", 0, 1, 65535);
        int status = c.integer("expect-status", 200, 100, 599);
        String body = c.has("expect-body") ? c.string("expect-body") : null;
        Duration interval = duration(c, "interval", CheckSpec.DEFAULT_INTERVAL, MIN_INTERVAL, MAX_INTERVAL);
        Duration timeout = duration(c, "timeout", interval.compareTo(CheckSpec.DEFAULT_TIMEOUT) < 0 ? interval
                : CheckSpec.DEFAULT_TIMEOUT, MIN_TIMEOUT, MAX_INTERVAL);
        if (timeout.compareTo(interval) > 0) {
            throw c.invalid("timeout", timeout.toMillis() + " ms is longer than the interval (" + interval.toMillis()
                    + " ms): one check per real server runs at a time");
        }
        int rise = c.integer("rise", CheckSpec.DEFAULT_RISE, 1, 100);
        int fall = c.integer("fall", CheckSpec.DEFAULT_FALL, 1, 100);
        return new CheckSpec(kind, port, path, status, body, command, interval, timeout, rise, fall);
    }

    private static List<String> command(SectionConfig c, CheckSpec.Kind kind) throws InvalidSectionException {
        if (kind != CheckSpec.Kind.COMMAND) {
            return List.of();
        }
        if (!c.has("command")) {
            throw c.invalid("command", "missing: the program to run, e.g. [ \"/usr/local/bin/check-db\", \"--quick\" ]");
        }
        Object raw = c.values().get("command");
        List<String> argv = raw instanceof List<?> ? c.strings("command")
                : List.of(c.string("command").strip().split("\\s+"));
        if (argv.isEmpty() || argv.size() > MAX_COMMAND_ARGS || argv.get(0).isEmpty()) {
            throw c.invalid("command", "must be a program and at most " + (MAX_COMMAND_ARGS - 1) + " arguments");
        }
        if (!argv.get(0).startsWith("/")) {
            throw c.invalid("command", "'" + argv.get(0) + "' must be an absolute path");
        }
        return argv;
    }

    private static Duration duration(SectionConfig c, String k, Duration dflt, Duration min, Duration max)
            throws InvalidSectionException {
        Duration d = c.duration(k, dflt);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw c.invalid(k, d.toMillis() + " ms is out of range " + min.toMillis() + " ms.." + max.toMinutes() + " min");
        }
        return d;
    }

    private static Endpoint endpoint(SectionConfig s, String k) throws InvalidSectionException {
        try {
            return Endpoint.parse(s.string(k));
        } catch (IllegalArgumentException e) {
            throw s.invalid(k, e.getMessage());
        }
    }

    // ---- nested objects as sections of their own, with full keys and lines ----

    @SuppressWarnings("unchecked")
    private static SectionConfig object(SectionConfig parent, String k, String what) throws InvalidSectionException {
        Object v = parent.values().get(k);
        if (!(v instanceof Map)) {
            throw parent.invalid(k, "must be an object { ... }");
        }
        return child(parent, k, what, (Map<String, Object>) v);
    }

    @SuppressWarnings("unchecked")
    private static List<SectionConfig> list(SectionConfig parent, String k, String what) throws InvalidSectionException {
        Object v = parent.values().get(k);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw parent.invalid(k, "must be a list [ { ... }, ... ]");
        }
        List<SectionConfig> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map)) {
                throw parent.invalid(k + "[" + i + "]", "must be an object { ... }");
            }
            out.add(child(parent, k + "[" + i + "]", what, (Map<String, Object>) l.get(i)));
        }
        return out;
    }

    private static SectionConfig child(SectionConfig parent, String sub, String what, Map<String, Object> values)
            throws InvalidSectionException {
        Map<String, Integer> lines = new HashMap<>();
        String prefix = sub + ".";
        parent.lines().forEach((k, line) -> {
            if (k.startsWith(prefix)) {
                lines.put(k.substring(prefix.length()), line);
            }
        });
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() == null) {
                throw parent.invalid(prefix + e.getKey(), "must not be null");
            }
        }
        return new SectionConfig(parent.key() + "." + sub, what, what, values, lines, parent.file(),
                parent.lines().getOrDefault(sub, parent.line()));
    }
}
