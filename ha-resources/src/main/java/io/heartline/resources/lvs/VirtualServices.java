package io.heartline.resources.lvs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configured checks matched with the rules file: each virtual service with its real servers
 * (forwarding method and weight as the file gives them) and each server's check. Made at every
 * start of the resource, from the file as it is then.
 */
public final class VirtualServices {
    private VirtualServices() {
    }

    /**
     * A virtual service ready to be checked.
     *
     * @param dests the real servers, in file order, with their checks
     * @param sorry the sorry server as a destination at its weight, or null
     */
    public record VirtualService(VirtualServiceSpec spec, List<Checked> dests, IpvsDest sorry) {
        public VirtualService {
            dests = List.copyOf(dests);
        }

        public IpvsService service() {
            return spec.service();
        }
    }

    /** A real server and its check. */
    public record Checked(IpvsDest dest, CheckSpec check) {
    }

    /** What does not match, with the key below the resource's section it is about. */
    public record Mismatch(String subkey, String message) {
    }

    /**
     * @throws IllegalArgumentException listing every mismatch (see {@link #mismatches})
     */
    public static List<VirtualService> match(List<VirtualServiceSpec> specs, IpvsRules rules, Path rulesFile) {
        List<Mismatch> problems = mismatches(specs, rules, rulesFile);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.stream()
                    .map(m -> m.subkey() + ": " + m.message()).toList()));
        }
        List<VirtualService> out = new ArrayList<>();
        for (VirtualServiceSpec spec : specs) {
            List<Checked> dests = rules.dests(spec.service()).stream().map(d -> new Checked(d, spec.checkOf(d.server()))).toList();
            IpvsDest sorry = spec.sorryServer() == null ? null : new IpvsDest(spec.service(), spec.sorryServer().server(),
                    List.of(spec.sorryServer().forwarding(), "-w", Integer.toString(spec.sorryServer().weight())),
                    spec.sorryServer().weight());
            out.add(new VirtualService(spec, dests, sorry));
        }
        return out;
    }

    /**
     * Everything in {@code specs} that does not fit {@code rules} or this machine: a service not in
     * the file or without real servers there, a listed real server not in the file, a real server
     * left without a check, a sorry server that is also a real server, a firewall-mark server
     * with no port to check, a check command that cannot be run.
     */
    public static List<Mismatch> mismatches(List<VirtualServiceSpec> specs, IpvsRules rules, Path rulesFile) {
        List<Mismatch> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            VirtualServiceSpec spec = specs.get(i);
            String at = LvsSection.KEY + "[" + i + "]";
            String serviceKey = at + "." + (spec.service().address() == null ? "fwmark" : "address");
            if (!rules.has(spec.service())) {
                out.add(new Mismatch(serviceKey, spec.service() + " is not a virtual service in " + rulesFile
                        + " (its services: " + rules.services() + ")"));
                continue;
            }
            List<IpvsDest> dests = rules.dests(spec.service());
            if (dests.isEmpty()) {
                out.add(new Mismatch(serviceKey, spec.service() + " has no real servers (-a lines) in " + rulesFile));
            }
            int j = 0;
            for (Map.Entry<Endpoint, CheckSpec> own : spec.ownChecks().entrySet()) {
                if (dests.stream().noneMatch(d -> d.server().equals(own.getKey()))) {
                    out.add(new Mismatch(at + ".real-servers[" + j + "].address", own.getKey() + " is not a real server of "
                            + spec.service() + " in " + rulesFile));
                }
                checkRunnable(own.getValue(), at + ".real-servers[" + j + "].check", out);
                j++;
            }
            if (spec.check() != null) {
                checkRunnable(spec.check(), at + ".check", out);
            }
            for (IpvsDest d : dests) {
                CheckSpec c = spec.checkOf(d.server());
                if (c == null) {
                    out.add(new Mismatch(at + ".check", "real server " + d.server() + " of " + spec.service()
                            + " has no check: give the virtual service a check (or the server one in real-servers)"));
                } else if (c.kind() != CheckSpec.Kind.COMMAND && c.portFor(d.server(), spec.service()) == 0) {
                    out.add(new Mismatch(at + ".check.port", "real server " + d.server() + " has no port to check: give the check a port"));
                }
                if (spec.sorryServer() != null && d.server().equals(spec.sorryServer().server())) {
                    out.add(new Mismatch(at + ".sorry-server", spec.sorryServer().server() + " is also a real server of "
                            + spec.service() + ": the sorry server must be another"));
                }
            }
        }
        return out;
    }

    private static void checkRunnable(CheckSpec c, String at, List<Mismatch> out) {
        if (c.kind() == CheckSpec.Kind.COMMAND) {
            Path program = Path.of(c.command().get(0));
            if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
                out.add(new Mismatch(at + ".command", program + " is not an executable file on this machine"));
            }
        }
    }
}
