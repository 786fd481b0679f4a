package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Ip;
import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away network of Linux namespaces: one switch namespace with a bridge per
 * {@link Network}, and hosts (cluster nodes and clients) cabled to it by veth pairs.
 *
 * <pre>
 *   PREFIX-switch:  br-lan ─┬─ node-a-eth0 ══ eth0 [PREFIX-node-a] 10.77.0.1
 *   (mcast_snooping 0)      ├─ node-b-eth0 ══ eth0 [PREFIX-node-b] 10.77.0.2
 *                           └─ client-eth0 ══ eth0 [PREFIX-client] 10.77.0.100
 *                   br-hb  ─┬─ node-a-eth1 ══ eth1 [PREFIX-node-a] 10.78.0.1   (optional)
 *                           └─ node-b-eth1 ══ eth1 [PREFIX-node-b] 10.78.0.2
 * </pre>
 *
 * <p>Every namespace name starts with a prefix unique to this lab ({@code hl<pid>x<n>-}), so
 * labs never collide. Nothing is added to the root namespace: each veth pair is created in the
 * switch namespace with its peer born in the host namespace. {@link #close()} kills every
 * process the lab started (by pid), deletes every namespace it created and checks they are
 * gone; a JVM shutdown hook does the same for labs a test left open.
 *
 * <p>Logs of started processes and the lab's own notes go to {@link #logDir()}.
 */
public final class Lab implements AutoCloseable {
    /** The switch namespace is {@code PREFIX + SWITCH}; no host may have this name. */
    static final String SWITCH = "switch";

    private final String prefix;
    private final Path logDir;
    private final List<Network> networks;
    private final Map<String, LabHost> hosts;
    private final List<String> namespaces = new ArrayList<>();
    private final List<LabProcess> processes = new ArrayList<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Deque<AutoCloseable> afterStop = new ArrayDeque<>();
    private Duration setupTime = Duration.ZERO;
    private Duration teardownTime;
    private boolean closed;

    private Lab(String prefix, Path logDir, List<Network> networks, Map<String, LabHost> hosts) {
        this.prefix = prefix;
        this.logDir = logDir;
        this.networks = List.copyOf(networks);
        this.hosts = hosts;
    }

    /** A builder for a lab whose log directory is named after {@code label} (e.g. the test). */
    public static LabBuilder builder(String label) {
        return new LabBuilder(label);
    }

    /** Made by {@link LabBuilder}: registers the lab for the shutdown hook, then creates it. */
    static Lab create(String prefix, Path logDir, List<Network> networks, Map<String, LabHost> hosts) {
        Lab lab = new Lab(prefix, logDir, networks, hosts);
        LabRegistry.register(lab);
        try {
            lab.create();
        } catch (RuntimeException | Error e) {
            try {
                lab.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return lab;
    }

    private void create() {
        long started = System.nanoTime();
        removeLeftovers();
        String sw = switchNs();
        netnsAdd(sw);
        for (LabHost host : hosts.values()) {
            netnsAdd(host.namespace());
        }
        for (Network network : networks) {
            Ip.in(sw, "link", "add", network.bridge(), "type", "bridge", "mcast_snooping", "0");
            Ip.in(sw, "link", "set", network.bridge(), "up");
        }
        for (LabHost host : hosts.values()) {
            for (Network network : host.networks()) {
                String port = host.switchPort(network);
                // Both ends are born in namespaces: the switch end here, the host end in its namespace.
                Ip.in(sw, "link", "add", port, "type", "veth", "peer", "name", network.iface(),
                        "address", host.mac(networks.indexOf(network)), "netns", host.namespace());
                Ip.in(sw, "link", "set", port, "master", network.bridge(), "up");
                Ip.in(host.namespace(), "addr", "add", network.cidr(host.octet()), "dev", network.iface());
                Ip.in(host.namespace(), "link", "set", network.iface(), "up");
            }
            Ip.in(host.namespace(), "link", "set", "lo", "up");
        }
        setupTime = Duration.ofNanos(System.nanoTime() - started);
        note("built in " + setupTime.toMillis() + " ms: " + describeTopology());
    }

    /** Namespaces left by an earlier lab with this very prefix (a crashed run of a reused pid). */
    private void removeLeftovers() {
        for (String ns : Ip.netnsList()) {
            if (ns.startsWith(prefix)) {
                note("removing leftover namespace " + ns);
                Ip.netnsDel(ns);
            }
        }
    }

    private void netnsAdd(String ns) {
        Ip.netnsAdd(ns);
        synchronized (this) {
            namespaces.add(ns);
        }
    }

    // ---- names and addresses --------------------------------------------------------------

    /** The prefix every namespace of this lab starts with, e.g. {@code hl4242x1-}. */
    public String prefix() {
        return prefix;
    }

    /** The namespace of {@code host}. */
    public String ns(String host) {
        return host(host).namespace();
    }

    /** The namespace that holds the bridges. */
    public String switchNs() {
        return prefix + SWITCH;
    }

    public LabHost host(String name) {
        LabHost host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no host " + name + " in this lab (has " + hosts.keySet() + ")");
        }
        return host;
    }

    public List<String> nodes() {
        return hosts.values().stream().filter(LabHost::node).map(LabHost::name).toList();
    }

    public List<String> clients() {
        return hosts.values().stream().filter(h -> !h.node()).map(LabHost::name).toList();
    }

    public List<Network> networks() {
        return networks;
    }

    /** The host's own address on its first network (for nodes: the LAN), e.g. 10.77.0.1. */
    public String ip(String host) {
        LabHost h = host(host);
        return h.networks().get(0).address(h.octet());
    }

    /** The host's own address on the network whose interface is {@code iface}. */
    public String ip(String host, String iface) {
        LabHost h = host(host);
        return h.network(iface).address(h.octet());
    }

    /** The MAC of {@code iface} in {@code host}, read from the kernel. */
    public String mac(String host, String iface) {
        host(host).network(iface);
        return Ip.mac(ns(host), iface);
    }

    /** Addresses on {@code iface} in {@code host}, as {@code address/prefix} (IPv4 and IPv6). */
    public List<String> addresses(String host, String iface) {
        if (!iface.equals("lo")) {
            host(host).network(iface);
        }
        return Ip.addresses(ns(host), iface);
    }

    /** Adds {@code cidr} (e.g. 10.77.0.10/24) to {@code iface} in {@code host}, as an operator would. */
    public void addAddress(String host, String iface, String cidr) {
        note("addr add " + cidr + " on " + host + "/" + iface);
        Ip.in(ns(host), "addr", "add", cidr, "dev", iface);
    }

    public void deleteAddress(String host, String iface, String cidr) {
        note("addr del " + cidr + " on " + host + "/" + iface);
        Ip.in(ns(host), "addr", "del", cidr, "dev", iface);
    }

    /**
     * The MAC that {@code host}'s neighbour table holds for {@code ip}; empty when there is no
     * entry or no MAC (INCOMPLETE, FAILED). Read only: the table is never flushed.
     */
    public Optional<String> neighbourMac(String host, String ip) {
        return Ip.neighbourMac(ns(host), ip);
    }

    // ---- faults ---------------------------------------------------------------------------

    /**
     * Pulls {@code host}'s cable on {@code iface}: the switch end of the veth goes down, so the
     * host's interface stays administratively UP but loses carrier ({@code NO-CARRIER},
     * {@code state DOWN}) exactly like an unplugged cable. Addresses and routes stay. Returns
     * once the host sees no carrier (the kernel's link watch can take up to a second when
     * links change often); take the fault's time before calling.
     */
    public void linkDown(String host, String iface) {
        note("cable cut: " + host + "/" + iface);
        Ip.in(switchNs(), "link", "set", host(host).switchPort(host(host).network(iface)), "down");
        awaitLink(host, iface, "NO-CARRIER");
    }

    /** Plugs the cable back in (the switch end up again); returns once the host's interface is UP. */
    public void linkUp(String host, String iface) {
        note("cable restored: " + host + "/" + iface);
        Ip.in(switchNs(), "link", "set", host(host).switchPort(host(host).network(iface)), "up");
        awaitLink(host, iface, "state UP");
    }

    /**
     * {@code ip link set IFACE down} inside the host: an administrative down as an operator
     * would do it. The host sees its own interface DOWN (not NO-CARRIER); the kernel drops
     * the interface's routes and IPv6 addresses. Use {@link #linkDown} for a cable fault.
     */
    public void ifDown(String host, String iface) {
        note("admin down: " + host + "/" + iface);
        Ip.in(ns(host), "link", "set", host(host).network(iface).iface(), "down");
    }

    /** {@code ip link set IFACE up} inside the host; returns once the interface is UP. */
    public void ifUp(String host, String iface) {
        note("admin up: " + host + "/" + iface);
        Ip.in(ns(host), "link", "set", host(host).network(iface).iface(), "up");
        awaitLink(host, iface, "state UP");
    }

    private void awaitLink(String host, String iface, String shown) {
        await(host + "/" + iface + " showing '" + shown + "'").atMost(Timing.scaled(Duration.ofSeconds(3)))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> Ip.in(ns(host), "-o", "link", "show", "dev", iface).stdout().contains(shown));
        note(host + "/" + iface + " shows '" + shown + "'");
    }

    // ---- commands and processes -----------------------------------------------------------

    /** Runs a short command in {@code host}; throws unless it exits 0. */
    public Shell.Result exec(String host, String... command) {
        Shell.Result result = tryExec(host, command);
        if (!result.ok()) {
            throw new Shell.ShellException("command failed in " + host + " (exit " + result.exitCode() + "): "
                    + Shell.render(result.command()) + "\nstderr: " + result.stderr().strip()
                    + "\nstdout: " + result.stdout().strip(), result, null);
        }
        return result;
    }

    /** Runs a short command in {@code host}, whatever its exit code (noted in {@code lab.log}). */
    public Shell.Result tryExec(String host, String... command) {
        Shell.Result result = Shell.run(Ip.netnsExec(ns(host), List.of(command)), Timing.scaled(Shell.DEFAULT_TIMEOUT));
        note("exec in " + host + ": " + Shell.render(List.of(command)) + " -> exit " + result.exitCode()
                + " in " + result.took().toMillis() + " ms");
        return result;
    }

    /**
     * Starts a long-running program in {@code host} as {@code ip netns exec NS COMMAND}; its
     * output goes to {@code logDir()/HOST-NAME.log}. The lab kills it on {@link #close()}.
     */
    public synchronized LabProcess start(String host, ProcessSpec spec) {
        if (closed) {
            throw new IllegalStateException("lab " + prefix + " is closed");
        }
        LabProcess process = LabProcess.start(host, ns(host), spec, logDir);
        processes.add(process);
        note("started " + process + ": " + Shell.render(spec.command()));
        return process;
    }

    /**
     * Has {@code cleanup} run when the lab closes, after every process started in it is gone (for
     * work directories that a process still writing into would keep from being deleted).
     */
    public synchronized void afterStop(AutoCloseable cleanup) {
        afterStop.push(cleanup);
    }

    /** Has {@code resource} closed first when the lab closes (last registered, first closed). */
    public synchronized <T extends AutoCloseable> T onClose(T resource) {
        closeables.push(resource);
        return resource;
    }

    /** Where started processes log, and the lab's own {@code lab.log} of what it did. */
    public Path logDir() {
        return logDir;
    }

    /** Appends a time-stamped line to {@code lab.log} (tests may mark their faults with it). */
    public void note(String text) {
        String line = Instant.now() + " " + text + "\n";
        try {
            Files.writeString(logDir.resolve("lab.log"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("lab " + prefix + ": cannot write lab.log: " + e + "; " + line);
        }
    }

    public Duration setupTime() {
        return setupTime;
    }

    /** How long {@link #close()} took, once it has run. */
    public Optional<Duration> teardownTime() {
        return Optional.ofNullable(teardownTime);
    }

    /** Addresses, links, neighbours and processes of every host, for a failure report. */
    public String describe() {
        StringBuilder sb = new StringBuilder("lab ").append(prefix).append(" (logs: ").append(logDir).append(")\n");
        for (LabHost host : hosts.values()) {
            sb.append("== ").append(host.name()).append(" [").append(host.namespace()).append("]\n");
            sb.append(Ip.tryIn(host.namespace(), "-br", "link").stdout());
            sb.append(Ip.tryIn(host.namespace(), "-br", "addr").stdout());
            sb.append("neighbours:\n").append(Ip.tryIn(host.namespace(), "neigh").stdout());
        }
        sb.append("== switch\n").append(Ip.tryIn(switchNs(), "-br", "link").stdout());
        synchronized (this) {
            for (LabProcess process : processes) {
                sb.append("process ").append(process).append(process.isAlive() ? " alive" : " exited "
                        + process.exitCode().orElse(-1)).append(", log ").append(process.logFile()).append('\n');
            }
        }
        return sb.toString();
    }

    private String describeTopology() {
        StringBuilder sb = new StringBuilder();
        for (LabHost host : hosts.values()) {
            sb.append(host.name()).append('=');
            sb.append(String.join(",", host.networks().stream().map(n -> n.iface() + ":" + n.address(host.octet())).toList()));
            sb.append(' ');
        }
        return sb.toString().strip();
    }

    // ---- teardown -------------------------------------------------------------------------

    /**
     * Closes registered resources, kills every process the lab started (by pid, with the
     * descendants they forked), kills by pid whatever still runs inside the lab's namespaces,
     * deletes the namespaces and checks that none with the prefix is left. Every step runs even
     * when an earlier one fails; the first failure is thrown with the rest suppressed.
     * Idempotent; safe from the shutdown hook.
     */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        List<LabProcess> toKill;
        List<String> toDelete;
        List<AutoCloseable> cleanups;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(closeables);
            toKill = new ArrayList<>(processes);
            toDelete = new ArrayList<>(namespaces);
            cleanups = new ArrayList<>(afterStop);
        }
        long started = System.nanoTime();
        List<Throwable> failures = new ArrayList<>();
        for (AutoCloseable resource : toClose) {
            attempt(failures, resource::close);
        }
        for (LabProcess process : toKill) {
            attempt(failures, process::close);
        }
        for (String ns : toDelete) {
            attempt(failures, () -> killStragglers(ns));
        }
        for (AutoCloseable cleanup : cleanups) {
            attempt(failures, cleanup::close);
        }
        // Hosts first, the switch last (deleting it also destroys the switch ends of the cables).
        List<String> order = new ArrayList<>(toDelete);
        if (order.remove(switchNs())) {
            order.add(switchNs());
        }
        for (String ns : order) {
            attempt(failures, () -> {
                Shell.Result result = Ip.netnsDel(ns);
                if (!result.ok()) {
                    throw new IllegalStateException("ip netns del " + ns + ": " + result.stderr().strip());
                }
            });
        }
        attempt(failures, () -> {
            List<String> left = Ip.netnsList().stream().filter(ns -> ns.startsWith(prefix)).toList();
            if (!left.isEmpty()) {
                throw new IllegalStateException("namespaces still there after teardown: " + left);
            }
        });
        teardownTime = Duration.ofNanos(System.nanoTime() - started);
        note("closed in " + teardownTime.toMillis() + " ms" + (failures.isEmpty() ? "" : " with " + failures.size() + " failure(s)"));
        LabRegistry.unregister(this);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("teardown of lab " + prefix + " failed");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Processes still inside one of our namespaces (forked by what we started): SIGKILL by pid. */
    private void killStragglers(String ns) {
        Shell.Result pids = Shell.run("ip", "netns", "pids", ns);
        if (!pids.ok()) {
            return;
        }
        for (String line : pids.lines()) {
            long pid = Long.parseLong(line.strip());
            ProcessHandle.of(pid).ifPresent(handle -> {
                note("killing pid " + pid + " still running in " + ns + ": " + handle.info().commandLine().orElse("?"));
                handle.destroyForcibly();
                handle.onExit().orTimeout(Timing.scaled(Duration.ofSeconds(5)).toMillis(),
                        TimeUnit.MILLISECONDS).join();
            });
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(List<Throwable> failures, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        } catch (Exception | Error e) {
            failures.add(e);
        }
    }

    static Path logRoot() {
        String explicit = System.getProperty("heartline.lab.logs", "").trim();
        if (!explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String classes = System.getProperty("heartline.test.classes", "").trim();
        if (!classes.isEmpty() && Path.of(classes).toAbsolutePath().getParent() != null) {
            return Path.of(classes).toAbsolutePath().getParent().resolve("lab-logs");
        }
        return Path.of("target", "lab-logs").toAbsolutePath();
    }

    @Override
    public String toString() {
        return "Lab[" + prefix + "]";
    }
}
