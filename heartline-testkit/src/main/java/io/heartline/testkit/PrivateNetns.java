package io.heartline.testkit;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of this test run's own, {@code hlr<pid>-<n>}, holding a veth pair
 * {@code hlr0}/{@code hlr1} (both up) with 10.199.9.1/24 on {@code hlr0}, for tests of agents
 * that change addresses. Nothing is created in the root namespace (both veth ends are made
 * inside); {@link #close()} deletes the namespace and everything in it. Built on {@link Ip}, as
 * the cluster tests' lab is.
 */
public final class PrivateNetns implements AutoCloseable {
    /** The interface with the address. */
    public static final String NIC = "hlr0";
    private static final String PEER = "hlr1";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name = "hlr" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();

    private PrivateNetns() {
    }

    /** Creates the namespace and its veth pair; nothing is left behind if a step fails. */
    public static PrivateNetns create() {
        PrivateNetns ns = new PrivateNetns();
        Ip.netnsAdd(ns.name);
        try {
            ns.ip("link", "set", "lo", "up");
            ns.ip("link", "add", NIC, "type", "veth", "peer", "name", PEER);
            ns.ip("link", "set", NIC, "up");
            ns.ip("link", "set", PEER, "up");
            ns.ip("addr", "add", "10.199.9.1/24", "dev", NIC);
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** {@code ip netns exec NAME}: put in front of a command to run it inside. */
    public List<String> execPrefix() {
        return Ip.netnsExec(name, List.of());
    }

    /** {@code ip -n NAME ARGS}; returns stdout, throws {@link Shell.ShellException} unless it exits 0. */
    public String ip(String... args) {
        return Ip.in(name, args).stdout();
    }

    @Override
    public void close() {
        Shell.Result r = Ip.netnsDel(name);
        if (!r.ok()) {
            throw new IllegalStateException("ip netns del " + name + ": " + r.stderr().strip());
        }
    }
}
