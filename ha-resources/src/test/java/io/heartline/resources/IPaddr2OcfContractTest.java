package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heartline.testkit.PrivateNetns;
import io.heartline.testkit.Shell;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract kit on the real {@code ocf:heartbeat:IPaddr2}, run inside a network namespace of
 * this run's own ({@code ip netns exec hlr<pid>-<n> …}) on a veth end there, with 10.199.9.10/24
 * that exists only inside it. Needs root.
 */
class IPaddr2OcfContractTest extends ResourceAgentContract {
    static final String VIP = "10.199.9.10";
    static PrivateNetns netns;

    @BeforeAll
    static void makeNamespace() throws Exception {
        netns = PrivateNetns.create();
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (netns != null) {
            netns.close();
        }
    }

    @Override
    protected ResourceAgent createAgent() {
        return new OcfAgent("heartbeat", "IPaddr2", "hl-vip-" + ProcessHandle.current().pid(),
                Map.of("ip", VIP, "cidr_netmask", "24", "nic", PrivateNetns.NIC), Duration.ofSeconds(10),
                AgentSettings.defaults().withCommandPrefix(netns.execPrefix()));
    }

    @Override
    protected boolean hasMetaData() {
        return true;
    }

    @Test
    void theAddressComesAndGoesInsideTheNamespaceOnly() throws Exception {
        expect(OcfStatus.SUCCESS, run(Operation.START), "start failed");
        assertTrue(netns.ip("-4", "addr", "show", "dev", PrivateNetns.NIC).contains("inet " + VIP + "/24"));
        assertFalse(Shell.check("ip", "-4", "addr", "show").stdout().contains(VIP), "the root namespace must not see the VIP");
        expect(OcfStatus.SUCCESS, run(Operation.STOP), "stop failed");
        assertFalse(netns.ip("-4", "addr", "show", "dev", PrivateNetns.NIC).contains(VIP));
    }
}
