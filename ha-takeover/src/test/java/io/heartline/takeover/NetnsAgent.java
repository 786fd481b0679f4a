package io.heartline.takeover;

import io.heartline.core.config.GarpConfig;
import io.heartline.core.config.VipConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs inside a network namespace ({@code ip netns exec NS java ... NetnsAgent}) and drives the
 * real implementations for {@link NamespaceTakeoverTest}: one command per stdin line, one reply
 * per stdout line ({@code ok}, {@code true}, {@code false}, {@code error <message>}, ...).
 *
 * <pre>
 * use netlink|ip           add|remove|present CIDR IF     garp CIDR IF
 * capture IF               next arp|na                    claim|release CIDR IF
 * factory                  bench CIDR IF N                quit
 * links [small]            await IF up|set down|no carrier|gone
 * links-hold|links-go      overruns
 * </pre>
 */
public final class NetnsAgent {
    private AddressManager addresses;
    private final AddressManager netlink;
    private final AddressManager ip = new IpCommandAddressManager();
    private final RawSocketGarpSender garp;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Takeover takeover;
    private PacketCapture capture;
    private LinkMonitor links;
    private final Map<String, LinkedBlockingQueue<LinkState>> linkEvents = new ConcurrentHashMap<>();
    private final Semaphore linkGate = new Semaphore(1);

    private NetnsAgent() throws TakeoverException {
        long t0 = System.nanoTime();
        netlink = new NetlinkAddressManager();
        long t1 = System.nanoTime();
        garp = new RawSocketGarpSender();
        long t2 = System.nanoTime();
        System.err.printf("agent: netlink manager init %.1f ms (JNA load), GARP sender init %.1f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        addresses = netlink;
        takeover = new Takeover(netlink, garp, new GarpConfig(3, Duration.ofMillis(20), Duration.ZERO), executor);
    }

    public static void main(String[] args) throws Exception {
        NetnsAgent agent = new NetnsAgent();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            String reply;
            try {
                reply = agent.execute(line.trim().split("\\s+"));
            } catch (TakeoverException e) {
                reply = "error " + e.getMessage().replace('\n', ' ');
            } catch (RuntimeException e) {
                reply = "error " + e;
            }
            System.out.println(reply);
            System.out.flush();
        }
        agent.executor.shutdownNow();
        if (agent.links != null) {
            agent.links.close();
        }
    }

    private String execute(String[] c) throws Exception {
        switch (c[0]) {
            case "use":
                addresses = c[1].equals("ip") ? ip : netlink;
                return "ok";
            case "add":
                addresses.add(vip(c[1], c[2]));
                return "ok";
            case "remove":
                return String.valueOf(addresses.remove(vip(c[1], c[2])));
            case "present":
                return String.valueOf(addresses.isPresent(vip(c[1], c[2])));
            case "garp":
                garp.send(vip(c[1], c[2]));
                return "ok";
            case "capture":
                if (capture != null) {
                    capture.close();
                }
                capture = new PacketCapture(c[1]);
                return "ok";
            case "next":
                byte[] f = capture.next(c[1].equals("na") ? PacketCapture::isNeighbourAdvert : PacketCapture::isArp, 3000);
                return f == null ? "timeout" : "frame " + HexFormat.of().formatHex(f);
            case "claim":
                takeover.claim(List.of(vip(c[1], c[2])));
                return "ok";
            case "release":
                return String.valueOf(takeover.release(List.of(vip(c[1], c[2]))));
            case "factory":
                try (AddressManager m = AddressManagers.create()) {
                    return m.getClass().getSimpleName();
                }
            case "links":
                links = LinkMonitor.start(new LinkMonitor.Listener() {
                    @Override
                    public void link(LinkState state) {
                        linkGate.acquireUninterruptibly();   // "links-hold" keeps the reader here
                        linkGate.release();
                        events(state.name()).add(state);
                    }

                    @Override
                    public void stopped(String reason) {
                        System.err.println("agent: link monitor stopped: " + reason);
                    }
                }, c.length > 1 && c[1].equals("small") ? 1 : LinkMonitor.RECEIVE_BUFFER);
                return "ok";
            case "await":
                return awaitLink(c[1], String.join(" ", Arrays.copyOfRange(c, 2, c.length)));
            case "links-hold":
                linkGate.acquire();
                return "ok";
            case "links-go":
                linkGate.release();
                return "ok";
            case "overruns":
                return String.valueOf(links.overruns());
            case "bench":
                return bench(vip(c[1], c[2]), Integer.parseInt(c[3]));
            default:
                return "error unknown command " + c[0];
        }
    }

    private LinkedBlockingQueue<LinkState> events(String iface) {
        return linkEvents.computeIfAbsent(iface, k -> new LinkedBlockingQueue<>());
    }

    /** Waits up to 3 s for an event saying {@code iface} is {@code why}; skips the others. */
    private String awaitLink(String iface, String why) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        LinkState last = null;
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LinkState s = events(iface).poll(left, TimeUnit.NANOSECONDS);
            if (s != null) {
                last = s;
                if (s.why().equals(why)) {
                    return "ok " + s;
                }
            }
        }
        return "timeout, last " + last;
    }

    /** Median microseconds of add, remove and one GARP send, over n rounds. */
    private String bench(VipConfig vip, int n) throws TakeoverException {
        long[] add = new long[n];
        long[] remove = new long[n];
        long[] send = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            addresses.add(vip);
            long t1 = System.nanoTime();
            garp.send(vip);
            long t2 = System.nanoTime();
            addresses.remove(vip);
            long t3 = System.nanoTime();
            add[i] = t1 - t0;
            send[i] = t2 - t1;
            remove[i] = t3 - t2;
        }
        return String.format("add %s | announce %s | remove %s", stats(add), stats(send), stats(remove));
    }

    private static String stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("first %.1f us, p50 %.1f us, p99 %.1f us",
                nanos[0] / 1e3, s[s.length / 2] / 1e3, s[(int) (s.length * 0.99)] / 1e3);
    }

    private static VipConfig vip(String cidr, String iface) throws Exception {
        String[] parts = cidr.split("/");
        return new VipConfig(InetAddress.getByName(parts[0]), Integer.parseInt(parts[1]), iface);
    }
}
