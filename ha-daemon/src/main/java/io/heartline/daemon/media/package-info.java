/**
 * Heartbeat media as the daemon sees them: building them from the config ({@link io.heartline.daemon.media.MediaService}), the listener that turns beacons into loop events, per-link quality, our own link watcher, the beacon sender and its pacer.
 */
package io.heartline.daemon.media;
