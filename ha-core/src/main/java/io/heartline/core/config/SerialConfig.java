package io.heartline.core.config;

/** A serial heartbeat link (null-modem cable or USB adapter): device path and baud rate, 8N1. */
public record SerialConfig(String name, String device, int baud) implements MediumConfig {
}
