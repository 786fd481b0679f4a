package io.heartline.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ip} (iproute2) calls the lab needs. Every one names a namespace: nothing here
 * touches the root namespace's links, addresses or routes.
 */
public final class Ip {
    private Ip() {
    }

    /** {@code ip -n NS ARGS...}; throws unless it exits 0. */
    public static Shell.Result in(String ns, String... args) {
        return Shell.check(inCommand(ns, args), Timing.scaled(Shell.DEFAULT_TIMEOUT));
    }

    /** {@code ip -n NS ARGS...}, whatever its exit code. */
    public static Shell.Result tryIn(String ns, String... args) {
        return Shell.run(inCommand(ns, args), Timing.scaled(Shell.DEFAULT_TIMEOUT));
    }

    /** {@code ip netns exec NS COMMAND...} as a command line (the command replaces ip: same pid). */
    public static List<String> netnsExec(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    public static void netnsAdd(String ns) {
        Shell.check("ip", "netns", "add", ns);
    }

    /** Deletes a namespace; the kernel frees it once no process is left inside. */
    public static Shell.Result netnsDel(String ns) {
        return Shell.run("ip", "netns", "del", ns);
    }

    /** Names of all named namespaces on the machine (only read, to find our own). */
    public static List<String> netnsList() {
        List<String> names = new ArrayList<>();
        for (String line : Shell.check("ip", "netns", "list").lines()) {
            String name = line.strip().split("\\s+", 2)[0];
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Addresses on {@code iface} as {@code address/prefix}, IPv4 and IPv6, in kernel order. */
    public static List<String> addresses(String ns, String iface) {
        return parseAddresses(in(ns, "-o", "addr", "show", "dev", iface).stdout());
    }

    /** Parses the output of {@code ip -o addr show}: the word after each "inet" or "inet6". */
    public static List<String> parseAddresses(String output) {
        List<String> addresses = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] words = line.strip().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet") || words[i].equals("inet6")) {
                    addresses.add(words[i + 1]);
                    break;
                }
            }
        }
        return addresses;
    }

    /** The link-layer address of {@code iface}, read from the kernel. */
    public static String mac(String ns, String iface) {
        String out = in(ns, "-o", "link", "show", "dev", iface).stdout();
        return wordAfter(out, "link/ether")
                .orElseThrow(() -> new IllegalStateException("no link/ether on " + iface + " in " + ns + ": " + out));
    }

    /**
     * The MAC the neighbour table of {@code ns} holds for {@code ip}, if it holds one (an
     * INCOMPLETE or FAILED entry has none). Only reads: the table is never flushed.
     */
    public static Optional<String> neighbourMac(String ns, String ip) {
        return wordAfter(in(ns, "neigh", "show", ip).stdout(), "lladdr");
    }

    /** The whole neighbour entry line for {@code ip} in {@code ns}, e.g. for failure messages. */
    public static String neighbourEntry(String ns, String ip) {
        return in(ns, "neigh", "show", ip).stdout().strip();
    }

    private static Optional<String> wordAfter(String output, String key) {
        String[] words = output.strip().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals(key)) {
                return Optional.of(words[i + 1]);
            }
        }
        return Optional.empty();
    }

    private static List<String> inCommand(String ns, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", ns));
        command.addAll(List.of(args));
        return command;
    }
}
