package io.heartline.takeover;

/**
 * Counters of a {@link Takeover} since it was built, for metrics.
 *
 * @param garpSent          announcement frames (gratuitous ARP / unsolicited NA) sent
 * @param garpFailures      announcement frames that could not be sent
 * @param addressesAdded    successful adds (an address already there counts too)
 * @param addressesRemoved  addresses that were there and were removed
 */
public record TakeoverStats(long garpSent, long garpFailures, long addressesAdded, long addressesRemoved) {
}
