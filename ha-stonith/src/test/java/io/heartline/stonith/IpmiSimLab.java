package io.heartline.stonith;

import static org.awaitility.Awaitility.await;

import io.heartline.core.NodeId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real IPMI BMC for tests: OpenIPMI's {@code ipmi_sim} in a network namespace of its own
 * ({@code hls<pid>-bmc<n>}, only {@code lo}, listening on 127.0.0.1:623, IPMI 2.0/lanplus),
 * driving a simulated machine whose power is a file. A power-off runs the chassis-control
 * script, which records it ({@link #powerOffs()}) and runs the hook set by {@link #onPowerOff}.
 *
 * <p>{@code fence_ipmilan} reaches it through {@link #fenceAgentPath()}, a two-line wrapper that
 * runs the real {@code /usr/sbin/fence_ipmilan} inside the namespace ({@code exec ip netns exec NS
 * /usr/sbin/fence_ipmilan}); stdin, exit code and process tree are the agent's own.
 *
 * <p>Files in {@link #dir()}: {@code lan.conf}, {@code bmc.emu}, {@code chassis-control},
 * {@code state/}, {@code power}, {@code powered-off}, {@code chassis.log}, {@code ipmi_sim.log}.
 * Nothing is created in the root namespace. {@link #close()} kills, by pid, what runs in the
 * namespace (ipmi_sim, leftover agents), deletes the namespace and the directory; a shutdown hook
 * does the same if the JVM ends first. Missing tools are installed with apt-get when possible,
 * else starting fails with the reason.
 */
public final class IpmiSimLab implements AutoCloseable {
    public static final String IPMI_SIM = "/usr/bin/ipmi_sim";
    public static final String FENCE_IPMILAN = "/usr/sbin/fence_ipmilan";
    public static final String IPMITOOL = "/usr/bin/ipmitool";
    /** The Debian packages that provide the three tools above. */
    public static final List<String> PACKAGES = List.of("openipmi", "fence-agents", "ipmitool");
    public static final String USER = "hladmin";
    public static final String PASSWORD = "fence-Secret-7";
    public static final String ADDRESS = "127.0.0.1";
    public static final int PORT = 623;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String ns = "hls" + ProcessHandle.current().pid() + "-bmc" + COUNTER.incrementAndGet();
    private final Path dir;
    private final Thread shutdownHook = new Thread(this::cleanUp, "ipmi-sim-lab-cleanup");
    private boolean namespaceMade;
    private Process bmc;

    private IpmiSimLab(Path dir) {
        this.dir = dir;
    }

    /** Installs what is missing, then starts the namespace and the BMC (machine powered on). */
    public static IpmiSimLab start() throws IOException {
        Tools.ensure();
        IpmiSimLab lab = new IpmiSimLab(Files.createTempDirectory("hls-bmc"));
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.setUp();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void setUp() throws IOException {
        Path chassis = dir.resolve("chassis-control");
        try (InputStream in = IpmiSimLab.class.getResourceAsStream("ipmi-sim-chassis-control.sh")) {
            if (in == null) {
                throw new IOException("resource ipmi-sim-chassis-control.sh is missing from the test classpath");
            }
            Files.write(chassis, in.readAllBytes());
        }
        executable(chassis);
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("lan.conf"), lanConf(chassis));
        Files.writeString(dir.resolve("bmc.emu"), String.join("\n",
                "# One BMC at IPMB address 0x20, no sensors: all a fence agent needs.",
                "mc_setbmc 0x20",
                "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02",
                "mc_enable 0x20", ""));
        Path wrapper = dir.resolve("fence_ipmilan");
        Files.writeString(wrapper, "#!/bin/sh\n# fence_ipmilan, run in the BMC's network namespace\n"
                + "exec ip netns exec " + ns + " " + FENCE_IPMILAN + " \"$@\"\n");
        executable(wrapper);
        Tools.run(Duration.ofSeconds(20), "ip", "netns", "add", ns);
        namespaceMade = true;
        Tools.run(Duration.ofSeconds(20), "ip", "-n", ns, "link", "set", "lo", "up");
        startBmc();
    }

    private String lanConf(Path chassis) {
        return String.join("\n",
                "# ipmi_lan(5): one BMC, LAN channel 1 on " + ADDRESS + ":" + PORT + " in namespace " + ns,
                "name \"hlbmc\"",
                "set_working_mc 0x20",
                "  startlan 1",
                "    addr " + ADDRESS + " " + PORT,
                "    priv_limit admin",
                "    allowed_auths_callback none md2 md5 straight",
                "    allowed_auths_user none md2 md5 straight",
                "    allowed_auths_operator none md2 md5 straight",
                "    allowed_auths_admin none md2 md5 straight",
                "    guid a123456789abcdefa123456789abcdef",
                "  endlan",
                "  chassis_control \"" + chassis + " 0x20\"",
                "  user 2 true \"" + USER + "\" \"" + PASSWORD + "\" admin 10 none md2 md5 straight",
                "");
    }

    /** Starts ipmi_sim (again) and waits until it listens. */
    public synchronized void startBmc() throws IOException {
        if (bmc != null && bmc.isAlive()) {
            return;
        }
        Path logFile = dir.resolve("ipmi_sim.log");
        bmc = new ProcessBuilder("ip", "netns", "exec", ns, IPMI_SIM,
                "-c", dir.resolve("lan.conf").toString(), "-f", dir.resolve("bmc.emu").toString(),
                "-s", dir.resolve("state").toString(), "-n")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Process started = bmc;
        try {
            await().atMost(Timing.seconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !started.isAlive() || listening());
        } catch (ConditionTimeoutException e) {
            throw new IOException("ipmi_sim in " + ns + " did not listen on " + ADDRESS + ":" + PORT + " within 15 s: "
                    + Files.readString(logFile));
        }
        if (!started.isAlive()) {
            throw new IOException("ipmi_sim in " + ns + " exited " + started.exitValue() + ": " + Files.readString(logFile));
        }
    }

    private boolean listening() throws IOException {
        return !Tools.run(Duration.ofSeconds(10), "ip", "netns", "exec", ns, "ss", "-Hlun", "sport = :" + PORT).isBlank();
    }

    /** Stops ipmi_sim: the BMC no longer answers (the machine's power stays as it was). */
    public synchronized void stopBmc() {
        if (bmc != null) {
            killTree(bmc.toHandle());
            try {
                bmc.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bmc = null;
        }
    }

    /** The BMC's namespace. */
    public String namespace() {
        return ns;
    }

    public Path dir() {
        return dir;
    }

    /** The fence agent to configure: the real fence_ipmilan, run inside the namespace. */
    public Path fenceAgentPath() {
        return dir.resolve("fence_ipmilan");
    }

    /** fence_ipmilan options reaching this BMC (lanplus with cipher suite 3: ipmi_sim cannot list suites). */
    public Map<String, String> fenceOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("ip", ADDRESS);
        o.put("username", USER);
        o.put("password", PASSWORD);
        o.put("lanplus", "1");
        o.put("cipher", "3");
        return o;
    }

    /** A device fencing {@code node} through this BMC: shared credentials, the address per node. */
    public FenceDevice device(String name, NodeId node) {
        Map<String, String> shared = new LinkedHashMap<>(fenceOptions());
        String ip = shared.remove("ip");
        return new FenceDevice(name, fenceAgentPath().toString(), shared, Map.of(node, Map.of("ip", ip)));
    }

    /** How many times the machine was powered off. */
    public int powerOffs() throws IOException {
        Path f = dir.resolve("powered-off");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    /** The simulated machine's power. */
    public boolean poweredOn() throws IOException {
        Path f = dir.resolve("power");
        return !Files.exists(f) || !"0".equals(Files.readString(f).trim());
    }

    /** Shell commands run (by the chassis-control script, in the BMC's namespace) at each power-off. */
    public void onPowerOff(String shellCommands) throws IOException {
        Path hook = dir.resolve("on-power-off");
        Files.writeString(hook, "#!/bin/sh\n" + shellCommands + "\n");
        executable(hook);
    }

    /** Pids of the processes in the namespace: ipmi_sim, and any fence agent running now. */
    public List<Long> pidsInNamespace() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String l : Tools.run(Duration.ofSeconds(10), "ip", "netns", "pids", ns).split("\\s+")) {
            if (!l.isBlank()) {
                pids.add(Long.parseLong(l.trim()));
            }
        }
        return pids;
    }

    /** The pid of ipmi_sim (ip netns exec replaces itself with it), or -1 when stopped. */
    public synchronized long bmcPid() {
        return bmc != null && bmc.isAlive() ? bmc.pid() : -1;
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs (or ran) cleanUp itself.
        }
    }

    private synchronized void cleanUp() {
        stopBmc();
        if (namespaceMade) {
            try {
                for (long pid : pidsInNamespace()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                Tools.run(Duration.ofSeconds(20), "ip", "netns", "del", ns);
                namespaceMade = false;
            } catch (IOException e) {
                System.err.println("ipmi-sim lab: could not remove namespace " + ns + ": " + e.getMessage());
            }
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("ipmi-sim lab: could not delete " + root + ": " + e.getMessage());
        }
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The tools the lab needs, installed from Debian's packages when missing. */
    static final class Tools {
        private static boolean checked;

        private Tools() {
        }

        static synchronized void ensure() throws IOException {
            if (checked) {
                return;
            }
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("the ipmi_sim lab needs root (network namespaces); running as "
                        + System.getProperty("user.name"));
            }
            if (!missing().isEmpty()) {
                String out = install();
                List<String> still = missing();
                if (!still.isEmpty()) {
                    throw new IllegalStateException("missing " + still + " even after 'apt-get install -y "
                            + String.join(" ", PACKAGES) + "'; its output ended with:\n" + tail(out));
                }
            }
            checked = true;
        }

        static List<String> missing() {
            List<String> out = new ArrayList<>();
            for (String tool : List.of(IPMI_SIM, FENCE_IPMILAN, IPMITOOL, "/usr/sbin/ip", "/usr/bin/ss")) {
                if (!Files.isExecutable(Path.of(tool)) && !Files.isExecutable(Path.of(tool.replace("/usr/sbin/", "/sbin/")))) {
                    out.add(tool);
                }
            }
            return out;
        }

        private static String install() {
            StringBuilder out = new StringBuilder();
            List<String> installCmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-q",
                    "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300"));
            installCmd.addAll(PACKAGES);
            for (List<String> cmd : List.of(List.of("apt-get", "update", "-q"), installCmd)) {
                try {
                    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
                    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
                    out.append(String.join(" ", cmd)).append('\n').append(runProcess(pb, Duration.ofMinutes(10)));
                } catch (IOException e) {
                    out.append(String.join(" ", cmd)).append(": ").append(e.getMessage()).append('\n');
                }
            }
            return out.toString();
        }

        /** Runs a command, returns its output; throws with the output on a non-zero exit. */
        static String run(Duration timeout, String... cmd) throws IOException {
            return runProcess(new ProcessBuilder(cmd).redirectErrorStream(true), timeout);
        }

        private static String runProcess(ProcessBuilder pb, Duration timeout) throws IOException {
            Process p = pb.start();
            p.getOutputStream().close();
            OutputPump out = OutputPump.start(p.getInputStream(), 256 * 1024, "lab-cmd");
            String cmd = String.join(" ", pb.command());
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    killTree(p.toHandle());
                    throw new IOException(cmd + ": no end within " + timeout);
                }
            } catch (InterruptedException e) {
                killTree(p.toHandle());
                Thread.currentThread().interrupt();
                throw new IOException(cmd + ": interrupted", e);
            }
            String text = out.await(Duration.ofSeconds(5));
            if (p.exitValue() != 0) {
                throw new IOException(cmd + ": exit " + p.exitValue() + ": " + tail(text));
            }
            return text;
        }

        private static String tail(String s) {
            return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
        }
    }

    /** SIGKILLs {@code root} and all its descendants; the tree is read first, as orphans lose their parent link. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
