/**
 * Heartbeat media and the beacon wire format.
 *
 * <p>A {@link io.heartline.heartbeat.Beacon} is what each node sends every {@code interval}: who
 * it is, which run of its daemon ({@code incarnation}) and which beacon of that run ({@code seq}),
 * its group adverts and handoff requests. {@link io.heartline.heartbeat.BeaconCodec} turns it into
 * a versioned binary frame signed with HMAC-SHA256; {@link io.heartline.heartbeat.ReplayWindow}
 * refuses old and repeated frames.
 *
 * <p>Each way of carrying frames is a {@link io.heartline.heartbeat.HeartbeatMedium}, built on
 * {@link io.heartline.heartbeat.AbstractMedium}, which verifies, filters and counts
 * ({@link io.heartline.heartbeat.MediumStats}) before a
 * {@link io.heartline.heartbeat.BeaconListener} hears anything:
 *
 * <pre>
 *  send(beacon) ─ encode+sign ─▶ queue ─▶ sender thread ─▶ transmit(frame)     (subclass)
 *  receive(bytes) (subclass) ─▶ decode ─▶ MAC ─▶ SELF? ─▶ known node? ─▶ replay? ─▶ listener
 * </pre>
 *
 * <p>{@link io.heartline.heartbeat.JGroupsMedium} is the network medium (UDP multicast, or TCP
 * where multicast is not allowed; stacks in {@link io.heartline.heartbeat.JGroupsStacks}).
 * {@link io.heartline.heartbeat.SerialMedium} is the serial link: frames go on the line as
 * {@link io.heartline.heartbeat.SerialFramer} frames them and are found again by
 * {@link io.heartline.heartbeat.SerialDeframer}; the device is reopened by itself after a failure. Every
 * medium is tested with the contract kit {@code HeartbeatMediumContract}, published in this
 * module's test jar.
 */
package io.heartline.heartbeat;
