package io.heartline.core;

import io.heartline.core.config.VipConfig;
import java.io.IOException;

/**
 * Removes VIP addresses with the daemon's own address manager (rtnetlink, else the {@code ip}
 * command); found by {@code hactl cleanup-vips} through {@link java.util.ServiceLoader}, so that
 * {@code hactl} itself depends only on the core (as with {@link DaemonLauncher}).
 */
public interface VipRemoval {
    /** Opens the address manager; close the remover when done. */
    Remover open() throws IOException;

    /** An open address manager. */
    interface Remover extends AutoCloseable {
        /**
         * Removes the address from the VIP's interface, whatever its prefix length: {@code true} if
         * it was there and is gone, {@code false} if it was not there. Bounded (a netlink round trip,
         * or an {@code ip} command with its timeout).
         */
        boolean remove(VipConfig vip) throws IOException;

        @Override
        void close();
    }
}
