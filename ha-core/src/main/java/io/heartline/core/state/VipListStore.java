package io.heartline.core.state;

import io.heartline.core.config.GroupConfig;
import io.heartline.core.config.VipConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's VIP list ({@code vips}, beside the control socket: {@code /run/heartline/vips} by
 * default), for {@code hactl cleanup-vips}'s fast path in the launcher script, which removes a dead
 * daemon's VIPs with {@code ip addr del} before any JVM starts. Written atomically (temp file,
 * rename) at start, before any VIP can be claimed, and at every reload that changes VIPs. Plain
 * lines a POSIX shell reads with {@code read}:
 *
 * <pre>
 * # heartline VIP list (hactl cleanup-vips reads it; docs/stale-vips.md)
 * config /etc/heartline/heartline.conf     the daemon's config file, as it was given
 * node node-a
 * state-dir /var/lib/heartline             where the maintenance marker and the fast path's notes are
 * pid 4242 123456                          the daemon's PID and start time (field 22 of /proc/PID/stat)
 * 10.0.0.10/24 eth0 web                    one per VIP: ADDRESS/PREFIX INTERFACE GROUP
 * </pre>
 */
public final class VipListStore {
    /** The list's file name, in the control socket's directory. */
    public static final String FILE_NAME = "vips";

    /** One listed VIP and its group. */
    public record Entry(String group, VipConfig vip) {
    }

    /** What the file says. {@code startTicks} is empty when the daemon could not read its own start time. */
    public record Listed(String config, String node, Path stateDir, long pid, String startTicks, List<Entry> vips) {
        public Listed {
            vips = List.copyOf(vips);
        }
    }

    private final Path file;

    public VipListStore(Path file) {
        this.file = file;
    }

    /** The list of the daemon whose control socket is {@code controlSocket}. */
    public static VipListStore beside(Path controlSocket) {
        return new VipListStore(controlSocket.toAbsolutePath().resolveSibling(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** Every VIP of every group, in config order. */
    public static List<Entry> entries(List<GroupConfig> groups) {
        List<Entry> out = new ArrayList<>();
        for (GroupConfig g : groups) {
            for (VipConfig v : g.vips()) {
                out.add(new Entry(g.name(), v));
            }
        }
        return out;
    }

    /** Both lists, without repeats: during a reload, what the old and the new config may have up. */
    public static List<Entry> union(List<Entry> a, List<Entry> b) {
        Set<Entry> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    public void write(Listed l) throws IOException {
        StringBuilder s = new StringBuilder("# heartline VIP list (hactl cleanup-vips reads it; docs/stale-vips.md)\n");
        s.append("config ").append(l.config()).append('\n');
        s.append("node ").append(l.node()).append('\n');
        s.append("state-dir ").append(l.stateDir()).append('\n');
        s.append("pid ").append(l.pid()).append(' ').append(l.startTicks()).append('\n');
        for (Entry e : l.vips()) {
            s.append(e.vip().cidr()).append(' ').append(e.vip().iface()).append(' ').append(e.group()).append('\n');
        }
        AtomicFile.write(file, s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The list, or empty when there is none; a line that is not understood is an error naming the file. */
    public Optional<Listed> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String config = "";
        String node = "";
        Path stateDir = null;
        long pid = 0;
        String ticks = "";
        List<Entry> vips = new ArrayList<>();
        for (String line : lines) {
            String[] w = line.strip().split("\\s+", 2);
            String rest = w.length > 1 ? w[1] : "";
            try {
                switch (w[0]) {
                    case "", "#" -> { }
                    case "config" -> config = rest;
                    case "node" -> node = rest;
                    case "state-dir" -> stateDir = Path.of(rest);
                    case "pid" -> {
                        String[] p = rest.split("\\s+");
                        pid = Long.parseLong(p[0]);
                        ticks = p.length > 1 ? p[1] : "";
                    }
                    default -> vips.add(vip(w[0], rest.split("\\s+")));
                }
            } catch (RuntimeException | IOException e) {
                throw new IOException("VIP list " + file + ": cannot read line '" + line + "': " + e.getMessage(), e);
            }
        }
        return Optional.of(new Listed(config, node, stateDir, pid, ticks, vips));
    }

    private static Entry vip(String cidr, String[] rest) throws IOException {
        int slash = cidr.indexOf('/');
        if (slash < 0 || rest.length < 1 || rest[0].isEmpty()) {
            throw new IOException("expected ADDRESS/PREFIX INTERFACE [GROUP]");
        }
        String addr = cidr.substring(0, slash);
        if (!addr.matches("[0-9a-fA-F.:]+")) { // a literal only: never a name lookup
            throw new IOException("not an address: " + addr);
        }
        VipConfig v = new VipConfig(InetAddress.getByName(addr), Integer.parseInt(cidr.substring(slash + 1)), rest[0]);
        return new Entry(rest.length > 1 ? rest[1] : null, v);
    }

    /**
     * The start time of process {@code pid} (field 22 of {@code /proc/PID/stat}, in clock ticks since
     * boot), which with the PID names one process: the launcher compares both before it trusts that a
     * listed daemon is gone. Empty when {@code /proc} cannot tell (not Linux).
     */
    public static String startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
            return f.length > 19 ? f[19] : ""; // f[0] is field 3 (state)
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
