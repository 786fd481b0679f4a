package io.heartline.resources.lvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@code ipvsadm-save -n} rules file, the one the {@code lvs-director} script loads: virtual
 * services ({@code -A -t 10.0.0.100:80 -s wlc}) and their real servers
 * ({@code -a -t 10.0.0.100:80 -r 192.168.1.11:80 -g -w 1}); comments ({@code #}) and blank
 * lines allowed. It is the one place the table is configured: the real-server checks learn each
 * server's forwarding method and weight here, and {@link #expected} renders the table as the
 * checks have changed it, for the script's status to compare with.
 */
public final class IpvsRules {
    /** A rules file longer than this is refused (a real one has a few hundred lines). */
    public static final int MAX_LINES = 100_000;

    private final List<String> lines;
    private final Set<IpvsService> services;
    private final Map<IpvsService, List<IpvsDest>> dests;
    /** Per line: the destination it defines, or null. */
    private final List<IpvsDest> lineDests;

    private IpvsRules(List<String> lines, Set<IpvsService> services, Map<IpvsService, List<IpvsDest>> dests,
                      List<IpvsDest> lineDests) {
        this.lines = lines;
        this.services = services;
        this.dests = dests;
        this.lineDests = lineDests;
    }

    /** @throws IllegalArgumentException naming the line that is not a rule in {@code ipvsadm-save -n} form */
    public static IpvsRules parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("more than " + MAX_LINES + " lines");
        }
        Set<IpvsService> services = new java.util.LinkedHashSet<>();
        Map<IpvsService, List<IpvsDest>> dests = new LinkedHashMap<>();
        List<IpvsDest> lineDests = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String rule = lines.get(n).replaceAll("#.*", "").strip();
            IpvsDest dest = null;
            if (!rule.isEmpty()) {
                try {
                    dest = rule(rule, services, dests);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": " + e.getMessage());
                }
            }
            lineDests.add(dest);
        }
        return new IpvsRules(List.copyOf(lines), services, dests, lineDests);
    }

    private static IpvsDest rule(String rule, Set<IpvsService> services, Map<IpvsService, List<IpvsDest>> dests) {
        List<String> t = List.of(rule.split("\\s+"));
        if (!t.get(0).equals("-A") && !t.get(0).equals("-a")) {
            throw new IllegalArgumentException("'" + rule + "' is not an -A or -a rule as ipvsadm-save -n writes them");
        }
        int[] next = new int[1];
        IpvsService service = service(t, next);
        if (t.get(0).equals("-A")) {
            if (!services.add(service)) {
                throw new IllegalArgumentException("virtual service " + service + " is defined twice");
            }
            return null;
        }
        if (!services.contains(service)) {
            throw new IllegalArgumentException("real server of " + service + " before its -A line");
        }
        int r = next[0];
        if (r + 1 >= t.size() || !(t.get(r).equals("-r") || t.get(r).equals("--real-server"))) {
            throw new IllegalArgumentException("'" + rule + "': -r SERVER must follow the service");
        }
        IpvsDest dest = IpvsDest.of(service, Endpoint.parse(t.get(r + 1)), t.subList(r + 2, t.size()));
        List<IpvsDest> list = dests.computeIfAbsent(service, s -> new ArrayList<>());
        if (list.stream().anyMatch(d -> d.server().equals(dest.server()))) {
            throw new IllegalArgumentException("real server " + dest.server() + " of " + service + " is listed twice");
        }
        list.add(dest);
        return dest;
    }

    /** The service named at t[1..]; next[0] is set to the index after it. */
    static IpvsService service(List<String> t, int[] next) {
        if (t.size() < 3) {
            throw new IllegalArgumentException("'" + String.join(" ", t) + "' names no service");
        }
        switch (t.get(1)) {
            case "-t", "--tcp-service" -> {
                next[0] = 3;
                return IpvsService.tcp(Endpoint.parse(t.get(2)));
            }
            case "-u", "--udp-service" -> {
                next[0] = 3;
                return IpvsService.udp(Endpoint.parse(t.get(2)));
            }
            case "-f", "--fwmark-service" -> {
                long mark;
                try {
                    mark = Long.parseLong(t.get(2));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("firewall mark '" + t.get(2) + "' is not a number");
                }
                boolean six = t.size() > 3 && t.get(3).equals("-6");
                next[0] = six ? 4 : 3;
                return new IpvsService(six ? IpvsService.Protocol.FWMARK6 : IpvsService.Protocol.FWMARK, null, mark);
            }
            default -> throw new IllegalArgumentException("'" + t.get(1) + "' is not -t, -u or -f");
        }
    }

    public boolean has(IpvsService service) {
        return services.contains(service);
    }

    /** The real servers of {@code service}, in file order (empty when it has none or is not here). */
    public List<IpvsDest> dests(IpvsService service) {
        return List.copyOf(dests.getOrDefault(service, List.of()));
    }

    /** Every virtual service, in file order. */
    public Set<IpvsService> services() {
        return java.util.Collections.unmodifiableSet(services);
    }

    /**
     * The file as the table should now be: each real server of a service in {@code applied} at
     * its applied weight, or left out when absent; extra destinations (sorry servers) added after
     * their service's last line. Other lines as they are.
     *
     * @param applied per service, the destinations in the table and their weights; services not
     *                in it are as the file says
     * @param extra   per service, destinations not in the file that are in the table (at their weight)
     */
    public String expected(Map<IpvsService, Map<Endpoint, Integer>> applied, Map<IpvsService, Map<IpvsDest, Integer>> extra) {
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            IpvsDest d = lineDests.get(n);
            if (d == null || !applied.containsKey(d.service())) {
                out.append(lines.get(n)).append('\n');
                continue;
            }
            Integer w = applied.get(d.service()).get(d.server());
            if (w != null) {
                out.append(d.saveLine(w)).append('\n');
            }
        }
        extra.forEach((service, byDest) -> byDest.forEach((d, w) -> out.append(d.saveLine(w)).append('\n')));
        return out.toString();
    }
}
