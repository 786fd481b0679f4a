package io.heartline.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Whether this machine has a network interface, as {@code /sys/class/net} lists them. An alias
 * ({@code eth0:1}) is looked up by its device ({@code eth0}). Where there is no such directory
 * (not Linux, or no sysfs) nothing can be told, and every name is taken as present.
 */
public final class NetInterfaces implements Predicate<String> {
    /** Linux's list of the network interfaces. */
    public static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private final Path root;

    public NetInterfaces(Path root) {
        this.root = root;
    }

    /** This machine's interfaces. */
    public static NetInterfaces system() {
        return new NetInterfaces(SYS_CLASS_NET);
    }

    Path root() {
        return root;
    }

    @Override
    public boolean test(String name) {
        if (name == null || !Files.isDirectory(root)) {
            return true;
        }
        String device = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        if (device.isEmpty() || device.contains("/") || device.equals(".") || device.equals("..")) {
            return false;
        }
        return Files.exists(root.resolve(device));
    }
}
