package io.heartline.resources.lvs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ipvsadm in memory, for virtual-time tests: a table of real servers and weights (from the rules
 * file at first) changed by -a, -e and -d as the kernel would (with its errors), listed by
 * -L -n, every call recorded. {@link #failWhen} makes matching calls fail.
 */
final class RecordingIpvsadm implements Ipvsadm {
    final List<String> calls = new ArrayList<>();
    final Map<IpvsService, Map<Endpoint, Integer>> table = new LinkedHashMap<>();
    private Predicate<String> failing = c -> false;

    RecordingIpvsadm(IpvsRules rules) {
        for (IpvsService s : rules.services()) {
            Map<Endpoint, Integer> dests = new LinkedHashMap<>();
            rules.dests(s).forEach(d -> dests.put(d.server(), d.weight()));
            table.put(s, dests);
        }
    }

    /** Calls whose text ({@code -e -t …}) matches fail from now on. */
    void failWhen(Predicate<String> p) {
        failing = p;
    }

    @Override
    public Result run(List<String> args, Duration timeout) {
        String call = String.join(" ", args);
        calls.add(call);
        if (failing.test(call)) {
            return new Result(false, "Memory allocation problem");
        }
        if (args.equals(List.of("-L", "-n"))) {
            return new Result(true, listing());
        }
        IpvsService service = IpvsRules.service(List.of(args.get(0), args.get(1), args.get(2)), new int[1]);
        Endpoint server = Endpoint.parse(args.get(args.indexOf("-r") + 1));
        Map<Endpoint, Integer> dests = table.get(service);
        if (dests == null) {
            return new Result(false, "Service not defined");
        }
        int w = args.contains("-w") ? Integer.parseInt(args.get(args.indexOf("-w") + 1)) : 1;
        switch (args.get(0)) {
            case "-a" -> {
                if (dests.containsKey(server)) {
                    return new Result(false, "Destination already exists");
                }
                dests.put(server, w);
            }
            case "-e" -> {
                if (!dests.containsKey(server)) {
                    return new Result(false, "No such destination");
                }
                dests.put(server, w);
            }
            case "-d" -> {
                if (dests.remove(server) == null) {
                    return new Result(false, "No such destination");
                }
            }
            default -> throw new AssertionError("not an ipvsadm call the checks make: " + call);
        }
        return new Result(true, "");
    }

    private String listing() {
        StringBuilder sb = new StringBuilder("IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        table.forEach((s, dests) -> {
            sb.append(s.protocol() == IpvsService.Protocol.TCP ? "TCP  " : "UDP  ").append(s.address()).append(" wlc\n");
            dests.forEach((d, w) -> sb.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", d, "Route", w, 0, 0)));
        });
        return sb.toString();
    }
}
