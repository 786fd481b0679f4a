package io.heartline.takeover;

import io.heartline.core.config.VipConfig;

/**
 * Adds and removes a VIP on its interface. Both operations are idempotent: adding an address
 * that is already there succeeds, removing one that is not there returns {@code false}.
 *
 * <p>An address counts as present when it is configured on the VIP's interface, whatever its
 * prefix length; {@link #remove} removes it even when it was added with another prefix length
 * (a crashed daemon with an older configuration may have left it behind).
 */
public interface AddressManager extends AutoCloseable {

    /** Adds the address; success when it is already there. */
    void add(VipConfig vip) throws TakeoverException;

    /** Removes the address; {@code true} if it was there and was removed, {@code false} if absent. */
    boolean remove(VipConfig vip) throws TakeoverException;

    /** Whether the address is configured on the VIP's interface. */
    boolean isPresent(VipConfig vip) throws TakeoverException;

    /** Releases native resources (sockets); the default has none. */
    @Override
    default void close() {
    }
}
