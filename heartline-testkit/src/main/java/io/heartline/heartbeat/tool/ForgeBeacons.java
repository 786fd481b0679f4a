package io.heartline.heartbeat.tool;

import io.heartline.core.Clock;
import io.heartline.core.GroupAdvert;
import io.heartline.core.GroupState;
import io.heartline.core.NodeId;
import io.heartline.core.config.AuthKey;
import io.heartline.core.config.MulticastConfig;
import io.heartline.core.config.TimingConfig;
import io.heartline.heartbeat.Beacon;
import io.heartline.heartbeat.BeaconListener;
import io.heartline.heartbeat.BeaconRejectedException;
import io.heartline.heartbeat.JGroupsMedium;
import io.heartline.heartbeat.JGroupsStacks;
import io.heartline.heartbeat.MediumContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends forged beacons, for the cluster tests: joins a multicast medium and sends {@code --count}
 * beacons that claim to come from {@code --node} owning {@code --group} at a huge epoch, signed
 * with the key in {@code --key-file} (a wrong one, to show that the cluster ignores them). Exits
 * 0 when all were sent. Exit codes follow sysexits: 64 usage, 66 key file, 69 network, 70 other.
 */
public final class ForgeBeacons {
    static final int OK = 0;
    static final int USAGE = 64;
    static final int NO_INPUT = 66;
    static final int UNAVAILABLE = 69;
    static final int SOFTWARE = 70;
    static final String FORGER = "heartline-forger";

    static final String USAGE_TEXT = """
            usage: ForgeBeacons --cluster NAME --mcast-addr GROUP --mcast-port PORT --bind ADDRESS
                                --node NODE --group GROUP_NAME --key-file FILE
                                [--count 10] [--epoch 1000000000] [--interval-ms 20] [--ttl 1]
              Joins the multicast medium of cluster NAME (JGroups cluster "heartline-NAME") from
              ADDRESS and sends COUNT beacons claiming that NODE owns GROUP_NAME at EPOCH, signed
              with the key in FILE.""";

    private ForgeBeacons() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool; returns the exit code (only {@link #main} exits). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ForgeOptions options;
        try {
            options = ForgeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ForgeBeacons: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (options == null) {
            out.println(USAGE_TEXT);
            return OK;
        }
        AuthKey key;
        try {
            key = AuthKey.load(options.keyFile());
        } catch (IOException e) {
            err.println("ForgeBeacons: " + e.getMessage());
            return NO_INPUT;
        }
        return forge(options, key, out, err);
    }

    private static int forge(ForgeOptions o, AuthKey key, PrintStream out, PrintStream err) {
        MulticastConfig cfg = new MulticastConfig("multicast", "", o.group(), o.port(), o.bind());
        TimingConfig timing = new TimingConfig(Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMillis(500), Duration.ofSeconds(1));
        MediumContext context = new MediumContext(new NodeId(FORGER), Set.of(o.node()), key);
        JGroupsMedium medium = new JGroupsMedium(cfg.name(), "heartline-" + o.cluster(),
                JGroupsStacks.multicast(cfg, timing, o.ttl()), List.of(), context);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "forge-beacons");
            t.setDaemon(true);
            return t;
        });
        try {
            medium.start(IGNORE);
            long incarnation = Clock.system().wallTime().toEpochMilli();
            CountDownLatch done = new CountDownLatch(o.count());
            AtomicLong seq = new AtomicLong();
            timer.scheduleAtFixedRate(() -> {
                if (done.getCount() > 0) {
                    medium.send(new Beacon(o.node(), incarnation, seq.incrementAndGet(),
                            List.of(new GroupAdvert(o.groupName(), o.epoch(), o.node().name(), GroupState.ACTIVE)),
                            List.of()));
                    done.countDown();
                }
            }, 0, o.intervalMillis(), TimeUnit.MILLISECONDS);
            if (!done.await(o.count() * o.intervalMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                err.println("ForgeBeacons: timed out after " + seq.get() + " of " + o.count() + " beacons");
                return SOFTWARE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SOFTWARE;
        } catch (Exception e) {
            err.println("ForgeBeacons: cannot join the multicast medium: " + e);
            return UNAVAILABLE;
        } finally {
            timer.shutdownNow();
            medium.close();
        }
        long sent = medium.stats().sent();
        out.printf("sent %d of %d forged beacons as %s (group %s, epoch %d) to %s:%d%n", sent, o.count(), o.node(),
                o.groupName(), o.epoch(), o.group().getHostAddress(), o.port());
        return sent == o.count() ? OK : UNAVAILABLE;
    }

    private static final BeaconListener IGNORE = new BeaconListener() {
        @Override
        public void onBeacon(String medium, Beacon beacon) {
        }

        @Override
        public void onRejected(String medium, BeaconRejectedException.Reason reason, String detail) {
        }
    };

    /** The parsed command line. */
    record ForgeOptions(String cluster, InetAddress group, int port, InetAddress bind, NodeId node, String groupName,
                        Path keyFile, int count, long epoch, long intervalMillis, int ttl) {

        /** The options, or null when help was asked for. */
        static ForgeOptions parse(String[] args) {
            Flags f = Flags.parse(args, Set.of("cluster", "mcast-addr", "mcast-port", "bind", "node", "group",
                    "key-file", "count", "epoch", "interval-ms", "ttl"));
            if (f == null) {
                return null;
            }
            return new ForgeOptions(f.required("cluster"), f.address("mcast-addr"), f.intValue("mcast-port", null, 1, 65535),
                    f.address("bind"), f.node("node"), f.required("group"), Path.of(f.required("key-file")),
                    f.intValue("count", 10, 1, 1_000_000), f.longValue("epoch", 1_000_000_000L, 0, Long.MAX_VALUE),
                    f.longValue("interval-ms", 20L, 1, 60_000), f.intValue("ttl", 1, 0, 255));
        }
    }
}
