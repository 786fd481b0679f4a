package io.heartline.takeover;

import io.heartline.core.config.VipConfig;

/**
 * Announces a VIP on its interface so that neighbours and switches move it to our MAC: one
 * gratuitous ARP frame per call for IPv4, one unsolicited neighbour advertisement for IPv6.
 * The burst and its timing belong to {@link Takeover}.
 */
public interface GarpSender extends AutoCloseable {

    /** Sends one announcement for the VIP, on its interface. */
    void send(VipConfig vip) throws TakeoverException;

    /**
     * Sends both forms of the announcement where there are two (IPv4: the request, then the reply);
     * one announcement where there is one.
     */
    default void sendBoth(VipConfig vip) throws TakeoverException {
        send(vip);
    }

    /** Releases native resources (sockets); the default has none. */
    @Override
    default void close() {
    }
}
