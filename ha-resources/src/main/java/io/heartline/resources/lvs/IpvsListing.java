package io.heartline.resources.lvs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table as {@code ipvsadm -L -n} lists it, read back after a change failed so that the next
 * plan starts from what the kernel really holds:
 * <pre>
 * IP Virtual Server version 1.2.1 (size=4096)
 * Prot LocalAddress:Port Scheduler Flags
 *   -&gt; RemoteAddress:Port           Forward Weight ActiveConn InActConn
 * TCP  10.0.0.100:80 wlc
 *   -&gt; 192.168.1.11:80              Route   1      0          0
 * FWM  1 wlc
 * </pre>
 * Only what the checks need is kept: per service, each real server's weight.
 */
public final class IpvsListing {
    private final Map<IpvsService, Map<Endpoint, Integer>> weights;

    private IpvsListing(Map<IpvsService, Map<Endpoint, Integer>> weights) {
        this.weights = weights;
    }

    /** @throws IllegalArgumentException for a line it cannot read, naming it */
    public static IpvsListing parse(String text) {
        Map<IpvsService, Map<Endpoint, Integer>> weights = new LinkedHashMap<>();
        Map<Endpoint, Integer> current = null;
        for (String line : text.lines().toList()) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("IP Virtual Server") || s.startsWith("Prot ") || s.startsWith("-> RemoteAddress")) {
                continue;
            }
            List<String> t = List.of(s.split("\\s+"));
            if (t.get(0).equals("->")) {
                if (current == null || t.size() < 4) {
                    throw new IllegalArgumentException("cannot read '" + line + "': a real server outside a service");
                }
                try {
                    current.put(Endpoint.parse(t.get(1)), Integer.parseInt(t.get(3)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cannot read '" + line + "': " + e.getMessage());
                }
                continue;
            }
            IpvsService service = service(t, line);
            current = new LinkedHashMap<>();
            weights.put(service, current);
        }
        return new IpvsListing(weights);
    }

    private static IpvsService service(List<String> t, String line) {
        try {
            return switch (t.get(0)) {
                case "TCP" -> IpvsService.tcp(Endpoint.parse(t.get(1)));
                case "UDP" -> IpvsService.udp(Endpoint.parse(t.get(1)));
                case "FWM" -> new IpvsService(t.size() > 2 && t.get(2).equals("IPv6") ? IpvsService.Protocol.FWMARK6
                        : IpvsService.Protocol.FWMARK, null, Long.parseLong(t.get(1)));
                default -> throw new IllegalArgumentException("not a TCP, UDP or FWM service");
            };
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cannot read '" + line + "': " + e.getMessage());
        }
    }

    public boolean has(IpvsService service) {
        return weights.containsKey(service);
    }

    /** The real servers of {@code service} in the table, with their weights (empty when it is not there). */
    public Map<Endpoint, Integer> weights(IpvsService service) {
        return Map.copyOf(weights.getOrDefault(service, Map.of()));
    }
}
