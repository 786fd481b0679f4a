package io.heartline.resources.lvs;

import java.util.Map;
import java.util.Objects;

/**
 * The checks of one virtual service, as the resource's section of heartline.conf configures them:
 * what a failed real server becomes, the sorry server, the check every real server gets, and the
 * real servers with a check of their own. The real servers themselves, their forwarding method
 * and weight, come from the rules file.
 *
 * @param sorryServer null for none
 * @param check       the check of every real server without its own; null when each has its own
 * @param ownChecks   real servers with a check of their own
 */
public record VirtualServiceSpec(IpvsService service, OnFailure onFailure, SorryServer sorryServer, CheckSpec check,
                                 Map<Endpoint, CheckSpec> ownChecks) {

    /** What a real server that fails its checks becomes. */
    public enum OnFailure {
        /** Weight 0: no new connections, established ones go on (ldirectord's quiescent=yes). */
        QUIESCENT,
        /** Deleted from the service (ipvsadm -d); its connections break. */
        REMOVE
    }

    /**
     * Where new connections go while no real server is healthy.
     *
     * @param forwarding ipvsadm's flag: -g (direct routing), -i (tunnel) or -m (NAT)
     */
    public record SorryServer(Endpoint server, String forwarding, int weight) {
        public SorryServer {
            Objects.requireNonNull(server, "server");
            if (!forwarding.equals("-g") && !forwarding.equals("-i") && !forwarding.equals("-m")) {
                throw new IllegalArgumentException("forwarding must be -g, -i or -m, not " + forwarding);
            }
        }
    }

    public VirtualServiceSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(onFailure, "onFailure");
        ownChecks = Map.copyOf(ownChecks);
    }

    /** The check of {@code server}: its own, else the service's; null when it has none. */
    public CheckSpec checkOf(Endpoint server) {
        return ownChecks.getOrDefault(server, check);
    }
}
