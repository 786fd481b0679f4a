package io.heartline.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of this test run's own, {@code hlr<pid>-<n>}, holding a veth pair
 * {@code hlr0}/{@code hlr1} (both up) with 10.199.9.1/24 on {@code hlr0}. Nothing is created in
 * the root namespace (both veth ends are made inside); {@link #close()} deletes the namespace and
 * everything in it.
 */
final class PrivateNetns implements AutoCloseable {
    static final String NIC = "hlr0";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String name = "hlr" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();

    static PrivateNetns create() throws IOException {
        PrivateNetns ns = new PrivateNetns();
        run("ip", "netns", "add", ns.name);
        try {
            ns.ip("link", "set", "lo", "up");
            ns.ip("link", "add", NIC, "type", "veth", "peer", "name", "hlr1");
            ns.ip("link", "set", NIC, "up");
            ns.ip("link", "set", "hlr1", "up");
            ns.ip("addr", "add", "10.199.9.1/24", "dev", NIC);
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** {@code ip netns exec NAME}: put in front of a command to run it inside. */
    List<String> execPrefix() {
        return List.of("ip", "netns", "exec", name);
    }

    /** {@code ip -n NAME ARGS}; returns stdout. */
    String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        run("ip", "netns", "del", name);
    }
}
