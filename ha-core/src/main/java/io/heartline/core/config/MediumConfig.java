package io.heartline.core.config;

/** One heartbeat medium. Every medium carries the same authenticated beacons. */
public sealed interface MediumConfig permits MulticastConfig, UnicastConfig, SerialConfig, UdpConfig {
    /** Unique name shown in status ("multicast", "serial", ...). */
    String name();
}
