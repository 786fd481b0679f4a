package io.heartline.cluster;

import static org.awaitility.Awaitility.await;

import io.heartline.testkit.Shell;
import io.heartline.testkit.Timing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A node's BMC: OpenIPMI's ipmi_sim on a lab host of its own on the LAN, reached by the daemons'
 * fence_ipmilan over the network like a real one. Its chassis control (ha-stonith's
 * ipmi-sim-chassis-control.sh) powers "the machine" off by running a hook that kills the node's
 * daemon by PID and takes the node's links down, as a power cut would.
 */
final class Bmc {
    static final String USER = "hladmin";
    static final String PASSWORD = "fence-Secret-7";

    private final Lab lab;
    private final String host;
    private final String node;
    private final Path dir;
    private LabProcess sim;

    Bmc(Lab lab, String host, String node) {
        this.lab = lab;
        this.host = host;
        this.node = node;
        this.dir = Path.of("/tmp", lab.prefix() + host);
        try {
            Files.createDirectories(dir.resolve("state"));
            Path chassis = dir.resolve("chassis-control");
            try (InputStream in = io.heartline.stonith.IpmiSimLab.class.getResourceAsStream("ipmi-sim-chassis-control.sh")) {
                Files.write(chassis, in.readAllBytes());
            }
            executable(chassis);
            Files.writeString(dir.resolve("bmc.emu"), "mc_setbmc 0x20\nmc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02\n"
                    + "mc_enable 0x20\n");
            Files.writeString(dir.resolve("lan.conf"), String.join("\n",
                    "name \"" + host + "\"",
                    "set_working_mc 0x20",
                    "  startlan 1",
                    "    addr " + lab.ip(host) + " 623",
                    "    priv_limit admin",
                    "    allowed_auths_callback none md2 md5 straight",
                    "    allowed_auths_user none md2 md5 straight",
                    "    allowed_auths_operator none md2 md5 straight",
                    "    allowed_auths_admin none md2 md5 straight",
                    "    guid a123456789abcdefa123456789abcdef",
                    "  endlan",
                    "  chassis_control \"" + chassis + " 0x20\"",
                    "  user 2 true \"" + USER + "\" \"" + PASSWORD + "\" admin 10 none md2 md5 straight", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lab.afterStop(() -> Shell.run("rm", "-rf", dir.toString()));
    }

    String ip() {
        return lab.ip(host);
    }

    /** What a power-off does to the node: its daemon dies (by PID) and its cables go dead. */
    void onPowerOff(long daemonPid) {
        StringBuilder sh = new StringBuilder("kill -9 " + daemonPid + "\n");
        for (String iface : lab.host(node).networks().stream().map(Network::iface).toList()) {
            sh.append("ip -n ").append(lab.ns(node)).append(" link set ").append(iface).append(" down\n");
            // a machine without power holds no VIP: only its configured (primary) address comes back with it
            sh.append("ip -n ").append(lab.ns(node)).append(" addr flush dev ").append(iface).append(" secondary\n");
        }
        // The chassis script records "power 0" before it runs this hook: mark the end, so the test
        // never revives the node while the hook is still taking it down.
        sh.append("touch ").append(dir.resolve("off-done")).append('\n');
        hook("on-power-off", sh.toString());
    }

    private void hook(String name, String body) {
        try {
            Path hook = dir.resolve(name);
            Files.writeString(hook, "#!/bin/sh\n" + body);
            executable(hook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Power back on (the file the chassis script keeps) and plug the node's cables in again. */
    void powerOnAndPlugIn() {
        try {
            Files.deleteIfExists(dir.resolve("off-done"));
            Files.writeString(dir.resolve("power"), "1\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String iface : lab.host(node).networks().stream().map(Network::iface).toList()) {
            lab.exec(node, "ip", "link", "set", iface, "up");
        }
    }

    /** Off, and what a power cut does to the node (daemon killed, links down) is done. */
    boolean poweredOff() {
        try {
            Path p = dir.resolve("power");
            return Files.exists(p) && Files.readString(p).strip().equals("0") && Files.exists(dir.resolve("off-done"));
        } catch (IOException e) {
            return false;
        }
    }

    Bmc start() {
        sim = lab.start(host, ProcessSpec.of("ipmi_sim", "/usr/bin/ipmi_sim", "-c", dir.resolve("lan.conf").toString(),
                "-f", dir.resolve("bmc.emu").toString(), "-s", dir.resolve("state").toString(), "-n"));
        await().atMost(Timing.scaled(Duration.ofSeconds(15))).pollInterval(100, TimeUnit.MILLISECONDS)
                .until(() -> !lab.tryExec(host, "ss", "-Hlun", "sport = :623").stdout().isBlank());
        return this;
    }

    void stop() {
        sim.kill9();
    }

    /** The fence device entry for this BMC inside {@code nodes { }} of a fence-agent device. */
    String nodeEntry() {
        return node + " { ip = \"" + ip() + "\" }";
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
