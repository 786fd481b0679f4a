package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Ip;
import io.heartline.testkit.Timing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches which nodes hold an address (a VIP) on an interface, sampling every ~20 ms from a
 * background thread, and keeps the timeline of changes: the split-brain detector of the
 * cluster tests.
 *
 * <p>Cheap by construction: one {@code ip -n NS -o -force -batch -} per node stays running and
 * is fed {@code addr show dev IFACE} on stdin each round, so a sample is a netlink dump inside
 * a running process, not a fork+exec (that would be ~2 ms of CPU per node per sample, 10–15 %
 * of a core at 20 ms for two nodes). A holder-ship shorter than the interval can be missed.
 */
public final class VipWatch implements AutoCloseable {
    /** Time between samples unless the caller says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(20);
    /** Marks the end of one node's answer: lo's IPv4 address, one line. */
    private static final String END_COMMAND = "addr show dev lo to 127.0.0.0/8\n";

    private final String address;
    private final String iface;
    private final long intervalNanos;
    private final Map<String, Sampler> samplers = new LinkedHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Thread thread;
    private long samples;
    private long lastSampleEpochMillis;
    private Throwable failure;
    private volatile boolean running = true;

    /**
     * The set of holders changed at {@code epochMillis} (first sample that saw the new set).
     */
    public record Change(long epochMillis, Set<String> holders) {
        public Change {
            holders = Set.copyOf(holders);
        }

        @Override
        public String toString() {
            return epochMillis + " " + new TreeSet<>(holders);
        }
    }

    /**
     * A stretch of time during which two or more nodes held the address.
     *
     * @param toEpochMillis the first sample without two holders, or -1 while it lasts
     */
    public record Interval(long fromEpochMillis, long toEpochMillis, Set<String> holders) {
        public Duration length() {
            long to = toEpochMillis < 0 ? System.currentTimeMillis() : toEpochMillis;
            return Duration.ofMillis(to - fromEpochMillis);
        }
    }

    private VipWatch(String address, String iface, Duration interval) {
        if (iface.equals("lo")) {
            throw new IllegalArgumentException("VipWatch cannot watch lo: lo's address marks the end of a sample");
        }
        this.address = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        this.iface = iface;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "vip-watch-" + this.address);
        this.thread.setDaemon(true);
    }

    /** Watches {@code address} on {@code iface} of every node of the lab, every 20 ms. */
    public static VipWatch start(Lab lab, String address, String iface) {
        return start(lab, address, iface, DEFAULT_INTERVAL, lab.nodes());
    }

    /**
     * Watches {@code address} (with or without /prefix) on {@code iface} of {@code hosts}. Takes
     * the first sample before it returns; the lab closes the watch on close at the latest.
     */
    public static VipWatch start(Lab lab, String address, String iface, Duration interval, List<String> hosts) {
        VipWatch watch = new VipWatch(address, iface, interval);
        lab.onClose(watch);
        try {
            for (String host : hosts) {
                watch.samplers.put(host, new Sampler(host, lab.ns(host), iface));
            }
            watch.record(watch.sample());
        } catch (IOException | RuntimeException e) {
            watch.close();
            throw new IllegalStateException("cannot start watching " + address + " on " + hosts, e);
        }
        watch.thread.start();
        return watch;
    }

    /** The nodes that held the address in the latest sample. */
    public Set<String> holders() {
        synchronized (changes) {
            checkHealthy();
            return changes.get(changes.size() - 1).holders();
        }
    }

    /** The most holders any sample saw. */
    public int maxHolders() {
        synchronized (changes) {
            checkHealthy();
            return changes.stream().mapToInt(c -> c.holders().size()).max().orElse(0);
        }
    }

    /** Every stretch with two or more holders, oldest first. */
    public List<Interval> intervalsWithTwoHolders() {
        List<Interval> intervals = new ArrayList<>();
        synchronized (changes) {
            checkHealthy();
            Change open = null;
            Set<String> all = new TreeSet<>();
            for (Change change : changes) {
                if (change.holders().size() >= 2) {
                    if (open == null) {
                        open = change;
                        all = new TreeSet<>();
                    }
                    all.addAll(change.holders());
                } else if (open != null) {
                    intervals.add(new Interval(open.epochMillis(), change.epochMillis(), all));
                    open = null;
                }
            }
            if (open != null) {
                intervals.add(new Interval(open.epochMillis(), -1, all));
            }
        }
        return intervals;
    }

    /** Every change of the holder set, starting with the first sample. */
    public List<Change> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    /** How many samples were taken. */
    public long samples() {
        synchronized (changes) {
            return samples;
        }
    }

    /** Waits up to {@code bound} (scaled) until the holders are exactly {@code hosts}. */
    public void awaitHolders(Duration bound, String... hosts) {
        Set<String> expected = Set.of(hosts);
        await(address + " held by " + expected).atMost(Timing.scaled(bound)).pollInterval(Duration.ofMillis(10))
                .until(() -> holders().equals(expected));
    }

    /** Waits until at least {@code count} more samples have been taken (e.g. to see a state settle). */
    public void awaitSamples(long count, Duration bound) {
        long target = samples() + count;
        await(count + " samples of " + address).atMost(Timing.scaled(bound)).pollInterval(Duration.ofMillis(10))
                .until(() -> samples() >= target);
    }

    @Override
    public void close() {
        running = false;
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(Timing.scaled(Duration.ofSeconds(2)).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        samplers.values().forEach(Sampler::close);
    }

    @Override
    public String toString() {
        return "VipWatch[" + address + " on " + iface + ": " + changes() + "]";
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            try {
                record(sample());
            } catch (IOException | RuntimeException e) {
                if (running) {
                    synchronized (changes) {
                        failure = e;
                    }
                }
                return;
            }
            next = Math.max(next + intervalNanos, System.nanoTime());
            for (long wait = next - System.nanoTime(); wait > 0 && running; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private Set<String> sample() throws IOException {
        for (Sampler sampler : samplers.values()) {
            sampler.ask();
        }
        Set<String> holders = new TreeSet<>();
        for (Map.Entry<String, Sampler> entry : samplers.entrySet()) {
            if (entry.getValue().holds(address)) {
                holders.add(entry.getKey());
            }
        }
        return holders;
    }

    private void record(Set<String> holders) {
        long now = System.currentTimeMillis();
        synchronized (changes) {
            samples++;
            lastSampleEpochMillis = now;
            if (changes.isEmpty() || !changes.get(changes.size() - 1).holders().equals(holders)) {
                changes.add(new Change(now, holders));
            }
        }
    }

    private void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException("VipWatch of " + address + " stopped sampling at "
                    + lastSampleEpochMillis + ": " + failure, failure);
        }
    }

    /** One long-running {@code ip -n NS -o -force -batch -} that answers address dumps. */
    private static final class Sampler {
        private final String host;
        private final String iface;
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Sampler(String host, String ns, String iface) throws IOException {
            this.host = host;
            this.iface = iface;
            this.process = new ProcessBuilder("ip", "-n", ns, "-o", "-force", "-batch", "-")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        void ask() throws IOException {
            in.write("addr show dev " + iface + "\n" + END_COMMAND);
            in.flush();
        }

        /** Reads one answer (up to lo's line) and says whether it lists {@code address}. */
        boolean holds(String address) throws IOException {
            boolean found = false;
            for (String line = out.readLine(); ; line = out.readLine()) {
                if (line == null) {
                    throw new IOException("ip -batch for " + host + " ended (exit "
                            + (process.isAlive() ? "?" : process.exitValue()) + ")");
                }
                String[] words = line.strip().split("\\s+");
                if (words.length > 1 && words[1].equals("lo")) {
                    return found;
                }
                for (String held : Ip.parseAddresses(line)) {
                    if (held.startsWith(address + "/")) {
                        found = true;
                    }
                }
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // the process is killed below either way
            }
            process.destroyForcibly();
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
