package io.heartline.heartbeat;

import static io.heartline.heartbeat.JGroupsTestNet.ADDRESS_A;
import static io.heartline.heartbeat.JGroupsTestNet.TIMING;

import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import java.io.DataInput;
import java.io.DataOutput;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.auth.AuthToken;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.stack.Protocol;

/**
 * What JGroups AUTH and SYM_ENCRYPT would cost per beacon: two channels on loopback multicast,
 * one beacon-sized message at a time (flagged like a beacon), send to delivery. Run by hand
 * (not a test): {@code java -cp <test classpath> io.heartline.heartbeat.JGroupsBeaconCost}.
 * Prints median and p99 latency and the process CPU per beacon for each stack.
 */
public final class JGroupsBeaconCost {
    private static final int WARMUP = 5_000;
    private static final int BEACONS = 20_000;

    private JGroupsBeaconCost() {
    }

    public static void main(String[] args) throws Exception {
        byte[] frame = new BeaconCodec(AuthKey.of("cost-probe-key-0123456789abcdef"))
                .encode(Beacon.empty(new NodeId("node-a"), 1, 1));
        for (int round = 0; round < (args.length > 0 ? Integer.parseInt(args[0]) : 3); round++) {
            for (String variant : List.of("plain", "auth", "sym_encrypt")) {
                measure(variant, frame);
            }
        }
    }

    private static void measure(String variant, byte[] frame) throws Exception {
        String cluster = JGroupsTestNet.clusterName();
        InetAddress group = JGroupsTestNet.multicastGroup();
        int port = JGroupsTestNet.freeUdpPort();
        SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
        try (JChannel a = channel(variant, group, port, "a"); JChannel b = channel(variant, group, port, "b")) {
            b.setReceiver(new Receiver() {
                @Override
                public void receive(Message msg) {
                    try {
                        arrivals.put(System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            a.connect(cluster);
            b.connect(cluster);
            run(a, frame, arrivals, WARMUP);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long[] lat = run(a, frame, arrivals, BEACONS);
            long cpu = os.getProcessCpuTime() - cpu0;
            Arrays.sort(lat);
            System.out.printf("%-12s %d beacons of %d bytes: p50 %.1f us, p99 %.1f us, CPU %.1f us/beacon%n", variant,
                    BEACONS, frame.length, lat[lat.length / 2] / 1e3, lat[lat.length * 99 / 100] / 1e3,
                    cpu / 1e3 / BEACONS);
        }
    }

    private static long[] run(JChannel a, byte[] frame, SynchronousQueue<Long> arrivals, int n) throws Exception {
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            a.send(JGroupsMedium.beaconMessage(null, frame.clone()));
            Long t1 = arrivals.poll(1, TimeUnit.SECONDS);
            lat[i] = t1 == null ? 1_000_000_000L : t1 - t0;
        }
        return lat;
    }

    private static JChannel channel(String variant, InetAddress group, int port, String name) throws Exception {
        List<Protocol> stack = new ArrayList<>(
                JGroupsStacks.multicast(JGroupsTestNet.multicast(group, port, ADDRESS_A), TIMING, 0));
        if (variant.equals("auth")) {
            stack.add(stack.size() - 1, new AUTH().setAuthToken(new KeyedToken()));
        } else if (variant.equals("sym_encrypt")) {
            SYM_ENCRYPT enc = new SYM_ENCRYPT();
            enc.setSecretKey(new SecretKeySpec(new byte[16], "AES"));
            stack.add(2, enc); // above discovery: everything but PING is encrypted, beacons too
        }
        JChannel ch = new JChannel(stack);
        ch.setName(name);
        ch.setDiscardOwnMessages(true);
        return ch;
    }

    /** Stand-in for an HMAC token: AUTH's per-message cost does not depend on the token (it is only on joins and merges). */
    public static final class KeyedToken extends AuthToken {
        private byte[] value = new byte[32];

        @Override
        public String getName() {
            return "heartline-keyed";
        }

        @Override
        public int size() {
            return 4 + value.length;
        }

        @Override
        public boolean authenticate(AuthToken token, Message msg) {
            return token instanceof KeyedToken k && java.security.MessageDigest.isEqual(k.value, value);
        }

        @Override
        public void writeTo(DataOutput out) throws java.io.IOException {
            out.writeInt(value.length);
            out.write(value);
        }

        @Override
        public void readFrom(DataInput in) throws java.io.IOException {
            int n = in.readInt();
            if (n < 0 || n > 64) {
                throw new java.io.IOException("token of " + n + " bytes");
            }
            value = new byte[n];
            in.readFully(value);
        }
    }
}
