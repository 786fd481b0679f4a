package io.heartline.heartbeat;

import io.heartline.core.NodeId;
import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.NodeConfig;
import io.heartline.core.config.TimingConfig;
import io.heartline.core.config.UnicastConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback settings for JGroups media in tests: node-a on 127.0.0.1 and node-b on 127.0.0.2
 * (both on {@code lo}), a random administratively scoped multicast group and free ports, so that
 * test runs do not hear each other. Multicast uses TTL 0: it never leaves this host.
 */
public final class JGroupsTestNet {
    public static final InetAddress ADDRESS_A = address("127.0.0.1");
    public static final InetAddress ADDRESS_B = address("127.0.0.2");
    public static final TimingConfig TIMING = new TimingConfig(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofMillis(100), Duration.ofSeconds(1));

    private JGroupsTestNet() {
    }

    /** A cluster name no other test run uses. */
    public static String clusterName() {
        return "heartline-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** A random group in 239.255.0.0/16 (organization-local scope). */
    public static InetAddress multicastGroup() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return address("239.255." + r.nextInt(1, 255) + "." + r.nextInt(1, 255));
    }

    public static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, ADDRESS_A)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free for TCP on both loopback addresses (and on port + 100, where FD_SOCK2 listens). */
    public static int freeTcpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(ADDRESS_A, 0));
                int port = s.getLocalPort();
                if (port < 65_000 && tcpFree(ADDRESS_B, port) && tcpFree(ADDRESS_A, port + 100)
                        && tcpFree(ADDRESS_B, port + 100)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free TCP port pair found on loopback");
    }

    public static MulticastConfig multicast(InetAddress group, int port, InetAddress bind) {
        return new MulticastConfig("multicast", "lo", group, port, bind);
    }

    public static List<NodeConfig> nodes() {
        return List.of(new NodeConfig(new NodeId("node-a"), ADDRESS_A, 100),
                new NodeConfig(new NodeId("node-b"), ADDRESS_B, 50));
    }

    public static UnicastConfig unicast(int port, InetAddress bind) {
        return new UnicastConfig("unicast", port, bind);
    }

    private static boolean tcpFree(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
