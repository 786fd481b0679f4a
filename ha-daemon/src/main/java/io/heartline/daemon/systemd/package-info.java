/**
 * systemd integration: {@code sd_notify} (READY, STATUS, STOPPING, WATCHDOG) over a libc
 * datagram socket, and a watchdog that pings only while the event loop answers. Everything is a
 * no-op when the daemon does not run under systemd. The unit is {@code etc/heartline.service}.
 */
package io.heartline.daemon.systemd;
